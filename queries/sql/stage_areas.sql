-- stage_areas: stage one area of the batch.
-- Parameters (positional): code, name, level, parent, indicators (JSON object, keys sorted),
-- boundary (GeoJSON geometry text or NULL). Returns: nothing.
INSERT INTO stage_areas (code, name, level, parent, indicators, boundary) VALUES (?, ?, ?, ?, ?, ?)
