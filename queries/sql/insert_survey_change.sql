-- insert_survey_change: store a proposed correction, pending (a taken id breaks the primary key).
-- Parameters: :change_id, :organisation ('' proposes a new organisation), :proposed_by,
-- :proposed_at (ISO time). Returns: nothing.
INSERT INTO survey_changes (id, organisation_id, proposed_by, proposed_at, status)
VALUES (:change_id, :organisation, :proposed_by, :proposed_at, 'pending')
