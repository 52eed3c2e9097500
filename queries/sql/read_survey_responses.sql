-- read_survey_responses: stored response versions of a round, by organisation and version.
-- Parameters: :round_id, :organisation (one organisation, or NULL for every one), :latest
-- (1: only each organisation's latest version; 0: every version).
-- Returns: organisation_id, version, submitted (0 or 1), saved_by, saved_at.
SELECT r.organisation_id, r.version, r.submitted, r.saved_by, r.saved_at
FROM survey_responses AS r
WHERE r.round_id = :round_id
  AND (:organisation IS NULL OR r.organisation_id = :organisation)
  AND (:latest = 0 OR r.version = (
        SELECT max(m.version) FROM survey_responses AS m
        WHERE m.round_id = r.round_id AND m.organisation_id = r.organisation_id))
ORDER BY r.organisation_id, r.version
