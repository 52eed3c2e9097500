-- stage_organisation_areas: stage one area served by an organisation of the batch.
-- Parameters (positional): organisation_id, area_code. Returns: nothing.
INSERT INTO stage_organisation_areas (organisation_id, area_code) VALUES (?, ?)
