// upsert_professionals: create or update professionals (only new or changed ones).
// Parameters: $rows, each {id, name, name_folded, role, expertise (list)}. Returns: written.
UNWIND $rows AS row
MERGE (p:Professional {id: row.id})
SET p.name = row.name, p.name_folded = row.name_folded, p.role = row.role, p.expertise = row.expertise
RETURN count(*) AS written
