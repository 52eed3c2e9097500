// remove_agreement_members: drop members an agreement no longer lists.
// Parameters: $rows, each {agreement_id, professional_id}. Returns: written.
UNWIND $rows AS row
MATCH (:Professional {id: row.professional_id})-[r:MEMBER_OF]->(:Agreement {id: row.agreement_id})
DELETE r
RETURN count(*) AS written
