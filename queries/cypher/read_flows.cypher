// read_flows: referral flows between actors in scope, within a period range.
// Parameters: $organisation_ids, $professional_ids (ids in scope, or null for everything),
// $first_month, $last_month (month indexes, null for an open side).
// Returns: chunk: lists of up to 5,000 rows {source_kind, source_id, target_id, period,
// domain, count}.
MATCH (s)-[r:REFERRED]->(t:Organisation)
WHERE ($first_month IS NULL OR r.first_month >= $first_month)
  AND ($last_month IS NULL OR r.last_month <= $last_month)
  AND ($organisation_ids IS NULL OR t.id IN $organisation_ids)
  AND ((s:Organisation AND ($organisation_ids IS NULL OR s.id IN $organisation_ids))
       OR (s:Professional AND ($professional_ids IS NULL OR s.id IN $professional_ids)))
WITH collect({source_kind: CASE WHEN s:Professional THEN 'professional' ELSE 'organisation' END,
              source_id: s.id, target_id: t.id, period: r.period, domain: r.domain,
              count: r.count}) AS rows
UNWIND range(0, size(rows) - 1, 5000) AS start
RETURN rows[start..start + 5000] AS chunk
