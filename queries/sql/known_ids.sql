-- known_ids: every key the store holds, with its kind.
-- Parameters: none. Returns: kind ('area', 'organisation', 'professional', 'agreement'), id.
SELECT 'area' AS kind, code AS id FROM areas
UNION ALL SELECT 'organisation', id FROM organisations
UNION ALL SELECT 'professional', id FROM professionals
UNION ALL SELECT 'agreement', id FROM agreements
