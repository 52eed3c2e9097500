// remove_organisation_areas: stop serving areas the batch no longer lists.
// Parameters: $rows, each {organisation_id, area_code}. Returns: written.
UNWIND $rows AS row
MATCH (:Organisation {id: row.organisation_id})-[r:SERVES]->(:Area {code: row.area_code})
DELETE r
RETURN count(*) AS written
