"""The corpus of bad inputs in ``tests/data/bad``: each is refused, precisely, and changes nothing.

Every case folder holds ``input/`` (a folder of CSV files, or one workbook) with exactly
one defect, and ``expected.json`` naming the error the report must hold::

    {"description": "...", "code": "duplicate-key", "file": "organisations.csv", "row": 3, "column": null}

For each case ``ketenkaart load`` must exit 1, print that error in its table and leave a
database already holding the template data byte-for-byte unchanged; ``check`` must report
the error with only that one code, with a readable message.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import subprocess
import sys
import traceback
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from app.cli.main import cli
from loaders.codes import ProblemCode
from loaders.load import check, load
from loaders.templates import TEMPLATE_WORKBOOK, write_templates
from queries import KnownIds, SqliteStore

BAD = Path(__file__).parents[1] / "data" / "bad"
CASES = sorted(p for p in BAD.iterdir() if (p / "expected.json").is_file()) if BAD.is_dir() else []
MIN_CASES = 58
SUBPROCESS_CASE = "client-identity-column-dutch-cp1252"  # non-ASCII column name through a real stdout
# Rich folds table cells to the terminal width; a wide "terminal" keeps every cell on one line.
WIDE = {"COLUMNS": "400", "NO_COLOR": "1"}
EXPECTED_KEYS = {"description", "code", "file", "row", "column"}
STABLE_CODES = {code.value for code in ProblemCode}  # declared once; documented (tests/loaders/test_codes.py)
_ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")
_CELL_BORDER = re.compile(r"[│┃|]")
_TEMPLATE_BRACES = re.compile(r"\{\w*\}")


@dataclass(frozen=True)
class BaseDatabase:
    """A closed SQLite file holding the template data, and the ids it knows."""

    data: bytes
    known: KnownIds


@pytest.fixture(scope="module")
def base_database(tmp_path_factory: pytest.TempPathFactory) -> BaseDatabase:
    folder = tmp_path_factory.mktemp("base")
    write_templates(folder / "input")
    db = folder / "base.sqlite"
    store = SqliteStore(db)
    try:
        load(folder / "input", store)
        known = store.known_ids()
    finally:
        store.close()
    assert not _sidecars(db), "closing the store should checkpoint and remove -wal/-shm"
    assert known.organisations == {"ORG0001", "ORG0002"}
    return BaseDatabase(db.read_bytes(), known)


def _sidecars(db: Path) -> list[Path]:
    return [p for p in (Path(f"{db}-wal"), Path(f"{db}-shm")) if p.exists()]


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _expected(case: Path) -> dict[str, str | int | None]:
    expected: dict[str, str | int | None] = json.loads((case / "expected.json").read_text(encoding="utf-8"))
    return expected


def _input_path(case: Path) -> Path:
    """The folder of CSV files, or the one workbook inside it."""
    folder = case / "input"
    workbooks = sorted(folder.glob("*.xls[xm]"))
    return workbooks[0] if len(workbooks) == 1 else folder


def _plain(output: str) -> str:
    return _ANSI.sub("", output)


def _table_rows(output: str) -> set[tuple[str, ...]]:
    """The first four cells (file, row, column, code) of every line of the CLI's problem tables."""
    rows = set()
    for line in _plain(output).splitlines():
        cells = [c.strip() for c in _CELL_BORDER.split(line)]
        if len(cells) >= 6 and cells[0] == "":
            rows.add(tuple(cells[1:5]))
    return rows


def _assert_names_error(output: str, expected: dict[str, str | int | None]) -> None:
    text = _plain(output)
    want = (
        str(expected["file"]),
        "" if expected["row"] is None else str(expected["row"]),
        str(expected["column"] or ""),
        str(expected["code"]),
    )
    assert str(expected["code"]) in text, f"the output does not name code {expected['code']}:\n{text}"
    assert str(expected["file"]) in text, f"the output does not name file {expected['file']}:\n{text}"
    if expected["column"] is not None:
        assert str(expected["column"]) in text, (
            f"the output does not name column {expected['column']}:\n{text}"
        )
    assert want in _table_rows(text), f"no table row (file, row, column, code) = {want}:\n{text}"


def _crash(result: Result) -> str:
    if result.exception is None or isinstance(result.exception, SystemExit):
        return ""
    assert result.exc_info is not None
    return "".join(traceback.format_exception(*result.exc_info))


def test_the_corpus_is_not_shrinking() -> None:
    assert len(CASES) >= MIN_CASES, f"only {len(CASES)} bad-input cases in {BAD}"


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_bad_input_is_refused_and_changes_nothing(
    case: Path, base_database: BaseDatabase, tmp_path: Path
) -> None:
    expected = _expected(case)
    assert set(expected) == EXPECTED_KEYS
    assert expected["code"] in STABLE_CODES, f"{expected['code']} is not a documented code"
    assert str(expected["description"]).strip()
    source = _input_path(case)

    # check: exactly the one kind of problem, at the expected place, said readably
    report = check(source, known=base_database.known).report
    found = [(e.file, e.row, e.column, e.code) for e in report.errors]
    want = (expected["file"], expected["row"], expected["column"], expected["code"])
    assert want in found, f"expected {want}; the report holds {found}"
    assert {e.code for e in report.errors} == {expected["code"]}, f"more than one kind of problem: {found}"
    for error in report.errors:
        assert error.message.strip(), f"empty message for {error}"
        assert not _TEMPLATE_BRACES.search(error.message), f"unformatted template in {error.message!r}"

    # load through the command line: exit 1, the error in the table, the database untouched
    db = tmp_path / "ketenkaart.sqlite"
    db.write_bytes(base_database.data)
    before = _sha256(db)
    result = CliRunner().invoke(cli, ["load", str(source), "--database", str(db)], env=WIDE)
    crash = _crash(result)
    assert not crash, f"ketenkaart load crashed:\n{crash}"
    assert result.exit_code == 1, result.output
    _assert_names_error(result.output, expected)
    assert "Nothing was written" in result.output
    assert not _sidecars(db), "the store was not closed cleanly"
    assert _sha256(db) == before, "the database file changed although the input was refused"


def test_a_real_process_refuses_bad_input(base_database: BaseDatabase, tmp_path: Path) -> None:
    case = BAD / SUBPROCESS_CASE
    assert case.is_dir(), f"the subprocess case {SUBPROCESS_CASE} is missing from the corpus"
    expected = _expected(case)
    db = tmp_path / "ketenkaart.sqlite"
    db.write_bytes(base_database.data)
    before = _sha256(db)
    executable = Path(sys.executable).parent / "ketenkaart"
    command = [str(executable)] if executable.exists() else [sys.executable, "-m", "app"]
    env = {**os.environ, **WIDE, "PYTHONIOENCODING": "utf-8"}
    done = subprocess.run(
        [*command, "load", str(_input_path(case)), "--database", str(db)],
        capture_output=True,
        env=env,
        timeout=60,
        check=False,
    )
    stdout, stderr = done.stdout.decode("utf-8"), done.stderr.decode("utf-8")
    assert "Traceback" not in stderr, stderr
    assert done.returncode == 1, stdout + stderr
    _assert_names_error(stdout, expected)
    assert not _sidecars(db)
    assert _sha256(db) == before


@pytest.mark.parametrize("which", ["folder", "workbook"])
def test_the_valid_templates_pass_check(which: str, tmp_path: Path) -> None:
    folder = tmp_path / "templates"
    write_templates(folder)
    source = folder if which == "folder" else folder / TEMPLATE_WORKBOOK
    database = tmp_path / "absent.sqlite"
    result = CliRunner().invoke(cli, ["check", str(source), "--database", str(database)], env=WIDE)
    assert not _crash(result), _crash(result)
    assert result.exit_code == 0, result.output
    assert "Valid" in result.output
    assert not database.exists(), "check must not create a database"
