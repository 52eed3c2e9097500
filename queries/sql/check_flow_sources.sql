-- check_flow_sources: a staged referral flow whose source is not stored, if there is one.
-- Parameters: none. Returns: source_kind, source_id (no row when every source exists).
-- Sources have no foreign key (they point at one of two tables), so apply checks them here.
SELECT s.source_kind, s.source_id FROM stage_flows AS s
WHERE (s.source_kind = 'organisation' AND s.source_id NOT IN (SELECT id FROM organisations))
   OR (s.source_kind = 'professional' AND s.source_id NOT IN (SELECT id FROM professionals))
LIMIT 1
