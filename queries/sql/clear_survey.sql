-- clear_survey: remove every survey record (run as a script, only by Store.clear).
-- Parameters: none. Returns: nothing. A load, even with --replace, leaves these alone.
DELETE FROM survey_pair_decisions;
DELETE FROM survey_change_fields;
DELETE FROM survey_changes;
DELETE FROM survey_ratings;
DELETE FROM survey_suggestion_answers;
DELETE FROM survey_tie_answers;
DELETE FROM survey_responses;
DELETE FROM survey_invitations;
DELETE FROM survey_rounds;
