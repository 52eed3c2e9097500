-- insert_survey_round: store a new survey round (a taken id breaks the primary key).
-- Parameters: :round_id, :name, :period (period code), :closes (ISO date), :created_by,
-- :created_at (ISO time), :closed_at (ISO time or NULL). Returns: nothing.
INSERT INTO survey_rounds (id, name, period, closes, created_by, created_at, closed_at)
VALUES (:round_id, :name, :period, :closes, :created_by, :created_at, :closed_at)
