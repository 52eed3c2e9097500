-- add_employments: add staged employments, update the fte of changed ones.
-- Parameters: none. Returns: nothing (changes() counts the rows written).
INSERT INTO employments (professional_id, organisation_id, fte)
SELECT professional_id, organisation_id, fte FROM stage_employments WHERE true
ON CONFLICT (professional_id, organisation_id) DO UPDATE SET fte = excluded.fte
WHERE employments.fte IS NOT excluded.fte
