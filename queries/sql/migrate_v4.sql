-- migrate_v4: bring a schema_version 3 database up to version 4 (run as a script, once).
-- Parameters: none. Returns: nothing. Version 4 adds the survey records, whose tables
-- survey_schema.sql creates on every open (after this script), for new and old files alike.
UPDATE meta SET value = '4' WHERE key = 'schema_version';
