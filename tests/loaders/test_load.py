"""Loading real files into the real embedded store: round trips, idempotency, formats."""

from __future__ import annotations

import csv
import json
from dataclasses import replace
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings

from app.cli.main import cli
from graph.errors import ConfigError, LoadError
from graph.model import Ecosystem
from graph.taxonomy import ActorKind
from loaders.load import check, load
from loaders.pseudonymise import Pseudonymiser
from loaders.templates import CENTRUM_OUTLINE, template_ecosystem, write_templates
from loaders.writers import EXCEL_CELL, ecosystem_tables, write_csv_folder, write_workbook
from queries.sqlite import SqliteStore
from tests.strategies import ecosystems

KEY = "test-key-not-a-secret-0123456789"


def _write(eco: Ecosystem, folder: Path) -> Path:
    write_csv_folder(ecosystem_tables(eco), folder)
    return folder


def test_demo_files_load_back_to_the_same_ecosystem(tmp_path: Path, demo: Ecosystem) -> None:
    folder = _write(demo, tmp_path / "demo")
    store = SqliteStore(tmp_path / "a.sqlite")
    outcome = load(folder, store)
    assert outcome.report.errors == []
    assert store.snapshot() == demo


def _with_open_data(eco: Ecosystem) -> Ecosystem:
    """The ecosystem with expertise on some organisations, figures and outlines on every area."""
    words = ("schuldhulp", "buurtwerk", "jeugd en gezin", "ggz")
    organisations = tuple(
        replace(o, expertise=o.expertise or words[: i % 4]) for i, o in enumerate(eco.organisations)
    )
    areas = tuple(
        replace(
            a,
            indicators=a.indicators or (("a_inw", 1000.0 + 37 * i), ("p_hh_li", round(0.1 * i, 1))),
            boundary=a.boundary or CENTRUM_OUTLINE,
        )
        for i, a in enumerate(eco.areas)
    )
    return replace(eco, organisations=organisations, areas=areas)


def test_generate_load_export_load_gives_identical_stores(tmp_path: Path, demo: Ecosystem) -> None:
    eco = _with_open_data(demo)
    first, second = SqliteStore(tmp_path / "a.sqlite"), SqliteStore(tmp_path / "b.sqlite")
    load(_write(eco, tmp_path / "in"), first)
    assert first.snapshot() == eco
    exported = _write(first.snapshot(), tmp_path / "out")
    load(exported, second)
    assert second.counts() == first.counts()
    assert second.snapshot() == first.snapshot() == eco
    for name in ("organisations", "referrals", "areas", "indicators"):
        assert (tmp_path / "in" / f"{name}.csv").read_bytes() == (exported / f"{name}.csv").read_bytes()
    indicators = (exported / "indicators.csv").read_text(encoding="utf-8-sig").splitlines()
    assert len(indicators) == 1 + sum(len(a.indicators) for a in eco.areas)


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_export_command_writes_the_new_fields_and_load_reads_them_back(tmp_path: Path, fmt: str) -> None:
    eco = _with_open_data(template_ecosystem())
    first, second = tmp_path / "a.sqlite", tmp_path / "b.sqlite"
    with SqliteStore(first) as store:
        store.apply(eco)
    exported = CliRunner().invoke(
        cli, ["export", str(tmp_path / "out"), "--format", fmt, "--database", str(first)]
    )
    assert exported.exit_code == 0, exported.output
    source = tmp_path / "out" if fmt == "csv" else next((tmp_path / "out").glob("*.xlsx"))
    loaded = CliRunner().invoke(cli, ["load", str(source), "--database", str(second)])
    assert loaded.exit_code == 0, loaded.output
    with SqliteStore(second) as store:
        assert store.snapshot() == eco


def test_an_outline_too_long_for_excel_is_refused_not_cut_short(tmp_path: Path) -> None:
    eco = template_ecosystem()
    ring = [[5 + i / 100_000, 52.0] for i in range(3000)]
    outline = json.dumps(
        {"type": "Polygon", "coordinates": [[*ring, [5, 52.1], ring[0]]]}, separators=(",", ":")
    )
    assert len(outline) > EXCEL_CELL
    big = replace(eco, areas=(eco.areas[0], replace(eco.areas[1], boundary=outline)))
    with pytest.raises(ConfigError, match="Excel cell"):
        write_workbook(ecosystem_tables(big), tmp_path / "big.xlsx")
    assert check(_write(big, tmp_path / "csv")).batch == big  # csv holds it whole


def test_figures_and_outlines_add_to_what_the_store_holds(tmp_path: Path) -> None:
    eco = template_ecosystem()
    store = SqliteStore()
    load(_write(eco, tmp_path / "base"), store)
    later = tmp_path / "later"
    later.mkdir()
    (later / "indicatoren.csv").write_text(
        "gebied;indicator;waarde\nWK990101;a_inw;5300\nWK990101;a_00_14;610,5\nGM9901;a_inw;374238\n",
        encoding="utf-8",
    )
    outcome = load(later, store)
    assert outcome.result is not None
    assert outcome.result.changes == {"areas": 2}
    gemeente, wijk = store.snapshot().areas
    assert wijk == replace(
        eco.areas[1], indicators=(("a_00_14", 610.5), ("a_inw", 5300.0), ("p_hh_li", 12.5))
    )
    assert gemeente == replace(eco.areas[0], indicators=(("a_inw", 374238.0),))
    renamed = tmp_path / "renamed"
    renamed.mkdir()
    (renamed / "gebieden.csv").write_text("code,naam\nWK990101,Centrum-Oost\n", encoding="utf-8")
    load(renamed, store)
    kept = store.snapshot().areas[1]
    assert (kept.name, kept.boundary, kept.indicator("a_00_14")) == ("Centrum-Oost", CENTRUM_OUTLINE, 610.5)
    cleared = tmp_path / "cleared"
    cleared.mkdir()
    (cleared / "gebieden.csv").write_text("code,naam,grens\nWK990101,Centrum-Oost,\n", encoding="utf-8")
    load(cleared, store)
    assert store.snapshot().areas[1].boundary is None


def test_dutch_headers_for_the_new_columns_and_outlines_in_compact_form(tmp_path: Path) -> None:
    folder = tmp_path / "nl"
    folder.mkdir()
    spaced = (
        '{ "type": "MultiPolygon", "bbox": [5, 52, 6, 53],'
        ' "coordinates": [[[[5, 52], [6, 52], [6, 53], [5, 52]]]] }'
    )
    with (folder / "gebieden.csv").open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, delimiter=";").writerows(
            [["code", "naam", "grens"], ["WK990101", "Centrum", spaced]]
        )
    with (folder / "organisaties.csv").open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, delimiter=";").writerows(
            [["id", "naam", "sector", "diensten"], ["ORG1", "Buurtteam", "welzijn", "jeugd | schulden|"]]
        )
    (folder / "indicatoren.csv").write_text(
        "gebied;indicator;waarde\nWK990101;p_hh_li;12,5\nWK990101;p_hh_li;12.5\n", encoding="utf-8"
    )
    checked = check(folder)
    assert checked.report.errors == []
    assert [(w.file, w.row, w.code) for w in checked.report.warnings] == [
        ("indicatoren.csv", 3, "duplicate-row"),  # 12,5 and 12.5 are the same figure
        ("areas", None, "area-not-described"),
    ]
    (org,) = checked.batch.organisations
    assert org.expertise == ("jeugd", "schulden")
    wijk = next(a for a in checked.batch.areas if a.code == "WK990101")
    assert wijk.boundary == '{"type":"MultiPolygon","coordinates":[[[[5,52],[6,52],[6,53],[5,52]]]]}'
    assert wijk.indicators == (("p_hh_li", 12.5),)


def test_loading_the_same_files_twice_changes_nothing(tmp_path: Path, demo: Ecosystem) -> None:
    folder = _write(demo, tmp_path / "demo")
    store = SqliteStore(tmp_path / "a.sqlite")
    assert load(folder, store).result.total > 0  # type: ignore[union-attr]
    revision, loads = store.revision(), store.loads()
    again = load(folder, store)
    assert again.result is not None
    assert again.result.total == 0
    assert store.revision() == revision
    assert store.loads() == loads


def test_dry_run_writes_nothing(tmp_path: Path) -> None:
    folder = tmp_path / "tpl"
    write_templates(folder)
    store = SqliteStore(tmp_path / "a.sqlite")
    outcome = load(folder, store, dry_run=True)
    assert outcome.result is None
    assert outcome.batch == template_ecosystem()
    assert store.counts().organisations == 0


def test_excel_workbook_loads_the_same_as_csv(tmp_path: Path, demo: Ecosystem) -> None:
    book = write_workbook(ecosystem_tables(demo), tmp_path / "demo.xlsx")
    store = SqliteStore()
    load(book, store)
    assert store.snapshot() == demo


def test_a_later_file_may_name_records_already_in_the_store(tmp_path: Path) -> None:
    eco = template_ecosystem()
    store = SqliteStore()
    load(_write(replace(eco, flows=()), tmp_path / "base"), store)
    later = tmp_path / "later"
    write_csv_folder({"referrals": ecosystem_tables(eco)["referrals"]}, later)
    assert check(later).report.codes() == {"unknown-organisation": 2}
    load(later, store)
    assert store.snapshot() == eco


def test_dutch_headers_semicolons_and_cp1252_as_dutch_excel_saves_them(tmp_path: Path) -> None:
    folder = tmp_path / "nl"
    folder.mkdir()
    rows = [
        ["id", "naam", "sector", "gemeente", "gebieden", "capaciteit"],
        ["ORG1", "Stichting Ouderen Café", "Zorg", "GM9901", "WK990101", "12"],
        ["ORG2", "Woningcorporatie Thuis", "Huisvesting", "GM9901", "WK990101", ""],
    ]
    with (folder / "organisaties.csv").open("w", encoding="cp1252", newline="") as handle:
        csv.writer(handle, delimiter=";").writerows(rows)
    with (folder / "verwijzingen-2025.csv").open("w", encoding="cp1252", newline="") as handle:
        csv.writer(handle, delimiter=";").writerows(
            [
                ["van_organisatie", "naar_organisatie", "periode", "domein", "aantal"],
                ["ORG1", "ORG2", "2025-K1", "wonen", "7"],
            ]
        )
    checked = check(folder)
    assert checked.report.errors == []
    assert [f.encoding for f in checked.report.files] == ["cp1252", "utf-8"]  # plain ASCII is UTF-8
    assert [f.delimiter for f in checked.report.files] == [";", ";"]
    names = {o.name for o in checked.batch.organisations}
    assert names == {"Stichting Ouderen Café", "Woningcorporatie Thuis"}
    assert [(f.period.code, f.count) for f in checked.batch.flows] == [("2025-Q1", 7)]


def test_pseudonymised_load_keeps_no_names_and_is_stable(tmp_path: Path, demo: Ecosystem) -> None:
    folder = _write(demo, tmp_path / "demo")
    store = SqliteStore()
    load(folder, store, pseudonym_key=KEY)
    snapshot = store.snapshot()
    real_names = {p.name for p in demo.professionals}
    real_ids = {p.id for p in demo.professionals}
    assert not real_names & {p.name for p in snapshot.professionals}
    assert not real_ids & {p.id for p in snapshot.professionals}
    assert not real_ids & {m for a in snapshot.agreements for m in a.members}
    assert not real_ids & {f.source_id for f in snapshot.flows if f.source_kind is ActorKind.PROFESSIONAL}
    assert snapshot.counts() == demo.counts()
    assert load(folder, store, pseudonym_key=KEY).result.total == 0  # type: ignore[union-attr]


def test_pseudonymised_referrals_loaded_later_point_at_the_same_professional(tmp_path: Path) -> None:
    eco = template_ecosystem()
    by_professional = replace(eco.flows[0], source_kind=ActorKind.PROFESSIONAL, source_id="PRO00001")
    store = SqliteStore()
    load(_write(replace(eco, flows=()), tmp_path / "base"), store, pseudonym_key=KEY)
    later = tmp_path / "later"
    write_csv_folder(
        {"referrals": ecosystem_tables(replace(eco, flows=(by_professional,)))["referrals"]}, later
    )
    load(later, store, pseudonym_key=KEY)
    flow = store.snapshot().flows[0]
    assert flow.source_id == Pseudonymiser(KEY).id("PRO00001")


def test_a_short_pseudonym_key_is_refused(tmp_path: Path) -> None:
    write_templates(tmp_path / "tpl")
    with pytest.raises(ConfigError, match="at least 16"):
        load(tmp_path / "tpl", SqliteStore(), pseudonym_key="short")


def test_invalid_files_raise_with_the_whole_report_and_write_nothing(tmp_path: Path, demo: Ecosystem) -> None:
    folder = _write(demo, tmp_path / "demo")
    text = (folder / "referrals.csv").read_text(encoding="utf-8-sig").splitlines()
    text[5] = text[5].rsplit(",", 1)[0] + ",-3"
    text[9] = text[9].replace("2025-", "2025-13-", 1)
    (folder / "referrals.csv").write_text("\n".join(text) + "\n", encoding="utf-8")
    store = SqliteStore()
    with pytest.raises(LoadError) as caught:
        load(folder, store)
    found = {(e.row, e.code) for e in caught.value.report.errors}
    assert found == {(6, "negative-number"), (10, "bad-period")}
    assert store.counts().organisations == 0


def test_identical_duplicate_rows_are_read_once_with_a_warning(tmp_path: Path) -> None:
    folder = tmp_path / "tpl"
    write_templates(folder)
    path = folder / "organisations.csv"
    lines = path.read_text(encoding="utf-8-sig").splitlines()
    path.write_text("\n".join([*lines, lines[1]]) + "\n", encoding="utf-8")
    checked = check(folder)
    assert checked.report.errors == []
    assert [(w.row, w.code) for w in checked.report.warnings] == [(4, "duplicate-row")]
    assert checked.batch == template_ecosystem()


def test_an_unreadable_file_gives_one_error_not_a_cascade(tmp_path: Path) -> None:
    folder = tmp_path / "tpl"
    write_templates(folder)
    (folder / "organisations.csv").write_bytes(b"")
    report = check(folder).report
    assert [(e.file, e.code) for e in report.errors] == [("organisations.csv", "empty-file")]


def test_a_bad_row_is_reported_once_not_again_by_every_reference_to_it(tmp_path: Path) -> None:
    folder = tmp_path / "tpl"
    write_templates(folder)
    path = folder / "organisations.csv"
    path.write_text(path.read_text(encoding="utf-8-sig").replace("welzijn", "ruimtevaart"), encoding="utf-8")
    report = check(folder).report
    assert [(e.file, e.row, e.column, e.code) for e in report.errors] == [
        ("organisations.csv", 2, "sector", "unknown-sector")
    ]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(eco=ecosystems())
def test_any_valid_ecosystem_survives_csv_and_excel(
    tmp_path_factory: pytest.TempPathFactory, eco: Ecosystem
) -> None:
    folder = tmp_path_factory.mktemp("roundtrip")
    tables = ecosystem_tables(eco)
    write_csv_folder(tables, folder / "csv")
    from_csv = check(folder / "csv")
    assert from_csv.report.errors == []
    assert from_csv.batch == eco
    from_excel = check(write_workbook(tables, folder / "eco.xlsx"))
    assert from_excel.batch == eco


def test_figures_typed_into_excel_as_numbers_are_read(tmp_path: Path) -> None:
    from openpyxl import Workbook  # noqa: PLC0415 - only this test builds a workbook by hand

    book = Workbook()
    sheet = book.active
    sheet.title = "indicatoren"
    for row in (["gebied", "indicator", "waarde"], ["WK990101", "a_inw", 5200], ["WK990101", "p_x", 1.5e-05]):
        sheet.append(row)
    areas = book.create_sheet("gebieden")
    areas.append(["code", "naam"])
    areas.append(["WK990101", "Centrum"])
    book.save(tmp_path / "cijfers.xlsx")
    checked = check(tmp_path / "cijfers.xlsx")
    assert checked.report.errors == []
    wijk = next(a for a in checked.batch.areas if a.code == "WK990101")
    assert wijk.indicators == (("a_inw", 5200.0), ("p_x", 1.5e-05))
