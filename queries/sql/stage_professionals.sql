-- stage_professionals: stage one professional of the batch.
-- Parameters (positional): id, name, name_folded, role, expertise ('|'-joined). Returns: nothing.
INSERT INTO stage_professionals (id, name, name_folded, role, expertise) VALUES (?, ?, ?, ?, ?)
