-- merge_areas: insert staged areas, update those whose fields differ, leave equal ones alone.
-- Parameters: none. Returns: nothing (changes() counts the rows written).
INSERT INTO areas (code, name, level, parent)
SELECT code, name, level, parent FROM stage_areas WHERE true
ON CONFLICT (code) DO UPDATE SET name = excluded.name, level = excluded.level, parent = excluded.parent
WHERE (areas.name, areas.level, areas.parent) IS NOT (excluded.name, excluded.level, excluded.parent)
