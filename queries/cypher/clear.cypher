// clear: remove every record; the load log and the revision counter stay (clear_loads
// empties the log, for Store.clear only: a replace keeps the history of loads).
// Parameters: none. Returns: written (nodes removed).
MATCH (n:Organisation|Professional|Agreement|Area)
DETACH DELETE n
RETURN count(*) AS written
