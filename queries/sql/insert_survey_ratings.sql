-- insert_survey_ratings: one rating of a tie answer (once per rated item).
-- Parameters: :round_id, :organisation, :version, :position, :item, :score (1-4).
-- Returns: nothing.
INSERT INTO survey_ratings (round_id, organisation_id, version, position, item, score)
VALUES (:round_id, :organisation, :version, :position, :item, :score)
