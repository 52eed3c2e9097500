// counts: how many records of each kind the store holds.
// Parameters: none. Returns: one row with organisations, professionals, employments,
// agreements, referral_flows, referrals, areas, periods.
OPTIONAL MATCH ()-[r:REFERRED]->()
WITH count(r) AS referral_flows, coalesce(sum(r.count), 0) AS referrals, count(DISTINCT r.period) AS periods
RETURN COUNT { (:Organisation) } AS organisations,
       COUNT { (:Professional) } AS professionals,
       COUNT { (:Professional)-[:WORKS_FOR]->(:Organisation) } AS employments,
       COUNT { (:Agreement) } AS agreements,
       referral_flows, referrals,
       COUNT { (:Area) } AS areas,
       periods
