// remove_agreement_parties: drop parties an agreement no longer lists.
// Parameters: $rows, each {agreement_id, organisation_id}. Returns: written.
UNWIND $rows AS row
MATCH (:Organisation {id: row.organisation_id})-[r:PARTY_TO]->(:Agreement {id: row.agreement_id})
DELETE r
RETURN count(*) AS written
