-- read_survey_changes: proposed corrections, oldest (proposed_at) first, then by id.
-- Parameters: :change_id (one, or NULL for all), :status (one status, or NULL for all).
-- Returns: id, organisation_id, proposed_by, proposed_at, status, decided_by, decided_at, reason.
SELECT id, organisation_id, proposed_by, proposed_at, status, decided_by, decided_at, reason
FROM survey_changes
WHERE (:change_id IS NULL OR id = :change_id) AND (:status IS NULL OR status = :status)
ORDER BY proposed_at, id
