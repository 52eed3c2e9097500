-- merge_organisations: insert staged organisations, update changed ones, leave equal ones alone.
-- Parameters: none. Returns: nothing (changes() counts the rows written).
INSERT INTO organisations (
    id, name, name_folded, sector, municipality, kvk, capacity, parent_id, description, expertise
)
SELECT id, name, name_folded, sector, municipality, kvk, capacity, parent_id, description, expertise
FROM stage_organisations WHERE true
ON CONFLICT (id) DO UPDATE SET
    name = excluded.name, name_folded = excluded.name_folded, sector = excluded.sector,
    municipality = excluded.municipality, kvk = excluded.kvk, capacity = excluded.capacity,
    parent_id = excluded.parent_id, description = excluded.description, expertise = excluded.expertise
WHERE (organisations.name, organisations.sector, organisations.municipality, organisations.kvk,
       organisations.capacity, organisations.parent_id, organisations.description, organisations.expertise)
   IS NOT (excluded.name, excluded.sector, excluded.municipality, excluded.kvk,
           excluded.capacity, excluded.parent_id, excluded.description, excluded.expertise)
