-- bump_revision: raise the revision counter by one.
-- Parameters: none. Returns: nothing.
UPDATE meta SET value = CAST(value AS INTEGER) + 1 WHERE key = 'revision'
