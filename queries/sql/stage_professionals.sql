-- stage_professionals: stage one professional of the batch.
-- Parameters (positional): id, name, name_folded, role, expertise (JSON array of sorted strings). Returns: nothing.
INSERT INTO stage_professionals (id, name, name_folded, role, expertise) VALUES (?, ?, ?, ?, ?)
