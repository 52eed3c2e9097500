-- insert_survey_suggestion_answers: one "kennismaken" answer of a stored response version.
-- Parameters: :round_id, :organisation, :version, :partner, :answer. Returns: nothing.
INSERT INTO survey_suggestion_answers (round_id, organisation_id, version, partner_id, answer)
VALUES (:round_id, :organisation, :version, :partner, :answer)
