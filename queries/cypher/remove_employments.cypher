// remove_employments: end employments the batch no longer lists.
// Parameters: $rows, each {professional_id, organisation_id}. Returns: written.
UNWIND $rows AS row
MATCH (:Professional {id: row.professional_id})-[w:WORKS_FOR]->(:Organisation {id: row.organisation_id})
DELETE w
RETURN count(*) AS written
