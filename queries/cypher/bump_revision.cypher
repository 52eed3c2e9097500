// bump_revision: raise the revision counter after a write that changed something.
// Parameters: none. Returns: revision (the new value).
MERGE (m:Meta {key: 'store'})
SET m.revision = coalesce(m.revision, 0) + 1
RETURN m.revision AS revision
