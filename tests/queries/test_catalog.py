"""The SQL catalog: every enum member has a file, every file a member and a caller."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import queries
from queries.catalog import Sql, sql, sql_files

SOURCE = Path(queries.__file__).parent


def test_every_member_has_a_file_and_every_file_a_member() -> None:
    assert {member.value for member in Sql} == sql_files()


@pytest.mark.parametrize("member", list(Sql), ids=lambda m: m.value)
def test_every_file_starts_with_a_header_naming_itself(member: Sql) -> None:
    first = sql(member).splitlines()[0]
    assert first.startswith(f"-- {member.value}: ")
    assert "Parameters" in sql(member)


def test_every_member_is_used_by_store_code() -> None:
    code = "\n".join(p.read_text(encoding="utf-8") for p in SOURCE.glob("*.py") if p.name != "catalog.py")
    unused = [m.name for m in Sql if f"Sql.{m.name}" not in code]
    assert unused == []


def test_named_parameters_match_what_the_store_passes() -> None:
    store_code = (SOURCE / "sqlite.py").read_text(encoding="utf-8")
    for member in Sql:
        names = set(re.findall(r"(?<!:):([a-z_]+)\b", sql(member)))
        for name in names:
            assert f'"{name}"' in store_code, f"{member.value} uses :{name}, which sqlite.py never passes"
