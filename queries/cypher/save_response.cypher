// save_response: store one version of an organisation's answers in a round (its tie
// answers follow in add_tie_answers); the version is unique per round and organisation.
// Parameters: $round_id, $organisation, $version, $submitted, $by, $at (ISO time),
// $suggestion_partners, $suggestion_answers (parallel lists, or null for none).
// Returns: version (no row for an unknown round).
MATCH (s:SurveyRound {id: $round_id})
CREATE (r:SurveyResponse {round_id: $round_id, organisation: $organisation, version: $version})
SET r.submitted = $submitted, r.by = $by, r.at = $at,
    r.suggestion_partners = $suggestion_partners, r.suggestion_answers = $suggestion_answers
CREATE (r)-[:IN_ROUND]->(s)
RETURN r.version AS version
