-- stage_employments: stage one employment of a professional of the batch.
-- Parameters (positional): professional_id, organisation_id, fte. Returns: nothing.
INSERT INTO stage_employments (professional_id, organisation_id, fte) VALUES (?, ?, ?)
