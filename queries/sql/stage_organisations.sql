-- stage_organisations: stage one organisation of the batch.
-- Parameters (positional): id, name, name_folded, sector, municipality, kvk, capacity,
-- parent_id, description. Returns: nothing.
INSERT INTO stage_organisations (id, name, name_folded, sector, municipality, kvk, capacity, parent_id, description)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
