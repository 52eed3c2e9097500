-- decide_survey_change: record the decision on a correction that is still pending.
-- Parameters: :change_id, :status (accepted or rejected), :decided_by, :decided_at (ISO time),
-- :reason. Returns: nothing (changes() is 0 if the id is unknown or already decided).
UPDATE survey_changes
SET status = :status, decided_by = :decided_by, decided_at = :decided_at, reason = :reason
WHERE id = :change_id AND status = 'pending'
