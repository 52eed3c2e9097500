// upsert_agreements: create or update agreements (only new or changed ones).
// Parameters: $rows, each {id, name, name_folded, kind, start_date, end_date (dates or null)}.
// Returns: written.
UNWIND $rows AS row
MERGE (a:Agreement {id: row.id})
SET a.name = row.name, a.name_folded = row.name_folded, a.kind = row.kind,
    a.start_date = row.start_date, a.end_date = row.end_date
RETURN count(*) AS written
