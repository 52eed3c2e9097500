-- stage_areas: stage one area of the batch.
-- Parameters (positional): code, name, level, parent. Returns: nothing.
INSERT INTO stage_areas (code, name, level, parent) VALUES (?, ?, ?, ?)
