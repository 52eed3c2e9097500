// read_areas: every area (reference data, never scoped).
// Parameters: none. Returns: code, name, level, parent (code or null).
MATCH (a:Area)
OPTIONAL MATCH (a)-[:PART_OF]->(p:Area)
RETURN a.code AS code, a.name AS name, a.level AS level, p.code AS parent
