// upsert_organisations: create or update organisations (only new or changed ones).
// Parameters: $rows, each {id, name, name_folded, sector, municipality, kvk, capacity,
// parent_id, description, expertise (list or null)}. Returns: written.
UNWIND $rows AS row
MERGE (o:Organisation {id: row.id})
SET o.name = row.name, o.name_folded = row.name_folded, o.sector = row.sector,
    o.municipality = row.municipality, o.kvk = row.kvk, o.capacity = row.capacity,
    o.parent_id = row.parent_id, o.description = row.description, o.expertise = row.expertise
RETURN count(*) AS written
