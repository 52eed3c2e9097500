// unlink_area_parents: drop the parent link of areas whose parent is written anew.
// Parameters: $rows, each {code}. Returns: written (areas handled).
UNWIND $rows AS row
MATCH (a:Area {code: row.code})
OPTIONAL MATCH (a)-[old:PART_OF]->(:Area)
DELETE old
RETURN count(DISTINCT a) AS written
