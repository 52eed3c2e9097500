// add_tie_answers: the tie answers of one stored response version.
// Parameters: $rows, each {round_id, organisation, version, partner, status, new_name,
// frequency (or null), rating_items, rating_scores (parallel lists, or null)}. Returns: written.
UNWIND $rows AS row
MATCH (r:SurveyResponse {round_id: row.round_id, organisation: row.organisation, version: row.version})
CREATE (r)-[:HAS_TIE]->(t:TieAnswer)
SET t.partner = row.partner, t.status = row.status, t.new_name = row.new_name,
    t.frequency = row.frequency, t.rating_items = row.rating_items, t.rating_scores = row.rating_scores
RETURN count(*) AS written
