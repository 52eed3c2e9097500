-- read_agreements: agreements with at least one party in scope.
-- Parameters: none (reads scope_organisations). Returns: id, name, kind, start_date, end_date.
SELECT a.id, a.name, a.kind, a.start_date, a.end_date
FROM agreements AS a
WHERE EXISTS (SELECT 1 FROM agreement_parties AS ap JOIN scope_organisations AS s ON s.id = ap.organisation_id
              WHERE ap.agreement_id = a.id)
ORDER BY a.id
