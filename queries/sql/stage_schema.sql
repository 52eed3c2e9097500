-- stage_schema: empty per-connection staging tables that one apply fills before merging.
-- Parameters: none. Returns: nothing. Run as a script inside the write transaction.
CREATE TEMP TABLE IF NOT EXISTS stage_areas (
    code TEXT PRIMARY KEY, name TEXT, level TEXT, parent TEXT, indicators TEXT, boundary TEXT
);
CREATE TEMP TABLE IF NOT EXISTS stage_organisations (
    id TEXT PRIMARY KEY, name TEXT, name_folded TEXT, sector TEXT, municipality TEXT,
    kvk TEXT, capacity INTEGER, parent_id TEXT, description TEXT, expertise TEXT
);
CREATE TEMP TABLE IF NOT EXISTS stage_organisation_areas (
    organisation_id TEXT, area_code TEXT, PRIMARY KEY (organisation_id, area_code)
);
CREATE TEMP TABLE IF NOT EXISTS stage_professionals (
    id TEXT PRIMARY KEY, name TEXT, name_folded TEXT, role TEXT, expertise TEXT
);
CREATE TEMP TABLE IF NOT EXISTS stage_employments (
    professional_id TEXT, organisation_id TEXT, fte REAL, PRIMARY KEY (professional_id, organisation_id)
);
CREATE TEMP TABLE IF NOT EXISTS stage_agreements (
    id TEXT PRIMARY KEY, name TEXT, name_folded TEXT, kind TEXT, start_date TEXT, end_date TEXT
);
CREATE TEMP TABLE IF NOT EXISTS stage_agreement_parties (
    agreement_id TEXT, organisation_id TEXT, PRIMARY KEY (agreement_id, organisation_id)
);
CREATE TEMP TABLE IF NOT EXISTS stage_agreement_members (
    agreement_id TEXT, professional_id TEXT, PRIMARY KEY (agreement_id, professional_id)
);
CREATE TEMP TABLE IF NOT EXISTS stage_agreement_areas (
    agreement_id TEXT, area_code TEXT, PRIMARY KEY (agreement_id, area_code)
);
CREATE TEMP TABLE IF NOT EXISTS stage_flows (
    source_kind TEXT, source_id TEXT, target_id TEXT, period TEXT, domain TEXT,
    first_month INTEGER, last_month INTEGER, count INTEGER,
    PRIMARY KEY (source_kind, source_id, target_id, period, domain)
);
DELETE FROM stage_areas;
DELETE FROM stage_organisations;
DELETE FROM stage_organisation_areas;
DELETE FROM stage_professionals;
DELETE FROM stage_employments;
DELETE FROM stage_agreements;
DELETE FROM stage_agreement_parties;
DELETE FROM stage_agreement_members;
DELETE FROM stage_agreement_areas;
DELETE FROM stage_flows;
