// clear_survey: remove every survey record (Store.clear only; a load, even a replace,
// keeps them).
// Parameters: none. Returns: written (nodes removed).
MATCH (n:SurveyRound|SurveyResponse|TieAnswer|ProposedChange|PairDecision)
DETACH DELETE n
RETURN count(*) AS written
