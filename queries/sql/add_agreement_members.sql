-- add_agreement_members: add staged agreement members that are not stored yet.
-- Parameters: none. Returns: nothing (changes() counts the rows added).
INSERT OR IGNORE INTO agreement_members (agreement_id, professional_id)
SELECT agreement_id, professional_id FROM stage_agreement_members
