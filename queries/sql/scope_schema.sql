-- scope_schema: empty per-connection tables holding the ids a scoped snapshot reads.
-- Parameters: none. Returns: nothing. Run as a script inside the read transaction.
CREATE TEMP TABLE IF NOT EXISTS scope_organisations (id TEXT PRIMARY KEY);
CREATE TEMP TABLE IF NOT EXISTS scope_professionals (id TEXT PRIMARY KEY);
DELETE FROM scope_organisations;
DELETE FROM scope_professionals;
