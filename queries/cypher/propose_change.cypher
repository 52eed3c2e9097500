// propose_change: store a proposed correction; a taken id breaks the proposed_change_id
// constraint.
// Parameters: $id, $organisation ('' for a new organisation), $field_names, $field_values
// (parallel lists), $by, $at (ISO time), $status. Returns: id.
CREATE (c:ProposedChange {id: $id})
SET c.organisation = $organisation, c.field_names = $field_names, c.field_values = $field_values,
    c.by = $by, c.at = $at, c.status = $status
RETURN c.id AS id
