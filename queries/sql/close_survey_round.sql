-- close_survey_round: mark a round closed, unless it is closed already (the first time stays).
-- Parameters: :round_id, :at (ISO time). Returns: nothing (changes() is 1 if it was open).
UPDATE survey_rounds SET closed_at = :at WHERE id = :round_id AND closed_at IS NULL
