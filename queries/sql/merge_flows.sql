-- merge_flows: insert staged referral flows, update changed counts, leave equal ones alone.
-- Parameters: none. Returns: nothing (changes() counts the rows written).
INSERT INTO flows (source_kind, source_id, target_id, period, domain, first_month, last_month, count)
SELECT source_kind, source_id, target_id, period, domain, first_month, last_month, count
FROM stage_flows WHERE true
ON CONFLICT (source_kind, source_id, target_id, period, domain) DO UPDATE SET count = excluded.count
WHERE flows.count IS NOT excluded.count
