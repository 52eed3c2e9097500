-- read_flows: referral flows between actors in scope, within a period range.
-- Parameters: :first_month, :last_month (month indexes, NULL for an open side).
-- Returns: source_kind, source_id, target_id, period, domain, count.
SELECT f.source_kind, f.source_id, f.target_id, f.period, f.domain, f.count
FROM flows AS f
JOIN scope_organisations AS t ON t.id = f.target_id
WHERE (:first_month IS NULL OR f.first_month >= :first_month)
  AND (:last_month IS NULL OR f.last_month <= :last_month)
  AND CASE f.source_kind
        WHEN 'organisation' THEN f.source_id IN (SELECT id FROM scope_organisations)
        ELSE f.source_id IN (SELECT id FROM scope_professionals)
      END
ORDER BY f.source_kind, f.source_id, f.target_id, f.period, f.domain
