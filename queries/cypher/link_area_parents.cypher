// link_area_parents: link areas to the area they lie in (wijk to gemeente, buurt to wijk).
// Parameters: $rows, each {code, parent}. Returns: written.
UNWIND $rows AS row
MATCH (a:Area {code: row.code})
MATCH (p:Area {code: row.parent})
MERGE (a)-[:PART_OF]->(p)
RETURN count(*) AS written
