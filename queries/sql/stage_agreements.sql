-- stage_agreements: stage one agreement of the batch.
-- Parameters (positional): id, name, name_folded, kind, start_date, end_date (ISO dates or NULL).
-- Returns: nothing.
INSERT INTO stage_agreements (id, name, name_folded, kind, start_date, end_date) VALUES (?, ?, ?, ?, ?, ?)
