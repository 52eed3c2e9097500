-- scope_organisations: collect the ids of organisations a snapshot reads.
-- Parameters: :municipality (CBS GMxxxx or NULL for all), :areas (JSON array of area codes;
-- empty means every area; an area includes the areas below it). Returns: nothing.
WITH RECURSIVE wanted (code) AS (
    SELECT value FROM json_each(:areas)
    UNION
    SELECT areas.code FROM areas JOIN wanted ON areas.parent = wanted.code
)
INSERT INTO scope_organisations (id)
SELECT o.id FROM organisations AS o
WHERE (:municipality IS NULL OR o.municipality = :municipality)
  AND (json_array_length(:areas) = 0
       OR EXISTS (SELECT 1 FROM organisation_areas AS oa
                  WHERE oa.organisation_id = o.id AND oa.area_code IN (SELECT code FROM wanted)))
