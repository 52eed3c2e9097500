-- read_survey_rounds: survey rounds, newest (created_at) first, then by id.
-- Parameters: :round_id (one round, or NULL for every round).
-- Returns: id, name, period (code), closes (ISO date), created_by, created_at, closed_at.
SELECT id, name, period, closes, created_by, created_at, closed_at
FROM survey_rounds
WHERE :round_id IS NULL OR id = :round_id
ORDER BY created_at DESC, id
