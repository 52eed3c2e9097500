-- stage_flows: stage one referral flow of the batch (a count, never a client).
-- Parameters (positional): source_kind, source_id, target_id, period, domain, first_month,
-- last_month, count. Returns: nothing.
INSERT INTO stage_flows (source_kind, source_id, target_id, period, domain, first_month, last_month, count)
VALUES (?, ?, ?, ?, ?, ?, ?, ?)
