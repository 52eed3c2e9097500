// add_organisation_areas: link organisations to the areas they serve.
// Parameters: $rows, each {organisation_id, area_code}. Returns: written.
UNWIND $rows AS row
MATCH (o:Organisation {id: row.organisation_id})
MATCH (a:Area {code: row.area_code})
MERGE (o)-[:SERVES]->(a)
RETURN count(*) AS written
