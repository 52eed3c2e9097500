// upsert_areas: create or update areas (the plan holds only new or changed ones).
// Parameters: $rows, each {code, name, name_folded, level}. Returns: written.
UNWIND $rows AS row
MERGE (a:Area {code: row.code})
SET a.name = row.name, a.name_folded = row.name_folded, a.level = row.level
RETURN count(*) AS written
