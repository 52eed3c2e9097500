-- read_employments: employments at organisations in scope.
-- Parameters: none (reads scope_organisations). Returns: professional_id, organisation_id, fte.
SELECT e.professional_id, e.organisation_id, e.fte
FROM employments AS e JOIN scope_organisations AS s ON s.id = e.organisation_id
ORDER BY e.professional_id, e.organisation_id
