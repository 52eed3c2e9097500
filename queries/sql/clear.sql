-- clear: remove every record (run as a script inside a write transaction).
-- Parameters: none. Returns: nothing. The load log, revision counter and schema version
-- stay: a replace keeps the history of loads; clear_loads empties it.
DELETE FROM flows;
DELETE FROM agreement_areas;
DELETE FROM agreement_members;
DELETE FROM agreement_parties;
DELETE FROM agreements;
DELETE FROM employments;
DELETE FROM professionals;
DELETE FROM organisation_areas;
DELETE FROM organisations;
DELETE FROM areas;
