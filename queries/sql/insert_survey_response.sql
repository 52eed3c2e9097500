-- insert_survey_response: store one version of an organisation's answers in a round.
-- Parameters: :round_id, :organisation, :version, :submitted (0 or 1), :saved_by,
-- :saved_at (ISO time). Returns: nothing.
INSERT INTO survey_responses (round_id, organisation_id, version, submitted, saved_by, saved_at)
VALUES (:round_id, :organisation, :version, :submitted, :saved_by, :saved_at)
