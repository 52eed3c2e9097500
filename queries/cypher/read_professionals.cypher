// read_professionals: professionals employed in scope, with those employments only.
// Parameters: $organisation_ids (ids in scope, or null for every professional and job).
// Returns: id, name, role, expertise, employments (list of {organisation_id, fte}).
MATCH (p:Professional)
WHERE $organisation_ids IS NULL
   OR EXISTS { (p)-[:WORKS_FOR]->(o:Organisation) WHERE o.id IN $organisation_ids }
RETURN p.id AS id, p.name AS name, p.role AS role, p.expertise AS expertise,
       [(p)-[w:WORKS_FOR]->(o:Organisation)
        WHERE $organisation_ids IS NULL OR o.id IN $organisation_ids
        | {organisation_id: o.id, fte: w.fte}] AS employments
