-- insert_survey_tie_answers: one tie answer of a stored response version (once per tie).
-- Parameters: :round_id, :organisation, :version, :position (the tie's place in the
-- response), :partner (organisation id, '' for a new one), :new_name, :status, :frequency
-- (1-5 or NULL). Returns: nothing.
INSERT INTO survey_tie_answers (
    round_id, organisation_id, version, position, partner_id, new_name, status, frequency
)
VALUES (:round_id, :organisation, :version, :position, :partner, :new_name, :status, :frequency)
