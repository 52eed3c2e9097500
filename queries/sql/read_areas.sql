-- read_areas: every area (reference data, never scoped).
-- Parameters: none. Returns: code, name, level, parent.
SELECT code, name, level, parent FROM areas ORDER BY code
