-- merge_agreements: insert staged agreements, update changed ones, leave equal ones alone.
-- Parameters: none. Returns: nothing (changes() counts the rows written).
INSERT INTO agreements (id, name, name_folded, kind, start_date, end_date)
SELECT id, name, name_folded, kind, start_date, end_date FROM stage_agreements WHERE true
ON CONFLICT (id) DO UPDATE SET
    name = excluded.name, name_folded = excluded.name_folded, kind = excluded.kind,
    start_date = excluded.start_date, end_date = excluded.end_date
WHERE (agreements.name, agreements.kind, agreements.start_date, agreements.end_date)
   IS NOT (excluded.name, excluded.kind, excluded.start_date, excluded.end_date)
