"""Every data command, run as a user runs it, gives the same bytes on Neo4j as on SQLite.

One scenario (generate the demo, load it, import Open Referral and CBS files, list and
merge duplicates, export every format, write the report) runs twice through the
``ketenkaart`` console script: once on a SQLite file, once with
``KETENKAART_DATABASE=bolt://…`` on the real server. Both runs work in folders with the
same relative paths, so every printed line and every written file can be compared byte
for byte. The only thing that differs between the runs is the ``KETENKAART_DATABASE``
setting, which no output prints.

One exception, and it is not about the store: an Excel workbook (``xlsx``, ``kumu``) is a
zip whose entries carry the time they were written, and openpyxl stamps
``docProps/core.xml`` with ``dcterms:created``/``dcterms:modified`` at write time. The two
runs write a minute apart, so those bytes differ on any store. Workbooks are compared
entry by entry, every entry byte for byte, with only those two timestamps blanked.
"""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import pytest

from tests.conftest import neo4j_uri
from tests.loaders.cbs_files import KWB, shared, wijk_outlines, write_json
from tests.loaders.hsds_package import ORG
from tests.neo4j.conftest import demo_inputs, open_neo4j, run_scenario

FORMATS = ("csv", "xlsx", "hsds", "gexf", "graphml", "kumu")

STEPS: tuple[tuple[str, ...], ...] = (
    ("load", "demo"),
    ("stats", "--json"),
    ("analyse", "--json"),
    ("import-hsds", "hsds"),
    ("import-cbs", "kwb.csv", "--boundaries", "wijken.geojson"),
    ("merge", "--lang", "en"),
    ("merge", "ORG0097", ORG["voedselbank"], "--yes"),
    ("stats", "--json"),
    ("analyse", "--json"),
    ("analyse", "--layers", "referrals", "--from", "2025-01", "--to", "2025-06", "--json"),
    *(("export", f"export-{f}", "--format", f) for f in FORMATS),
    ("report", "rapport.html", "--lang", "en"),
    ("search", "ketendam"),
    ("coffee", "ORG0043", "--lang", "en"),
    ("load", "demo"),
    ("stats", "--json"),
)


def _inputs(folder: Path) -> None:
    """The scenario's input files, the same for both runs."""
    demo_inputs(folder)
    (folder / "kwb.csv").write_bytes(shared(KWB).read_bytes())
    write_json(folder / "wijken.geojson", wijk_outlines())


def _run_scenario(inputs: Path, work: Path, database: str) -> dict[str, bytes]:
    return run_scenario(inputs, work, database, STEPS)


@pytest.fixture(scope="module")
def runs(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict[str, bytes], dict[str, bytes]]:
    """The scenario on SQLite and on Neo4j (cleared first, and after)."""
    neo4j_uri()  # without a server, skip before the SQLite run
    root = tmp_path_factory.mktemp("scenario")
    _inputs(root / "inputs")
    on_sqlite = _run_scenario(root / "inputs", root / "sqlite", str(root / "store.sqlite"))
    with open_neo4j() as store:
        try:
            on_neo4j = _run_scenario(root / "inputs", root / "neo4j", neo4j_uri())
        finally:
            store.clear()
    return on_sqlite, on_neo4j


def test_both_runs_printed_and_wrote_the_same_things(runs: tuple[dict[str, bytes], dict[str, bytes]]) -> None:
    on_sqlite, on_neo4j = runs
    assert sorted(on_neo4j) == sorted(on_sqlite)
    exported = [name for name in on_sqlite if name.startswith("file export-")]
    assert {name.split("/")[0].removeprefix("file export-") for name in exported} == set(FORMATS)
    assert any(name.startswith("file rapport-tabellen") for name in on_sqlite)


@pytest.mark.parametrize("kind", ["stdout", "stats", "analyse", "export", "report"])
def test_every_output_is_byte_identical(runs: tuple[dict[str, bytes], dict[str, bytes]], kind: str) -> None:
    on_sqlite, on_neo4j = runs
    names = [n for n in on_sqlite if _kind(n) == kind]
    assert names
    differ = [n for n in names if _comparable(n, on_neo4j.get(n, b"")) != _comparable(n, on_sqlite[n])]
    assert not differ, _first_difference(differ[0], on_sqlite[differ[0]], on_neo4j.get(differ[0], b""))


def test_the_scenario_did_real_work(runs: tuple[dict[str, bytes], dict[str, bytes]]) -> None:
    _, on_neo4j = runs
    outputs = {
        name.split(": ")[0]: text.decode() for name, text in on_neo4j.items() if name.endswith("stdout")
    }
    assert "Written:" in outputs["00 load demo"]
    assert "Written:" in outputs["03 import-hsds hsds"]
    assert "ORG0097" in outputs["05 merge --lang en"]
    assert "No changes" in outputs[f"{len(STEPS) - 2:02d} load demo"]


_WRITE_TIME = re.compile(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*(</dcterms:)")


def _comparable(name: str, data: bytes) -> bytes | list[tuple[str, bytes]]:
    """The bytes; for a workbook, its entries with the write-time stamps blanked."""
    if not name.endswith(".xlsx"):
        return data
    with zipfile.ZipFile(io.BytesIO(data)) as book:
        entries = [(entry, book.read(entry)) for entry in book.namelist()]
    return [
        (entry, _WRITE_TIME.sub(rb"\1\2", body)) if entry == "docProps/core.xml" else (entry, body)
        for entry, body in entries
    ]


def _kind(name: str) -> str:
    if name.startswith("file export-"):
        return "export"
    if name.startswith("file rapport"):
        return "report"
    if "stats" in name:
        return "stats"
    if "analyse" in name:
        return "analyse"
    return "stdout"


def _first_difference(name: str, expected: bytes, got: bytes) -> str:
    at = next((i for i, (a, b) in enumerate(zip(expected, got, strict=False)) if a != b), None)
    at = min(len(expected), len(got)) if at is None else at
    return (
        f"{name} differs at byte {at} (SQLite {len(expected)} bytes, Neo4j {len(got)}):\n"
        f"SQLite: {expected[max(0, at - 200) : at + 200]!r}\nNeo4j:  {got[max(0, at - 200) : at + 200]!r}"
    )
