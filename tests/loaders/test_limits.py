"""Hostile files are refused within seconds and a bounded memory, whatever they claim.

Each case of ``tests/data/bad`` named in ``HOSTILE`` is checked in a fresh process whose
address space is capped and whose time is limited: before these limits existed each of them
hung a core or took gigabytes (issue 13). The refusal itself, and that a load of them leaves a
database byte-identical, is checked with the rest of the corpus in ``test_bad_inputs.py``.
"""

from __future__ import annotations

import json
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from loaders.codes import ProblemCode
from loaders.load import check
from loaders.readers import ReadLimits, read_source
from loaders.report import LoadReport
from tests.loaders.bad_files import HEADER, row_xml, sheet_xml, workbook

BAD = Path(__file__).parents[1] / "data" / "bad"
HOSTILE = [
    "xlsx-dimension-claims-whole-sheet",
    "xlsx-cells-in-column-xfd",
    "xlsx-one-huge-cell",
    "xlsx-hidden-sheet",
    "xlsx-veryhidden-sheet",
    "utf16-file",
    "utf32-file",
    "huge-cell",
]
SECONDS = 20
MEMORY = 600 * 1024 * 1024

_CHILD = """
import json, resource, sys
from pathlib import Path
resource.setrlimit(resource.RLIMIT_AS, ({memory}, {memory}))
from loaders.load import check
report = check(Path(sys.argv[1])).report
print(json.dumps(sorted({{e.code.value if hasattr(e.code, "value") else e.code for e in report.errors}})))
"""


def _source(case: str) -> Path:
    folder = BAD / case / "input"
    books = sorted(folder.glob("*.xlsx"))
    return books[0] if books else folder


@pytest.mark.skipif(sys.platform == "win32", reason="RLIMIT_AS is POSIX")
@pytest.mark.parametrize("case", HOSTILE)
def test_a_hostile_file_is_refused_quickly_in_bounded_memory(case: str) -> None:
    expected = json.loads((BAD / case / "expected.json").read_text(encoding="utf-8"))["code"]
    done = subprocess.run(
        [sys.executable, "-c", _CHILD.format(memory=MEMORY), str(_source(case))],
        capture_output=True,
        text=True,
        timeout=SECONDS,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert json.loads(done.stdout) == [expected]


def _rows_book(path: Path, rows: int) -> Path:
    lines = [row_xml(1, dict(enumerate(HEADER, 1)))]
    lines += [row_xml(r, {1: f"ORG{r:05d}", 2: "x", 3: "welzijn", 4: "GM9901"}) for r in range(2, rows + 2)]
    workbook(path, [("organisations", "visible", sheet_xml(lines))])
    return path


def test_rows_beyond_the_limit_are_refused_where_they_pass_it(tmp_path: Path) -> None:
    book = _rows_book(tmp_path / "many.xlsx", 50)
    report = LoadReport("x")
    read_source(book, report, ReadLimits(rows=20))
    assert [(e.code, e.row) for e in report.errors] == [(ProblemCode.TOO_LARGE, 22)]
    folder = tmp_path / "csv"
    folder.mkdir()
    body = "\n".join(f"ORG{r:05d},x,welzijn,GM9901" for r in range(50))
    (folder / "organisations.csv").write_text(",".join(HEADER) + "\n" + body + "\n", encoding="utf-8")
    report = LoadReport("x")
    read_source(folder, report, ReadLimits(rows=20))
    assert [(e.code, e.row) for e in report.errors] == [(ProblemCode.TOO_LARGE, 22)]


def test_a_file_larger_than_the_limit_is_not_read_whole(tmp_path: Path) -> None:
    folder = tmp_path / "csv"
    folder.mkdir()
    (folder / "organisations.csv").write_bytes(b"id," + b"x" * (3 * 1024 * 1024))  # one long line
    report = LoadReport("x")
    read_source(folder, report, ReadLimits(file_bytes=1024 * 1024))
    assert [e.code for e in report.errors] == [ProblemCode.TOO_LARGE]
    assert "larger than 1 MB" in report.errors[0].message


def test_a_one_line_csv_with_a_cell_past_the_cell_limit_is_too_large(tmp_path: Path) -> None:
    folder = tmp_path / "csv"
    folder.mkdir()
    (folder / "organisations.csv").write_text("id,name\nORG1," + "x" * 2000 + "\n", encoding="utf-8")
    report = LoadReport("x")
    read_source(folder, report, ReadLimits(cell_chars=1000))
    assert [(e.code, e.row) for e in report.errors] == [(ProblemCode.TOO_LARGE, 2)]


def test_a_workbook_that_unpacks_beyond_the_limit_is_refused(tmp_path: Path) -> None:
    book = _rows_book(tmp_path / "b.xlsx", 2000)
    with zipfile.ZipFile(book) as archive:
        unpacked = sum(i.file_size for i in archive.infolist())
    report = LoadReport("x")
    read_source(book, report, ReadLimits(unpacked_bytes=unpacked // 2))
    assert [e.code for e in report.errors] == [ProblemCode.TOO_LARGE]
    assert check(book).report.ok


def test_open_data_json_nested_thousands_deep_is_refused_not_a_crash(tmp_path: Path) -> None:
    """Issue 13: ``RecursionError`` from HSDS JSON and GeoJSON boundaries; now a report row."""
    from loaders.cbs import check_cbs  # noqa: PLC0415
    from loaders.hsds.check import check_hsds  # noqa: PLC0415

    deep = "[" * 100_000 + "]" * 100_000
    (tmp_path / "hsds.json").write_text(deep, encoding="utf-8")
    assert [e.code for e in check_hsds(tmp_path / "hsds.json").report.errors] == [ProblemCode.BAD_JSON]
    (tmp_path / "wijken.geojson").write_text('{"type":"FeatureCollection","features":' + deep + "}", "utf-8")
    report = check_cbs(None, boundaries=tmp_path / "wijken.geojson").report
    assert [e.code for e in report.errors] == [ProblemCode.UNREADABLE_FILE]


def test_open_data_names_follow_the_one_text_rule(tmp_path: Path) -> None:
    """Issue 13: ``import-cbs`` let a formula after a newline through; HSDS uses the same cell rule."""
    from loaders.cbs import check_cbs  # noqa: PLC0415

    (tmp_path / "kwb.csv").write_text(
        'gwb_code_10;regio;recs;a_inw\nWK990101;"\n=HYPERLINK(""x"")";Wijk;100\n', encoding="utf-8"
    )
    report = check_cbs(tmp_path / "kwb.csv").report
    assert ProblemCode.FORMULA_INJECTION in {e.code for e in report.errors}


def test_a_count_beyond_2_to_53_is_stored_exactly(tmp_path: Path) -> None:
    """Issue 13: 2^53 + 1 was read through a float and stored as 2^53."""
    from loaders.load import load  # noqa: PLC0415
    from loaders.templates import write_templates  # noqa: PLC0415
    from queries.sqlite import SqliteStore  # noqa: PLC0415

    write_templates(tmp_path / "files")
    for book in (tmp_path / "files").glob("*.xlsx"):
        book.unlink()
    referrals = tmp_path / "files" / "referrals.csv"
    header, row, *_ = referrals.read_text(encoding="utf-8-sig").splitlines()
    cells = row.split(",")
    cells[-1] = str(2**53 + 1)
    referrals.write_text(header + "\n" + ",".join(cells) + "\n", encoding="utf-8")
    with SqliteStore() as store:
        load(tmp_path / "files", store)
        assert [f.count for f in store.snapshot().flows] == [2**53 + 1]
