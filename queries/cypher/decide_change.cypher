// decide_change: record an analyst's decision on a proposed correction.
// Parameters: $id, $status, $decided_by, $decided_at (ISO time), $reason.
// Returns: id (no row for an unknown id).
MATCH (c:ProposedChange {id: $id})
SET c.status = $status, c.decided_by = $decided_by, c.decided_at = $decided_at, c.reason = $reason
RETURN c.id AS id
