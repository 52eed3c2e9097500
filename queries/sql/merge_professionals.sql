-- merge_professionals: insert staged professionals, update changed ones, leave equal ones alone.
-- Parameters: none. Returns: nothing (changes() counts the rows written).
INSERT INTO professionals (id, name, name_folded, role, expertise)
SELECT id, name, name_folded, role, expertise FROM stage_professionals WHERE true
ON CONFLICT (id) DO UPDATE SET
    name = excluded.name, name_folded = excluded.name_folded, role = excluded.role, expertise = excluded.expertise
WHERE (professionals.name, professionals.role, professionals.expertise)
   IS NOT (excluded.name, excluded.role, excluded.expertise)
