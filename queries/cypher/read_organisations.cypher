// read_organisations: organisations in a scope, with the areas each serves.
// Parameters: $municipality (CBS GMxxxx, or null for all), $areas (area codes; empty for
// every area; an area includes the areas below it).
// Returns: id, name, sector, municipality, kvk, capacity, parent_id, description, expertise
// (list or null), areas.
MATCH (o:Organisation)
WHERE ($municipality IS NULL OR o.municipality = $municipality)
  AND (size($areas) = 0
       OR EXISTS { (o)-[:SERVES]->(:Area)-[:PART_OF*0..]->(w:Area) WHERE w.code IN $areas })
RETURN o.id AS id, o.name AS name, o.sector AS sector, o.municipality AS municipality,
       o.kvk AS kvk, o.capacity AS capacity, o.parent_id AS parent_id, o.description AS description,
       o.expertise AS expertise, [(o)-[:SERVES]->(a:Area) | a.code] AS areas
