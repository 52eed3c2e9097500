-- read_professionals: professionals in scope.
-- Parameters: none (reads scope_professionals). Returns: id, name, role, expertise (JSON array).
SELECT p.id, p.name, p.role, p.expertise
FROM professionals AS p JOIN scope_professionals AS s ON s.id = p.id
ORDER BY p.id
