// add_agreement_members: make professionals members of agreements.
// Parameters: $rows, each {agreement_id, professional_id}. Returns: written.
UNWIND $rows AS row
MATCH (g:Agreement {id: row.agreement_id})
MATCH (p:Professional {id: row.professional_id})
MERGE (p)-[:MEMBER_OF]->(g)
RETURN count(*) AS written
