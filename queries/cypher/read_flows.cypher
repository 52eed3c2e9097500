// read_flows: referral flows between actors in scope, within a period range.
// Parameters: $organisation_ids, $professional_ids (ids in scope, or null for everything),
// $first_month, $last_month (month indexes, null for an open side).
// Returns: chunk: lists of up to 1,000 rows, one per source and target, each a list
// [source_kind, source_id, target_id, periods, domains, counts] whose last three are parallel
// lists, one entry per flow between the two. A pair sends its ids and kind once for all its
// periods and domains (about ten flows a pair in the demo), and the target's id is read once
// per pair. In a scope the flows are found from their sources in scope through the
// organisation_id and professional_id indexes, not by scanning every organisation and
// professional (REFERRED always ends at an Organisation: the write files match one; the WITH
// before the first MATCH keeps a scoped read from scanning every organisation).
// USING INDEX SEEK: without it the server sometimes planned a scan of the whole index per id.
CALL () {
  WITH $organisation_ids AS everything
  WHERE everything IS NULL
  MATCH (s)-[r:REFERRED]->(t:Organisation)
  WITH s, t, collect(r) AS referred
  RETURN CASE WHEN s:Professional THEN 'professional' ELSE 'organisation' END AS kind,
         s.id AS source, t.id AS target, referred
  UNION ALL
  UNWIND $organisation_ids AS source
  MATCH (o:Organisation {id: source})-[r:REFERRED]->(t)
  USING INDEX SEEK o:Organisation(id)
  WITH source, t, collect(r) AS referred
  WITH source, t.id AS target, referred
  WHERE target IN $organisation_ids
  RETURN 'organisation' AS kind, source, target, referred
  UNION ALL
  UNWIND $professional_ids AS source
  MATCH (p:Professional {id: source})-[r:REFERRED]->(t)
  USING INDEX SEEK p:Professional(id)
  WITH source, t, collect(r) AS referred
  WITH source, t.id AS target, referred
  WHERE target IN $organisation_ids
  RETURN 'professional' AS kind, source, target, referred
}
WITH kind, source, target,
     [r IN referred WHERE ($first_month IS NULL OR r.first_month >= $first_month)
                      AND ($last_month IS NULL OR r.last_month <= $last_month)] AS kept
WHERE size(kept) > 0
WITH collect([kind, source, target, [r IN kept | r.period], [r IN kept | r.domain],
              [r IN kept | r.count]]) AS rows
UNWIND range(0, size(rows) - 1, 1000) AS start
RETURN rows[start..start + 1000] AS chunk
