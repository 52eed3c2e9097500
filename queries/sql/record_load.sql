-- record_load: log a loaded file set once; a re-load of the same content adds nothing.
-- Parameters: :fingerprint, :loaded_at (ISO time), :source, :files (JSON array), :counts (JSON object).
-- Returns: nothing.
INSERT OR IGNORE INTO loads (fingerprint, loaded_at, source, files, counts)
VALUES (:fingerprint, :loaded_at, :source, :files, :counts)
