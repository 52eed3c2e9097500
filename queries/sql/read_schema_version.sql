-- read_schema_version: the version of the tables this database file holds.
-- Parameters: none. Returns: value (1 for a file made before version 2 existed).
SELECT CAST(value AS INTEGER) AS value FROM meta WHERE key = 'schema_version'
