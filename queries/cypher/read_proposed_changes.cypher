// read_proposed_changes: proposed corrections, oldest first.
// Parameters: $id (one change, or null for all), $status (only this status, or null).
// Returns: id, organisation, field_names, field_values (parallel lists), by, at, status,
// decided_by, decided_at, reason (the last three null while pending).
MATCH (c:ProposedChange)
WHERE ($id IS NULL OR c.id = $id) AND ($status IS NULL OR c.status = $status)
RETURN c.id AS id, c.organisation AS organisation, c.field_names AS field_names,
       c.field_values AS field_values, c.by AS by, c.at AS at, c.status AS status,
       c.decided_by AS decided_by, c.decided_at AS decided_at, c.reason AS reason
ORDER BY at, id
