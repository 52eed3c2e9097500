-- prune_employments: for staged professionals, drop employments the batch no longer lists.
-- Parameters: none. Returns: nothing (changes() counts the rows removed).
DELETE FROM employments
WHERE professional_id IN (SELECT id FROM stage_professionals)
  AND (professional_id, organisation_id) NOT IN (SELECT professional_id, organisation_id FROM stage_employments)
