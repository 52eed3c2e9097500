// remove_agreement_areas: drop areas an agreement no longer covers.
// Parameters: $rows, each {agreement_id, area_code}. Returns: written.
UNWIND $rows AS row
MATCH (:Agreement {id: row.agreement_id})-[r:COVERS]->(:Area {code: row.area_code})
DELETE r
RETURN count(*) AS written
