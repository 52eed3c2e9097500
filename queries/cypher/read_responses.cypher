// read_responses: stored response versions of a round, by organisation, oldest version first.
// Parameters: $round_id, $organisation (one organisation, or null for all), $latest (true:
// only each organisation's latest version).
// Returns: organisation, version, submitted, by, at, suggestion_partners, suggestion_answers
// (parallel lists or null), ties: a list of [partner, status, new_name, frequency,
// rating_items, rating_scores] (the last three may be null).
MATCH (r:SurveyResponse {round_id: $round_id})
WHERE ($organisation IS NULL OR r.organisation = $organisation)
  AND (NOT $latest OR NOT EXISTS {
    MATCH (later:SurveyResponse {round_id: r.round_id, organisation: r.organisation})
    WHERE later.version > r.version
  })
RETURN r.organisation AS organisation, r.version AS version, r.submitted AS submitted,
       r.by AS by, r.at AS at, r.suggestion_partners AS suggestion_partners,
       r.suggestion_answers AS suggestion_answers,
       [(r)-[:HAS_TIE]->(t:TieAnswer) |
        [t.partner, t.status, t.new_name, t.frequency, t.rating_items, t.rating_scores]] AS ties
ORDER BY organisation, version
