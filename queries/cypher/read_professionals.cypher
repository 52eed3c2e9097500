// read_professionals: professionals employed in scope, with those employments only.
// Parameters: $organisation_ids (ids in scope, or null for every professional and job).
// Returns: chunk: lists of up to 5,000 rows {id, name, role, expertise, employments (list of
// {organisation_id, fte})}.
MATCH (p:Professional)
WHERE $organisation_ids IS NULL
   OR EXISTS { (p)-[:WORKS_FOR]->(o:Organisation) WHERE o.id IN $organisation_ids }
WITH collect({id: p.id, name: p.name, role: p.role, expertise: p.expertise,
              employments: [(p)-[w:WORKS_FOR]->(o:Organisation)
                            WHERE $organisation_ids IS NULL OR o.id IN $organisation_ids
                            | {organisation_id: o.id, fte: w.fte}]}) AS rows
UNWIND range(0, size(rows) - 1, 5000) AS start
RETURN rows[start..start + 5000] AS chunk
