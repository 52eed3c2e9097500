// clear_loads: empty the load log (Store.clear only; a replace keeps the log).
// Parameters: none. Returns: written (nodes removed).
MATCH (n:Load)
DETACH DELETE n
RETURN count(*) AS written
