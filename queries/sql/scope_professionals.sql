-- scope_professionals: collect professionals employed by an organisation in scope.
-- Parameters: none (reads scope_organisations). Returns: nothing.
INSERT OR IGNORE INTO scope_professionals (id)
SELECT e.professional_id FROM employments AS e JOIN scope_organisations AS s ON s.id = e.organisation_id
