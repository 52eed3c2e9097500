-- add_organisation_areas: add staged served areas that are not stored yet.
-- Parameters: none. Returns: nothing (changes() counts the rows added).
INSERT OR IGNORE INTO organisation_areas (organisation_id, area_code)
SELECT organisation_id, area_code FROM stage_organisation_areas
