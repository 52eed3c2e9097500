// add_agreement_parties: make organisations party to agreements.
// Parameters: $rows, each {agreement_id, organisation_id}. Returns: written.
UNWIND $rows AS row
MATCH (g:Agreement {id: row.agreement_id})
MATCH (o:Organisation {id: row.organisation_id})
MERGE (o)-[:PARTY_TO]->(g)
RETURN count(*) AS written
