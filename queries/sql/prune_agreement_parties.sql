-- prune_agreement_parties: for staged agreements, drop parties the batch no longer lists.
-- Parameters: none. Returns: nothing (changes() counts the rows removed).
DELETE FROM agreement_parties
WHERE agreement_id IN (SELECT id FROM stage_agreements)
  AND (agreement_id, organisation_id) NOT IN (SELECT agreement_id, organisation_id FROM stage_agreement_parties)
