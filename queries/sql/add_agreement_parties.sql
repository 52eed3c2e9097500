-- add_agreement_parties: add staged agreement parties that are not stored yet.
-- Parameters: none. Returns: nothing (changes() counts the rows added).
INSERT OR IGNORE INTO agreement_parties (agreement_id, organisation_id)
SELECT agreement_id, organisation_id FROM stage_agreement_parties
