-- read_organisation_areas: the areas served by organisations in scope.
-- Parameters: none (reads scope_organisations). Returns: organisation_id, area_code.
SELECT oa.organisation_id, oa.area_code
FROM organisation_areas AS oa JOIN scope_organisations AS s ON s.id = oa.organisation_id
ORDER BY oa.organisation_id, oa.area_code
