// open_round: store a new survey round; a taken id breaks the survey_round_id constraint.
// Parameters: $id, $name, $period (period code), $closes (date), $invited (organisation ids,
// or null for none), $created_by, $created_at (ISO time). Returns: id.
CREATE (s:SurveyRound {id: $id})
SET s.name = $name, s.period = $period, s.closes = $closes, s.invited = $invited,
    s.created_by = $created_by, s.created_at = $created_at
RETURN s.id AS id
