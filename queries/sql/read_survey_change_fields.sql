-- read_survey_change_fields: the proposed field values of the corrections read_survey_changes reads.
-- Parameters: :change_id (or NULL), :status (or NULL), as read_survey_changes.
-- Returns: change_id, field, value.
SELECT f.change_id, f.field, f.value
FROM survey_change_fields AS f JOIN survey_changes AS c ON c.id = f.change_id
WHERE (:change_id IS NULL OR c.id = :change_id) AND (:status IS NULL OR c.status = :status)
ORDER BY f.change_id, f.field
