-- read_organisations: organisations in scope.
-- Parameters: none (reads scope_organisations).
-- Returns: id, name, sector, municipality, kvk, capacity, parent_id, description,
-- expertise (JSON array).
SELECT o.id, o.name, o.sector, o.municipality, o.kvk, o.capacity, o.parent_id, o.description, o.expertise
FROM organisations AS o JOIN scope_organisations AS s ON s.id = o.id
ORDER BY o.id
