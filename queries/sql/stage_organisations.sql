-- stage_organisations: stage one organisation of the batch.
-- Parameters (positional): id, name, name_folded, sector, municipality, kvk, capacity,
-- parent_id, description, expertise (JSON array of sorted strings). Returns: nothing.
INSERT INTO stage_organisations (
    id, name, name_folded, sector, municipality, kvk, capacity, parent_id, description, expertise
)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
