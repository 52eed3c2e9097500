-- read_revision: the revision counter, raised by every write that changed something.
-- Parameters: none. Returns: value.
SELECT CAST(value AS INTEGER) AS value FROM meta WHERE key = 'revision'
