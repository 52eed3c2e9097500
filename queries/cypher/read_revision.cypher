// read_revision: the revision counter, raised by every write that changed something.
// Parameters: none. Returns: revision (0 for a new store).
OPTIONAL MATCH (m:Meta {key: 'store'})
RETURN coalesce(m.revision, 0) AS revision
