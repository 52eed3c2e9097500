"""The only reader of query files: one statement per file, named by an enum member.

SQL lives in ``queries/sql/*.sql`` (header lines start with ``--``), Cypher in
``queries/cypher/*.cypher`` (header lines start with ``//``). Each file starts with a
header giving its purpose, parameters and returned columns. Query text is never built
from values; the files are read once and cached. Labels and relationship types are
written in the Cypher files, and only the members of ``Label`` and ``Rel`` may be.

>>> "CREATE TABLE" in sql(Sql.SCHEMA)
True
>>> cypher(Cypher.READ_REVISION).startswith("// read_revision: ")
True
>>> len(statements(cypher(Cypher.SCHEMA))) > 5
True
"""

from __future__ import annotations

from enum import StrEnum
from functools import cache
from importlib.resources import files
from typing import LiteralString

__all__ = ["Cypher", "Label", "Rel", "Sql", "cypher", "cypher_files", "sql", "sql_files", "statements"]


class Sql(StrEnum):
    """Every SQL file; the value is the file name without ``.sql``."""

    SCHEMA = "schema"
    READ_SCHEMA_VERSION = "read_schema_version"
    MIGRATE_V2 = "migrate_v2"
    MIGRATE_V3 = "migrate_v3"
    MIGRATE_V4 = "migrate_v4"
    SURVEY_SCHEMA = "survey_schema"
    STAGE_SCHEMA = "stage_schema"
    SCOPE_SCHEMA = "scope_schema"
    CLEAR = "clear"
    CLEAR_LOADS = "clear_loads"

    STAGE_AREAS = "stage_areas"
    STAGE_ORGANISATIONS = "stage_organisations"
    STAGE_ORGANISATION_AREAS = "stage_organisation_areas"
    STAGE_PROFESSIONALS = "stage_professionals"
    STAGE_EMPLOYMENTS = "stage_employments"
    STAGE_AGREEMENTS = "stage_agreements"
    STAGE_AGREEMENT_PARTIES = "stage_agreement_parties"
    STAGE_AGREEMENT_MEMBERS = "stage_agreement_members"
    STAGE_AGREEMENT_AREAS = "stage_agreement_areas"
    STAGE_FLOWS = "stage_flows"

    MERGE_AREAS = "merge_areas"
    MERGE_ORGANISATIONS = "merge_organisations"
    MERGE_PROFESSIONALS = "merge_professionals"
    MERGE_AGREEMENTS = "merge_agreements"
    MERGE_FLOWS = "merge_flows"

    PRUNE_ORGANISATION_AREAS = "prune_organisation_areas"
    PRUNE_EMPLOYMENTS = "prune_employments"
    PRUNE_AGREEMENT_PARTIES = "prune_agreement_parties"
    PRUNE_AGREEMENT_MEMBERS = "prune_agreement_members"
    PRUNE_AGREEMENT_AREAS = "prune_agreement_areas"

    ADD_ORGANISATION_AREAS = "add_organisation_areas"
    ADD_EMPLOYMENTS = "add_employments"
    ADD_AGREEMENT_PARTIES = "add_agreement_parties"
    ADD_AGREEMENT_MEMBERS = "add_agreement_members"
    ADD_AGREEMENT_AREAS = "add_agreement_areas"

    SCOPE_ORGANISATIONS = "scope_organisations"
    SCOPE_PROFESSIONALS = "scope_professionals"
    READ_AREAS = "read_areas"
    READ_ORGANISATIONS = "read_organisations"
    READ_ORGANISATION_AREAS = "read_organisation_areas"
    READ_PROFESSIONALS = "read_professionals"
    READ_EMPLOYMENTS = "read_employments"
    READ_AGREEMENTS = "read_agreements"
    READ_AGREEMENT_PARTIES = "read_agreement_parties"
    READ_AGREEMENT_MEMBERS = "read_agreement_members"
    READ_AGREEMENT_AREAS = "read_agreement_areas"
    READ_FLOWS = "read_flows"

    CHECK_FLOW_SOURCES = "check_flow_sources"

    SEARCH = "search"
    COUNTS = "counts"
    KNOWN_IDS = "known_ids"
    READ_REVISION = "read_revision"
    BUMP_REVISION = "bump_revision"
    RECORD_LOAD = "record_load"
    LIST_LOADS = "list_loads"

    CLEAR_SURVEY = "clear_survey"
    INSERT_SURVEY_ROUND = "insert_survey_round"
    INSERT_SURVEY_INVITATIONS = "insert_survey_invitations"
    CLOSE_SURVEY_ROUND = "close_survey_round"
    READ_SURVEY_ROUNDS = "read_survey_rounds"
    READ_SURVEY_INVITATIONS = "read_survey_invitations"
    CHECK_SURVEY_INVITATION = "check_survey_invitation"
    INSERT_SURVEY_RESPONSE = "insert_survey_response"
    INSERT_SURVEY_TIE_ANSWERS = "insert_survey_tie_answers"
    INSERT_SURVEY_RATINGS = "insert_survey_ratings"
    INSERT_SURVEY_SUGGESTION_ANSWERS = "insert_survey_suggestion_answers"
    READ_SURVEY_RESPONSES = "read_survey_responses"
    READ_SURVEY_TIE_ANSWERS = "read_survey_tie_answers"
    READ_SURVEY_RATINGS = "read_survey_ratings"
    READ_SURVEY_SUGGESTION_ANSWERS = "read_survey_suggestion_answers"
    READ_SURVEY_REPORTED = "read_survey_reported"
    INSERT_SURVEY_CHANGE = "insert_survey_change"
    INSERT_SURVEY_CHANGE_FIELDS = "insert_survey_change_fields"
    READ_SURVEY_CHANGES = "read_survey_changes"
    READ_SURVEY_CHANGE_FIELDS = "read_survey_change_fields"
    DECIDE_SURVEY_CHANGE = "decide_survey_change"
    UPSERT_SURVEY_PAIR_DECISION = "upsert_survey_pair_decision"
    READ_SURVEY_PAIR_DECISIONS = "read_survey_pair_decisions"


class Cypher(StrEnum):
    """Every Cypher file; the value is the file name without ``.cypher``."""

    SCHEMA = "schema"
    LOCK_STORE = "lock_store"
    CLEAR = "clear"
    CLEAR_LOADS = "clear_loads"
    BUMP_REVISION = "bump_revision"
    RECORD_LOAD = "record_load"

    UPSERT_AREAS = "upsert_areas"
    UNLINK_AREA_PARENTS = "unlink_area_parents"
    LINK_AREA_PARENTS = "link_area_parents"
    UPSERT_ORGANISATIONS = "upsert_organisations"
    REMOVE_ORGANISATION_AREAS = "remove_organisation_areas"
    ADD_ORGANISATION_AREAS = "add_organisation_areas"
    UPSERT_PROFESSIONALS = "upsert_professionals"
    REMOVE_EMPLOYMENTS = "remove_employments"
    WRITE_EMPLOYMENTS = "write_employments"
    UPSERT_AGREEMENTS = "upsert_agreements"
    REMOVE_AGREEMENT_PARTIES = "remove_agreement_parties"
    ADD_AGREEMENT_PARTIES = "add_agreement_parties"
    REMOVE_AGREEMENT_MEMBERS = "remove_agreement_members"
    ADD_AGREEMENT_MEMBERS = "add_agreement_members"
    REMOVE_AGREEMENT_AREAS = "remove_agreement_areas"
    ADD_AGREEMENT_AREAS = "add_agreement_areas"
    WRITE_ORGANISATION_FLOWS = "write_organisation_flows"
    WRITE_PROFESSIONAL_FLOWS = "write_professional_flows"

    READ_AREAS = "read_areas"
    READ_ORGANISATIONS = "read_organisations"
    READ_PROFESSIONALS = "read_professionals"
    READ_AGREEMENTS = "read_agreements"
    READ_FLOWS = "read_flows"
    SEARCH = "search"
    COUNTS = "counts"
    KNOWN_IDS = "known_ids"
    READ_REVISION = "read_revision"
    SERVER_VERSION = "server_version"
    LIST_LOADS = "list_loads"

    OPEN_ROUND = "open_round"
    CLOSE_ROUND = "close_round"
    READ_ROUNDS = "read_rounds"
    SAVE_RESPONSE = "save_response"
    ADD_TIE_ANSWERS = "add_tie_answers"
    READ_RESPONSES = "read_responses"
    READ_REPORTED = "read_reported"
    PROPOSE_CHANGE = "propose_change"
    READ_PROPOSED_CHANGES = "read_proposed_changes"
    DECIDE_CHANGE = "decide_change"
    DECIDE_PAIR = "decide_pair"
    READ_PAIR_DECISIONS = "read_pair_decisions"
    CLEAR_SURVEY = "clear_survey"


class Label(StrEnum):
    """Every node label the Cypher files may use (``tests/queries/test_catalog.py`` checks)."""

    AREA = "Area"
    ORGANISATION = "Organisation"
    PROFESSIONAL = "Professional"
    AGREEMENT = "Agreement"
    LOAD = "Load"
    META = "Meta"
    SURVEY_ROUND = "SurveyRound"
    SURVEY_RESPONSE = "SurveyResponse"
    TIE_ANSWER = "TieAnswer"
    PROPOSED_CHANGE = "ProposedChange"
    PAIR_DECISION = "PairDecision"


class Rel(StrEnum):
    """Every relationship type the Cypher files may use."""

    SERVES = "SERVES"
    PART_OF = "PART_OF"
    WORKS_FOR = "WORKS_FOR"
    PARTY_TO = "PARTY_TO"
    MEMBER_OF = "MEMBER_OF"
    COVERS = "COVERS"
    REFERRED = "REFERRED"
    IN_ROUND = "IN_ROUND"
    HAS_TIE = "HAS_TIE"


def _names(folder: str, suffix: str) -> set[str]:
    entries = files("queries").joinpath(folder).iterdir()
    return {entry.name.removesuffix(suffix) for entry in entries if entry.name.endswith(suffix)}


def sql_files() -> set[str]:
    """Names (without ``.sql``) of the SQL files shipped in the package."""
    return _names("sql", ".sql")


def cypher_files() -> set[str]:
    """Names (without ``.cypher``) of the Cypher files shipped in the package."""
    return _names("cypher", ".cypher")


# Typed LiteralString: query text comes from files in the package, never from values.
# (mypy treats LiteralString as str, so no cast is needed below.)


@cache
def sql(name: Sql) -> LiteralString:
    """The text of one SQL file, read once."""
    return files("queries").joinpath("sql", f"{name.value}.sql").read_text(encoding="utf-8")


@cache
def cypher(name: Cypher) -> LiteralString:
    """The text of one Cypher file, read once."""
    return files("queries").joinpath("cypher", f"{name.value}.cypher").read_text(encoding="utf-8")


def statements(script: LiteralString) -> list[LiteralString]:
    r"""The statements of a file holding several, separated by ``;`` (schema, stage, clear).

    Header and comment lines (``--`` or ``//``) are dropped.

    >>> statements("-- two\nCREATE TABLE a (x);\nCREATE TABLE b (y);\n")
    ['CREATE TABLE a (x)', 'CREATE TABLE b (y)']
    """
    lines = (line for line in script.splitlines() if not line.lstrip().startswith(("--", "//")))
    return [part.strip() for part in "\n".join(lines).split(";") if part.strip()]
