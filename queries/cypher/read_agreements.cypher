// read_agreements: agreements with a party in scope; parties and members limited to scope.
// Parameters: $organisation_ids, $professional_ids (ids in scope, or null for everything).
// Returns: chunk: lists of up to 5,000 rows {id, name, kind, start_date, end_date, parties,
// members, areas}.
MATCH (a:Agreement)
WHERE $organisation_ids IS NULL
   OR EXISTS { (o:Organisation)-[:PARTY_TO]->(a) WHERE o.id IN $organisation_ids }
WITH collect({id: a.id, name: a.name, kind: a.kind, start_date: a.start_date, end_date: a.end_date,
              parties: [(o:Organisation)-[:PARTY_TO]->(a)
                        WHERE $organisation_ids IS NULL OR o.id IN $organisation_ids | o.id],
              members: [(p:Professional)-[:MEMBER_OF]->(a)
                        WHERE $professional_ids IS NULL OR p.id IN $professional_ids | p.id],
              areas: [(a)-[:COVERS]->(r:Area) | r.code]}) AS rows
UNWIND range(0, size(rows) - 1, 5000) AS start
RETURN rows[start..start + 5000] AS chunk
