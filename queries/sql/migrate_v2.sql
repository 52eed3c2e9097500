-- migrate_v2: bring a schema_version 1 database up to version 2 (run as a script, once).
-- Parameters: none. Returns: nothing. Version 2 adds organisations.expertise (JSON array),
-- areas.indicators (JSON object, keys sorted) and areas.boundary (GeoJSON geometry text).
ALTER TABLE organisations ADD COLUMN expertise TEXT NOT NULL DEFAULT '[]';
ALTER TABLE areas ADD COLUMN indicators TEXT NOT NULL DEFAULT '{}';
ALTER TABLE areas ADD COLUMN boundary TEXT;
UPDATE meta SET value = '2' WHERE key = 'schema_version';
