-- list_loads: every logged file set, oldest first.
-- Parameters: none. Returns: fingerprint, loaded_at, source, files (JSON), counts (JSON).
SELECT fingerprint, loaded_at, source, files, counts FROM loads ORDER BY loaded_at, fingerprint
