-- stage_agreement_areas: stage one area an agreement of the batch covers.
-- Parameters (positional): agreement_id, area_code. Returns: nothing.
INSERT INTO stage_agreement_areas (agreement_id, area_code) VALUES (?, ?)
