-- prune_agreement_areas: for staged agreements, drop covered areas the batch no longer lists.
-- Parameters: none. Returns: nothing (changes() counts the rows removed).
DELETE FROM agreement_areas
WHERE agreement_id IN (SELECT id FROM stage_agreements)
  AND (agreement_id, area_code) NOT IN (SELECT agreement_id, area_code FROM stage_agreement_areas)
