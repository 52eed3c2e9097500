// read_rounds: survey rounds, newest first.
// Parameters: $id (one round, or null for every round).
// Returns: id, name, period (code), closes (date), invited (list or null), created_by,
// created_at, closed_at (null while open).
MATCH (s:SurveyRound)
WHERE $id IS NULL OR s.id = $id
RETURN s.id AS id, s.name AS name, s.period AS period, s.closes AS closes, s.invited AS invited,
       s.created_by AS created_by, s.created_at AS created_at, s.closed_at AS closed_at
ORDER BY created_at DESC, id
