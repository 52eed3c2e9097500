-- survey_schema: the survey records' tables (idempotent, run as a script after schema and
-- any migration, on every open). Parameters: none. Returns: nothing.
-- Rounds and their invitations, every saved version of a response with its tie answers,
-- ratings and suggestion answers, proposed corrections with their fields, and pair
-- decisions. They name organisations by id without a foreign key, so a load or a replace
-- never touches them; they hold no column for a client, and free text only where
-- graph.survey has it (a round's name, a new partner's name, a proposed value, a decision's
-- reason). Only Store.clear removes them (clear_survey). Schema version 4 added them.
CREATE TABLE IF NOT EXISTS survey_rounds (
    id         TEXT PRIMARY KEY,
    name       TEXT NOT NULL,
    period     TEXT NOT NULL,
    closes     TEXT NOT NULL,
    created_by TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL DEFAULT '',
    closed_at  TEXT
) WITHOUT ROWID;

CREATE TABLE IF NOT EXISTS survey_invitations (
    round_id        TEXT NOT NULL REFERENCES survey_rounds (id) DEFERRABLE INITIALLY DEFERRED,
    organisation_id TEXT NOT NULL,
    PRIMARY KEY (round_id, organisation_id)
) WITHOUT ROWID;

CREATE TABLE IF NOT EXISTS survey_responses (
    round_id        TEXT NOT NULL,
    organisation_id TEXT NOT NULL,
    version         INTEGER NOT NULL CHECK (version >= 1),
    submitted       INTEGER NOT NULL CHECK (submitted IN (0, 1)),
    saved_by        TEXT NOT NULL DEFAULT '',
    saved_at        TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (round_id, organisation_id, version),
    FOREIGN KEY (round_id, organisation_id) REFERENCES survey_invitations (round_id, organisation_id)
        DEFERRABLE INITIALLY DEFERRED
) WITHOUT ROWID;

CREATE TABLE IF NOT EXISTS survey_tie_answers (
    round_id        TEXT NOT NULL,
    organisation_id TEXT NOT NULL,
    version         INTEGER NOT NULL,
    position        INTEGER NOT NULL CHECK (position >= 0),
    partner_id      TEXT NOT NULL DEFAULT '',
    new_name        TEXT NOT NULL DEFAULT '',
    status          TEXT NOT NULL CHECK (status IN ('confirmed', 'rejected', 'added')),
    frequency       INTEGER CHECK (frequency IS NULL OR frequency BETWEEN 1 AND 5),
    PRIMARY KEY (round_id, organisation_id, version, position),
    FOREIGN KEY (round_id, organisation_id, version)
        REFERENCES survey_responses (round_id, organisation_id, version) DEFERRABLE INITIALLY DEFERRED
) WITHOUT ROWID;

CREATE TABLE IF NOT EXISTS survey_ratings (
    round_id        TEXT NOT NULL,
    organisation_id TEXT NOT NULL,
    version         INTEGER NOT NULL,
    position        INTEGER NOT NULL,
    item            TEXT NOT NULL,
    score           INTEGER NOT NULL CHECK (score BETWEEN 1 AND 4),
    PRIMARY KEY (round_id, organisation_id, version, position, item),
    FOREIGN KEY (round_id, organisation_id, version, position)
        REFERENCES survey_tie_answers (round_id, organisation_id, version, position)
        DEFERRABLE INITIALLY DEFERRED
) WITHOUT ROWID;

CREATE TABLE IF NOT EXISTS survey_suggestion_answers (
    round_id        TEXT NOT NULL,
    organisation_id TEXT NOT NULL,
    version         INTEGER NOT NULL,
    partner_id      TEXT NOT NULL,
    answer          TEXT NOT NULL CHECK (answer IN ('interested', 'known', 'no')),
    PRIMARY KEY (round_id, organisation_id, version, partner_id),
    FOREIGN KEY (round_id, organisation_id, version)
        REFERENCES survey_responses (round_id, organisation_id, version) DEFERRABLE INITIALLY DEFERRED
) WITHOUT ROWID;

CREATE TABLE IF NOT EXISTS survey_changes (
    id              TEXT PRIMARY KEY,
    organisation_id TEXT NOT NULL DEFAULT '',
    proposed_by     TEXT NOT NULL DEFAULT '',
    proposed_at     TEXT NOT NULL DEFAULT '',
    status          TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'accepted', 'rejected')),
    decided_by      TEXT NOT NULL DEFAULT '',
    decided_at      TEXT NOT NULL DEFAULT '',
    reason          TEXT NOT NULL DEFAULT ''
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS survey_changes_by_time ON survey_changes (proposed_at, id);

CREATE TABLE IF NOT EXISTS survey_change_fields (
    change_id TEXT NOT NULL REFERENCES survey_changes (id) DEFERRABLE INITIALLY DEFERRED,
    field     TEXT NOT NULL CHECK (field IN ('name', 'areas', 'expertise', 'contact')),
    value     TEXT NOT NULL,
    PRIMARY KEY (change_id, field)
) WITHOUT ROWID;

CREATE TABLE IF NOT EXISTS survey_pair_decisions (
    first_id   TEXT NOT NULL,
    second_id  TEXT NOT NULL,
    same       INTEGER NOT NULL CHECK (same IN (0, 1)),
    decided_by TEXT NOT NULL DEFAULT '',
    decided_at TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (first_id, second_id),
    CHECK (first_id <= second_id)
) WITHOUT ROWID;
