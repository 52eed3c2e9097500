-- stage_agreement_members: stage one member (professional) of an agreement of the batch.
-- Parameters (positional): agreement_id, professional_id. Returns: nothing.
INSERT INTO stage_agreement_members (agreement_id, professional_id) VALUES (?, ?)
