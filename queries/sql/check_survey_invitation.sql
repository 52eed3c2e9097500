-- check_survey_invitation: whether a round exists, invited an organisation, and is closed.
-- Parameters: :round_id, :organisation. Returns: one row with round_known, invited (0 or 1)
-- and closed_at (the ISO time the round closed, NULL while it is open or unknown).
SELECT
    EXISTS (SELECT 1 FROM survey_rounds WHERE id = :round_id) AS round_known,
    EXISTS (
        SELECT 1 FROM survey_invitations WHERE round_id = :round_id AND organisation_id = :organisation
    ) AS invited,
    (SELECT closed_at FROM survey_rounds WHERE id = :round_id) AS closed_at
