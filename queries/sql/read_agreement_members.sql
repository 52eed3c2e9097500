-- read_agreement_members: members of agreements, limited to professionals in scope.
-- Parameters: none (reads scope_professionals). Returns: agreement_id, professional_id.
SELECT am.agreement_id, am.professional_id
FROM agreement_members AS am JOIN scope_professionals AS s ON s.id = am.professional_id
ORDER BY am.agreement_id, am.professional_id
