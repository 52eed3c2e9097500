// lock_store: take the store's write lock, so loads queue instead of interleaving.
// Parameters: none. Returns: revision. Setting a property locks the node until commit.
MERGE (m:Meta {key: 'store'})
  ON CREATE SET m.revision = 0
SET m.locked = true
REMOVE m.locked
RETURN m.revision AS revision
