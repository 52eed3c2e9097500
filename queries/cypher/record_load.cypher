// record_load: log a loaded file set once; a re-load of the same content adds nothing.
// Parameters: $fingerprint, $loaded_at (ISO time), $source, $files (list of names),
// $counts (JSON object). Returns: fingerprint.
MERGE (l:Load {fingerprint: $fingerprint})
  ON CREATE SET l.loaded_at = $loaded_at, l.source = $source, l.files = $files, l.counts = $counts
RETURN l.fingerprint AS fingerprint
