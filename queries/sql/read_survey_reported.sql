-- read_survey_reported: the ties partners reported (the "gemeld" layer) for a snapshot.
-- Parameters: none (reads scope_organisations). Returns: round_id, period (code), reporter, partner.
-- Per round and organisation only its latest submitted version counts; a tie is reported
-- when it is confirmed or added and names a partner the store holds, the reporter is held
-- too, and the reporter or the partner is in scope.
SELECT DISTINCT t.round_id, r.period, t.organisation_id AS reporter, t.partner_id AS partner
FROM survey_tie_answers AS t
JOIN survey_rounds AS r ON r.id = t.round_id
WHERE t.status IN ('confirmed', 'added')
  AND t.version = (
        SELECT max(v.version) FROM survey_responses AS v
        WHERE v.round_id = t.round_id AND v.organisation_id = t.organisation_id AND v.submitted = 1)
  AND t.organisation_id IN (SELECT id FROM organisations)
  AND t.partner_id IN (SELECT id FROM organisations)
  AND (t.organisation_id IN (SELECT id FROM scope_organisations)
       OR t.partner_id IN (SELECT id FROM scope_organisations))
ORDER BY t.round_id, reporter, partner
