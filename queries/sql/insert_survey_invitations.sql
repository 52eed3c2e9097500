-- insert_survey_invitations: invite one organisation to a round (run once per organisation).
-- Parameters: :round_id, :organisation (organisation id). Returns: nothing.
INSERT INTO survey_invitations (round_id, organisation_id) VALUES (:round_id, :organisation)
