-- read_areas: every area (reference data, never scoped).
-- Parameters: none. Returns: code, name, level, parent, indicators (JSON object), boundary.
SELECT code, name, level, parent, indicators, boundary FROM areas ORDER BY code
