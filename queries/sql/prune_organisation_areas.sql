-- prune_organisation_areas: for staged organisations, drop served areas the batch no longer lists.
-- Parameters: none. Returns: nothing (changes() counts the rows removed).
DELETE FROM organisation_areas
WHERE organisation_id IN (SELECT id FROM stage_organisations)
  AND (organisation_id, area_code) NOT IN (SELECT organisation_id, area_code FROM stage_organisation_areas)
