// read_areas: every area (reference data, never scoped).
// Parameters: none. Returns: code, name, level, parent (code or null), indicator_names and
// indicator_values (parallel lists, or null), boundary (GeoJSON geometry text or null).
MATCH (a:Area)
OPTIONAL MATCH (a)-[:PART_OF]->(p:Area)
RETURN a.code AS code, a.name AS name, a.level AS level, p.code AS parent,
       a.indicator_names AS indicator_names, a.indicator_values AS indicator_values, a.boundary AS boundary
