// read_organisations: organisations in a scope, with the areas each serves.
// Parameters: $municipality (CBS GMxxxx, or null for all), $areas (area codes; empty for
// every area; an area includes the areas below it).
// Returns: chunk: lists of up to 5,000 rows, each a list [id, name, sector, municipality, kvk,
// capacity, parent_id, description, expertise (list or null), areas]. Rows travel in chunks
// because the Python driver spends far more on each record than on the values in it, and as
// lists because a map sends every key again with every row. A scope by area starts from the
// area_code index and walks PART_OF and SERVES to the organisations, and one by municipality
// alone starts from the organisation_municipality index: no scan of all of them. Each branch
// tests its parameters in a WITH before its MATCH, so a branch that does not apply reads
// nothing (a WHERE on the MATCH itself would scan the label first and then drop every row).
// USING INDEX SEEK: without it the server sometimes planned a scan of the whole index per id.
CALL () {
  WITH $areas AS areas, $municipality AS municipality
  WHERE size(areas) = 0 AND municipality IS NULL
  MATCH (o:Organisation)
  RETURN o
  UNION
  WITH $areas AS areas
  WHERE size(areas) = 0
  MATCH (o:Organisation {municipality: $municipality})
  RETURN o
  UNION
  MATCH (w:Area)<-[:PART_OF*0..]-(:Area)<-[:SERVES]-(o:Organisation)
  USING INDEX SEEK w:Area(code)
  WHERE w.code IN $areas
  RETURN o
}
WITH o
WHERE $municipality IS NULL OR o.municipality = $municipality
WITH collect([o.id, o.name, o.sector, o.municipality, o.kvk, o.capacity, o.parent_id, o.description,
              o.expertise, [(o)-[:SERVES]->(a) | a.code]]) AS rows
UNWIND range(0, size(rows) - 1, 5000) AS start
RETURN rows[start..start + 5000] AS chunk
