-- upsert_survey_pair_decision: remember a verdict on a probable duplicate pair; a later one
-- replaces it (an equal verdict writes nothing).
-- Parameters: :first, :second (organisation ids, first <= second), :same (0 or 1),
-- :decided_by, :decided_at (ISO time). Returns: nothing (changes() counts the row written).
INSERT INTO survey_pair_decisions (first_id, second_id, same, decided_by, decided_at)
VALUES (:first, :second, :same, :decided_by, :decided_at)
ON CONFLICT (first_id, second_id) DO UPDATE SET
    same = excluded.same, decided_by = excluded.decided_by, decided_at = excluded.decided_at
WHERE (survey_pair_decisions.same, survey_pair_decisions.decided_by, survey_pair_decisions.decided_at)
   IS NOT (excluded.same, excluded.decided_by, excluded.decided_at)
