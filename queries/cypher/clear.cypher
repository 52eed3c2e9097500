// clear: remove every record and the load log; the revision counter stays.
// Parameters: none. Returns: written (nodes removed).
MATCH (n:Organisation|Professional|Agreement|Area|Load)
DETACH DELETE n
RETURN count(*) AS written
