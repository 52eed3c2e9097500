// read_agreements: agreements with a party in scope; parties and members limited to scope.
// Parameters: $organisation_ids, $professional_ids (ids in scope, or null for everything).
// Returns: chunk: lists of up to 5,000 rows, each a list [id, name, kind, start_date, end_date,
// parties, members, areas]. In a scope the agreements are found from the organisations
// through the organisation_id index (the WITH before the first MATCH keeps a scoped read
// from scanning every agreement).
// USING INDEX SEEK: without it the server sometimes planned a scan of the whole index per id.
CALL () {
  WITH $organisation_ids AS everything
  WHERE everything IS NULL
  MATCH (a:Agreement)
  RETURN a
  UNION
  UNWIND $organisation_ids AS id
  MATCH (o:Organisation {id: id})-[:PARTY_TO]->(a:Agreement)
  USING INDEX SEEK o:Organisation(id)
  RETURN a
}
WITH collect([a.id, a.name, a.kind, a.start_date, a.end_date,
              [(o:Organisation)-[:PARTY_TO]->(a)
               WHERE $organisation_ids IS NULL OR o.id IN $organisation_ids | o.id],
              [(p:Professional)-[:MEMBER_OF]->(a)
               WHERE $professional_ids IS NULL OR p.id IN $professional_ids | p.id],
              [(a)-[:COVERS]->(r) | r.code]]) AS rows
UNWIND range(0, size(rows) - 1, 5000) AS start
RETURN rows[start..start + 5000] AS chunk
