-- read_survey_tie_answers: the tie answers of the response versions read_survey_responses reads.
-- Parameters: :round_id, :organisation (or NULL), :latest (1 or 0), as read_survey_responses.
-- Returns: organisation_id, version, position, partner_id, new_name, status, frequency.
SELECT t.organisation_id, t.version, t.position, t.partner_id, t.new_name, t.status, t.frequency
FROM survey_tie_answers AS t
WHERE t.round_id = :round_id
  AND (:organisation IS NULL OR t.organisation_id = :organisation)
  AND (:latest = 0 OR t.version = (
        SELECT max(m.version) FROM survey_responses AS m
        WHERE m.round_id = t.round_id AND m.organisation_id = t.organisation_id))
ORDER BY t.organisation_id, t.version, t.position
