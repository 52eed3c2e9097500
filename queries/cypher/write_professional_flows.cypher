// write_professional_flows: add referral flows from a professional, or set their changed counts.
// Parameters: $rows, each {source_id, target_id, period, domain, first_month, last_month, count}.
// Returns: written. Counts only: nothing about a client is ever stored.
UNWIND $rows AS row
MATCH (s:Professional {id: row.source_id})
MATCH (t:Organisation {id: row.target_id})
MERGE (s)-[r:REFERRED {period: row.period, domain: row.domain}]->(t)
SET r.count = row.count, r.first_month = row.first_month, r.last_month = row.last_month
RETURN count(*) AS written
