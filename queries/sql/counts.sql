-- counts: how many records of each kind the store holds.
-- Parameters: none. Returns: one row with organisations, professionals, employments, agreements,
-- referral_flows, referrals, areas, periods.
SELECT
    (SELECT count(*) FROM organisations) AS organisations,
    (SELECT count(*) FROM professionals) AS professionals,
    (SELECT count(*) FROM employments) AS employments,
    (SELECT count(*) FROM agreements) AS agreements,
    (SELECT count(*) FROM flows) AS referral_flows,
    (SELECT coalesce(sum(count), 0) FROM flows) AS referrals,
    (SELECT count(*) FROM areas) AS areas,
    (SELECT count(DISTINCT period) FROM flows) AS periods
