-- read_survey_pair_decisions: every remembered pair verdict, by pair.
-- Parameters: none. Returns: first_id, second_id, same (0 or 1), decided_by, decided_at.
SELECT first_id, second_id, same, decided_by, decided_at
FROM survey_pair_decisions
ORDER BY first_id, second_id
