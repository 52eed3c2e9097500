-- schema: the tables of the embedded store (idempotent, run as a script).
-- Parameters: none. Returns: nothing.
-- Lists inside a record live in link tables, except lists of words (the expertise of an
-- organisation or a professional, a JSON array) and an area's indicators (a JSON
-- object, keys sorted), which are read and written whole. The flows table holds
-- counts only, never anything about a client. Foreign keys are checked at commit.
-- The survey records' tables are in survey_schema.sql, run after this file.
-- A database made by an older version is brought up to date by the migrate_* files.
CREATE TABLE IF NOT EXISTS meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) WITHOUT ROWID;
INSERT OR IGNORE INTO meta (key, value) VALUES ('revision', '0');
INSERT OR IGNORE INTO meta (key, value) VALUES ('schema_version', '4');

CREATE TABLE IF NOT EXISTS areas (
    code       TEXT PRIMARY KEY,
    name       TEXT NOT NULL,
    level      TEXT NOT NULL CHECK (level IN ('gemeente', 'wijk', 'buurt')),
    parent     TEXT REFERENCES areas (code) DEFERRABLE INITIALLY DEFERRED,
    indicators TEXT NOT NULL DEFAULT '{}',
    boundary   TEXT
) WITHOUT ROWID;

CREATE TABLE IF NOT EXISTS organisations (
    id           TEXT PRIMARY KEY,
    name         TEXT NOT NULL,
    name_folded  TEXT NOT NULL,
    sector       TEXT NOT NULL,
    municipality TEXT,
    kvk          TEXT,
    capacity     INTEGER CHECK (capacity IS NULL OR capacity >= 0),
    parent_id    TEXT REFERENCES organisations (id) DEFERRABLE INITIALLY DEFERRED,
    description  TEXT NOT NULL DEFAULT '',
    expertise    TEXT NOT NULL DEFAULT '[]'
) WITHOUT ROWID;

CREATE TABLE IF NOT EXISTS organisation_areas (
    organisation_id TEXT NOT NULL REFERENCES organisations (id) DEFERRABLE INITIALLY DEFERRED,
    area_code       TEXT NOT NULL REFERENCES areas (code) DEFERRABLE INITIALLY DEFERRED,
    PRIMARY KEY (organisation_id, area_code)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS organisation_areas_by_area ON organisation_areas (area_code);

CREATE TABLE IF NOT EXISTS professionals (
    id          TEXT PRIMARY KEY,
    name        TEXT NOT NULL,
    name_folded TEXT NOT NULL,
    role        TEXT NOT NULL DEFAULT '',
    expertise   TEXT NOT NULL DEFAULT '[]'
) WITHOUT ROWID;

CREATE TABLE IF NOT EXISTS employments (
    professional_id TEXT NOT NULL REFERENCES professionals (id) DEFERRABLE INITIALLY DEFERRED,
    organisation_id TEXT NOT NULL REFERENCES organisations (id) DEFERRABLE INITIALLY DEFERRED,
    fte             REAL NOT NULL CHECK (fte > 0),
    PRIMARY KEY (professional_id, organisation_id)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS employments_by_organisation ON employments (organisation_id);

CREATE TABLE IF NOT EXISTS agreements (
    id          TEXT PRIMARY KEY,
    name        TEXT NOT NULL,
    name_folded TEXT NOT NULL,
    kind        TEXT NOT NULL,
    start_date  TEXT,
    end_date    TEXT
) WITHOUT ROWID;

CREATE TABLE IF NOT EXISTS agreement_parties (
    agreement_id    TEXT NOT NULL REFERENCES agreements (id) DEFERRABLE INITIALLY DEFERRED,
    organisation_id TEXT NOT NULL REFERENCES organisations (id) DEFERRABLE INITIALLY DEFERRED,
    PRIMARY KEY (agreement_id, organisation_id)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS agreement_parties_by_organisation ON agreement_parties (organisation_id);

CREATE TABLE IF NOT EXISTS agreement_members (
    agreement_id    TEXT NOT NULL REFERENCES agreements (id) DEFERRABLE INITIALLY DEFERRED,
    professional_id TEXT NOT NULL REFERENCES professionals (id) DEFERRABLE INITIALLY DEFERRED,
    PRIMARY KEY (agreement_id, professional_id)
) WITHOUT ROWID;

CREATE TABLE IF NOT EXISTS agreement_areas (
    agreement_id TEXT NOT NULL REFERENCES agreements (id) DEFERRABLE INITIALLY DEFERRED,
    area_code    TEXT NOT NULL REFERENCES areas (code) DEFERRABLE INITIALLY DEFERRED,
    PRIMARY KEY (agreement_id, area_code)
) WITHOUT ROWID;

CREATE TABLE IF NOT EXISTS flows (
    source_kind TEXT NOT NULL CHECK (source_kind IN ('organisation', 'professional')),
    source_id   TEXT NOT NULL,
    target_id   TEXT NOT NULL REFERENCES organisations (id) DEFERRABLE INITIALLY DEFERRED,
    period      TEXT NOT NULL,
    domain      TEXT NOT NULL DEFAULT '',
    first_month INTEGER NOT NULL,
    last_month  INTEGER NOT NULL,
    count       INTEGER NOT NULL CHECK (count >= 0),
    PRIMARY KEY (source_kind, source_id, target_id, period, domain)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS flows_by_target ON flows (target_id);

CREATE TABLE IF NOT EXISTS loads (
    fingerprint TEXT PRIMARY KEY,
    loaded_at   TEXT NOT NULL,
    source      TEXT NOT NULL,
    files       TEXT NOT NULL,
    counts      TEXT NOT NULL
) WITHOUT ROWID;
