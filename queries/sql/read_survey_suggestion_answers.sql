-- read_survey_suggestion_answers: the "kennismaken" answers of the versions read_survey_responses reads.
-- Parameters: :round_id, :organisation (or NULL), :latest (1 or 0), as read_survey_responses.
-- Returns: organisation_id, version, partner_id, answer.
SELECT s.organisation_id, s.version, s.partner_id, s.answer
FROM survey_suggestion_answers AS s
WHERE s.round_id = :round_id
  AND (:organisation IS NULL OR s.organisation_id = :organisation)
  AND (:latest = 0 OR s.version = (
        SELECT max(m.version) FROM survey_responses AS m
        WHERE m.round_id = s.round_id AND m.organisation_id = s.organisation_id))
ORDER BY s.organisation_id, s.version, s.partner_id
