-- add_agreement_areas: add staged agreement areas that are not stored yet.
-- Parameters: none. Returns: nothing (changes() counts the rows added).
INSERT OR IGNORE INTO agreement_areas (agreement_id, area_code)
SELECT agreement_id, area_code FROM stage_agreement_areas
