-- read_agreement_areas: the areas every agreement covers (filtered to read agreements in code).
-- Parameters: none. Returns: agreement_id, area_code.
SELECT agreement_id, area_code FROM agreement_areas ORDER BY agreement_id, area_code
