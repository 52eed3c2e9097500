-- merge_areas: insert staged areas, update those whose fields differ, leave equal ones alone.
-- Parameters: none. Returns: nothing (changes() counts the rows written).
-- indicators are compared as text: the store writes them in one canonical JSON form.
INSERT INTO areas (code, name, level, parent, indicators, boundary)
SELECT code, name, level, parent, indicators, boundary FROM stage_areas WHERE true
ON CONFLICT (code) DO UPDATE SET
    name = excluded.name, level = excluded.level, parent = excluded.parent,
    indicators = excluded.indicators, boundary = excluded.boundary
WHERE (areas.name, areas.level, areas.parent, areas.indicators, areas.boundary)
   IS NOT (excluded.name, excluded.level, excluded.parent, excluded.indicators, excluded.boundary)
