-- stage_agreement_parties: stage one party (organisation) of an agreement of the batch.
-- Parameters (positional): agreement_id, organisation_id. Returns: nothing.
INSERT INTO stage_agreement_parties (agreement_id, organisation_id) VALUES (?, ?)
