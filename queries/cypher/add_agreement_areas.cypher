// add_agreement_areas: link agreements to the areas they cover.
// Parameters: $rows, each {agreement_id, area_code}. Returns: written.
UNWIND $rows AS row
MATCH (g:Agreement {id: row.agreement_id})
MATCH (a:Area {code: row.area_code})
MERGE (g)-[:COVERS]->(a)
RETURN count(*) AS written
