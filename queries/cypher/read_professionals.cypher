// read_professionals: professionals employed in scope, with those employments only.
// Parameters: $organisation_ids (ids in scope, or null for every professional and job).
// Returns: chunk: lists of up to 5,000 rows, each a list [id, name, role, expertise (list or
// null), employments (a list of [organisation_id, fte])]. In a scope the professionals are
// found from the organisations through the organisation_id index, not by scanning them all,
// and the employments followed to get there are the ones in scope. The WITH before the first
// MATCH keeps a scoped read from scanning every professional only to drop them.
// USING INDEX SEEK: without it the server sometimes planned a scan of the whole index per id.
CALL () {
  WITH $organisation_ids AS everything
  WHERE everything IS NULL
  MATCH (p:Professional)
  RETURN p, [(p)-[w:WORKS_FOR]->(o:Organisation) | [o.id, w.fte]] AS jobs
  UNION ALL
  UNWIND $organisation_ids AS id
  MATCH (o:Organisation {id: id})<-[w:WORKS_FOR]-(p:Professional)
  USING INDEX SEEK o:Organisation(id)
  RETURN p, collect([id, w.fte]) AS jobs
}
WITH collect([p.id, p.name, p.role, p.expertise, jobs]) AS rows
UNWIND range(0, size(rows) - 1, 5000) AS start
RETURN rows[start..start + 5000] AS chunk
