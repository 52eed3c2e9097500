// decide_pair: remember a verdict on a probable duplicate pair; a later one replaces it.
// Parameters: $first, $second (in pair_key order), $same, $by, $at (ISO time).
// Returns: changed (false when the same verdict, by and at were held already).
MERGE (d:PairDecision {first: $first, second: $second})
WITH d, coalesce([d.same, d.by, d.at] <> [$same, $by, $at], true) AS changed
SET d.same = $same, d.by = $by, d.at = $at
RETURN changed
