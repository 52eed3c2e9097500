// read_pair_decisions: every remembered pair verdict, by pair.
// Parameters: none. Returns: first, second, same, by, at.
MATCH (d:PairDecision)
RETURN d.first AS first, d.second AS second, d.same AS same, d.by AS by, d.at AS at
ORDER BY first, second
