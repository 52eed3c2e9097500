// read_reported: the "gemeld" layer: ties named in each organisation's latest submitted
// version per round, to a partner the store holds; the reporter must be held too.
// Parameters: $statuses (tie statuses that say a tie exists), $organisation_ids (ids in
// scope: ties whose reporter or partner is one of them; null for every tie).
// Returns: reporter, partner, round_id, period (the round's period code).
MATCH (r:SurveyResponse {submitted: true})-[:IN_ROUND]->(s:SurveyRound)
WHERE NOT EXISTS {
  MATCH (later:SurveyResponse {round_id: r.round_id, organisation: r.organisation, submitted: true})
  WHERE later.version > r.version
}
MATCH (r)-[:HAS_TIE]->(t:TieAnswer)
WHERE t.status IN $statuses AND t.partner <> ''
  AND ($organisation_ids IS NULL OR r.organisation IN $organisation_ids OR t.partner IN $organisation_ids)
  AND EXISTS { MATCH (:Organisation {id: r.organisation}) }
  AND EXISTS { MATCH (:Organisation {id: t.partner}) }
RETURN DISTINCT r.organisation AS reporter, t.partner AS partner, s.id AS round_id, s.period AS period
ORDER BY round_id, reporter, partner
