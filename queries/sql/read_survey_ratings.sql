-- read_survey_ratings: the ratings of the response versions read_survey_responses reads.
-- Parameters: :round_id, :organisation (or NULL), :latest (1 or 0), as read_survey_responses.
-- Returns: organisation_id, version, position, item, score.
SELECT g.organisation_id, g.version, g.position, g.item, g.score
FROM survey_ratings AS g
WHERE g.round_id = :round_id
  AND (:organisation IS NULL OR g.organisation_id = :organisation)
  AND (:latest = 0 OR g.version = (
        SELECT max(m.version) FROM survey_responses AS m
        WHERE m.round_id = g.round_id AND m.organisation_id = g.organisation_id))
ORDER BY g.organisation_id, g.version, g.position, g.item
