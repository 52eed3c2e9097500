-- read_agreement_parties: parties of agreements, limited to organisations in scope.
-- Parameters: none (reads scope_organisations). Returns: agreement_id, organisation_id.
SELECT ap.agreement_id, ap.organisation_id
FROM agreement_parties AS ap JOIN scope_organisations AS s ON s.id = ap.organisation_id
ORDER BY ap.agreement_id, ap.organisation_id
