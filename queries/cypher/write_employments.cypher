// write_employments: add employments, or set the fte of changed ones.
// Parameters: $rows, each {professional_id, organisation_id, fte}. Returns: written.
UNWIND $rows AS row
MATCH (p:Professional {id: row.professional_id})
MATCH (o:Organisation {id: row.organisation_id})
MERGE (p)-[w:WORKS_FOR]->(o)
SET w.fte = row.fte
RETURN count(*) AS written
