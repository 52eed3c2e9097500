// list_loads: every logged file set, oldest first.
// Parameters: none. Returns: fingerprint, loaded_at, source, files (list), counts (JSON).
MATCH (l:Load)
RETURN l.fingerprint AS fingerprint, l.loaded_at AS loaded_at, l.source AS source,
       l.files AS files, l.counts AS counts
ORDER BY loaded_at, fingerprint
