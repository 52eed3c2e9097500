-- read_survey_invitations: which organisations each round invited.
-- Parameters: :round_id (one round, or NULL for every round). Returns: round_id, organisation_id.
SELECT round_id, organisation_id
FROM survey_invitations
WHERE :round_id IS NULL OR round_id = :round_id
ORDER BY round_id, organisation_id
