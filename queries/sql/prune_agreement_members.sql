-- prune_agreement_members: for staged agreements, drop members the batch no longer lists.
-- Parameters: none. Returns: nothing (changes() counts the rows removed).
DELETE FROM agreement_members
WHERE agreement_id IN (SELECT id FROM stage_agreements)
  AND (agreement_id, professional_id) NOT IN (SELECT agreement_id, professional_id FROM stage_agreement_members)
