// upsert_areas: create or update areas (the plan holds only new or changed ones).
// Parameters: $rows, each {code, name, name_folded, level, indicator_names (list or null),
// indicator_values (floats, same order, or null), boundary (GeoJSON geometry text or null)}.
// Returns: written. A null removes the property: an area without indicators has none.
UNWIND $rows AS row
MERGE (a:Area {code: row.code})
SET a.name = row.name, a.name_folded = row.name_folded, a.level = row.level,
    a.indicator_names = row.indicator_names, a.indicator_values = row.indicator_values,
    a.boundary = row.boundary
RETURN count(*) AS written
