// read_agreements: agreements with a party in scope; parties and members limited to scope.
// Parameters: $organisation_ids, $professional_ids (ids in scope, or null for everything).
// Returns: id, name, kind, start_date, end_date, parties, members, areas.
MATCH (a:Agreement)
WHERE $organisation_ids IS NULL
   OR EXISTS { (o:Organisation)-[:PARTY_TO]->(a) WHERE o.id IN $organisation_ids }
RETURN a.id AS id, a.name AS name, a.kind AS kind, a.start_date AS start_date, a.end_date AS end_date,
       [(o:Organisation)-[:PARTY_TO]->(a)
        WHERE $organisation_ids IS NULL OR o.id IN $organisation_ids | o.id] AS parties,
       [(p:Professional)-[:MEMBER_OF]->(a)
        WHERE $professional_ids IS NULL OR p.id IN $professional_ids | p.id] AS members,
       [(a)-[:COVERS]->(r:Area) | r.code] AS areas
