"""The only reader of query files: one statement per file, named by an enum member.

SQL lives in ``queries/sql/*.sql``. Each file starts with a ``--`` header giving its
purpose, parameters and returned columns. Query text is never built from values; the
files are read once and cached.

>>> "CREATE TABLE" in sql(Sql.SCHEMA)
True
"""

from __future__ import annotations

from enum import StrEnum
from functools import cache
from importlib.resources import files
from typing import LiteralString

__all__ = ["Sql", "sql", "sql_files"]


class Sql(StrEnum):
    """Every SQL file; the value is the file name without ``.sql``."""

    SCHEMA = "schema"
    STAGE_SCHEMA = "stage_schema"
    SCOPE_SCHEMA = "scope_schema"
    CLEAR = "clear"

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

    SEARCH = "search"
    COUNTS = "counts"
    KNOWN_IDS = "known_ids"
    READ_REVISION = "read_revision"
    BUMP_REVISION = "bump_revision"
    RECORD_LOAD = "record_load"
    LIST_LOADS = "list_loads"


def sql_files() -> set[str]:
    """Names (without ``.sql``) of the SQL files shipped in the package."""
    folder = files("queries").joinpath("sql")
    return {entry.name.removesuffix(".sql") for entry in folder.iterdir() if entry.name.endswith(".sql")}


@cache
def sql(name: Sql) -> LiteralString:
    """The text of one SQL file, read once."""
    # Typed LiteralString: query text comes from files in the package, never from values.
    # (mypy treats LiteralString as str, so no cast is needed here.)
    return files("queries").joinpath("sql", f"{name.value}.sql").read_text(encoding="utf-8")
