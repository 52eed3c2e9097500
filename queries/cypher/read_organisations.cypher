// read_organisations: organisations in a scope, with the areas each serves.
// Parameters: $municipality (CBS GMxxxx, or null for all), $areas (area codes; empty for
// every area; an area includes the areas below it).
// Returns: chunk: lists of up to 5,000 rows {id, name, sector, municipality, kvk, capacity,
// parent_id, description, expertise (list or null), areas}. Rows travel in chunks because the
// Python driver spends far more on each record than on the values in it.
CALL () {
  OPTIONAL MATCH (w:Area)<-[:PART_OF*0..]-(inside:Area)
  WHERE w.code IN $areas
  RETURN collect(DISTINCT inside.code) AS inside
}
MATCH (o:Organisation)
WHERE ($municipality IS NULL OR o.municipality = $municipality)
  AND (size($areas) = 0 OR EXISTS { (o)-[:SERVES]->(a:Area) WHERE a.code IN inside })
WITH collect({id: o.id, name: o.name, sector: o.sector, municipality: o.municipality, kvk: o.kvk,
              capacity: o.capacity, parent_id: o.parent_id, description: o.description,
              expertise: o.expertise, areas: [(o)-[:SERVES]->(a:Area) | a.code]}) AS rows
UNWIND range(0, size(rows) - 1, 5000) AS start
RETURN rows[start..start + 5000] AS chunk
