"""The Wijken page and the report's needs section, on real SQLite stores.

Teststad (``tests/app/wijk_world.py``) plants a wijk of high need served by one
city-wide organisation; the demo municipality is checked for a complete, consistent page.
"""

from __future__ import annotations

import csv
import statistics
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from dash import Dash, dcc

from app.access import ANALYST
from app.cli.main import cli
from app.i18n import LABELS
from app.present.filters import Filters
from app.settings import Settings
from app.web import ids
from app.web.factory import create_app
from app.web.pages import wijken
from app.web.services import EXTENSION, Services, services
from app.web.serving import warm
from app.web.tables import TABLE, TABLE_CSV
from graph.model import Ecosystem, Scope
from graph.needs import needs_vs_coverage
from graph.taxonomy import AreaLevel
from queries.sqlite import SqliteStore
from tests.app.conftest import request_as, users_with
from tests.app.trees import components, text_of
from tests.app.wijk_world import GEMEENTE, HAVEN, WIJKEN, stad

ALL: dict[str, Any] = {"areas": []}
W = ids.Wijken


@pytest.fixture
def app_for(tmp_path: Path) -> Iterator[Any]:
    """An app on a real SQLite file holding the given ecosystem."""
    stores: list[SqliteStore] = []

    def make(eco: Ecosystem) -> Dash:
        store = SqliteStore(tmp_path / f"store{len(stores)}.sqlite")
        stores.append(store)
        store.apply(eco)
        return create_app(Settings(), store)

    yield make
    for store in stores:
        store.close()


def rows(tree: Any, name: str) -> list[dict[str, Any]]:
    grid: Any = next(c for c in components(tree) if getattr(c, "id", None) == {"type": TABLE, "name": name})
    found: list[dict[str, Any]] = grid.rowData
    return found


def table_names(tree: Any, kind: str = TABLE) -> list[str]:
    found = (getattr(c, "id", None) for c in components(tree))
    return [cid["name"] for cid in found if isinstance(cid, dict) and cid.get("type") == kind]


def graph(tree: Any, component_id: str) -> Any:
    return next(
        c for c in components(tree) if isinstance(c, dcc.Graph) and getattr(c, "id", None) == component_id
    )


def shapes(figure: Any) -> dict[str, Any]:
    return {trace.name: trace for trace in figure.data if trace.fill == "toself"}


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_layout_renders(demo_app: Dash, lang: Any) -> None:
    with request_as(demo_app):
        tree: Any = wijken.layout(lang, ANALYST)
    assert tree.id == W.PAGE
    assert tree.children[0].children == wijken.T("title", lang)


@pytest.mark.parametrize(
    ("lang", "yes", "need", "partner"),
    [
        ("nl", "ja", "30% jongeren onder 15", "geen jeugd-partner"),
        ("en", "yes", "30% young people under 15", "no youth partner"),
    ],
)
def test_the_planted_wijk_tops_the_ranking_with_its_reasons(
    app_for: Any, lang: str, yes: str, need: str, partner: str
) -> None:
    with request_as(app_for(stad())):
        tree = wijken.wijken(ALL, lang)
    ranking = rows(tree, "wijken-ranking")
    assert [r["rank"] for r in ranking] == [1, 2, 3, 4]
    assert sorted(r["wijk"] for r in ranking) == sorted(WIJKEN.values())
    top = ranking[0]
    assert (top["wijk"], top["flagged"]) == ("Haven", yes)
    assert need in top["reasons"]
    assert partner in top["reasons"]
    assert top["gap"] == pytest.approx(top["need"] - top["coverage"], abs=0.011)
    assert all(r["flagged"] != yes for r in ranking[1:])
    assert all(r["reasons"] for r in ranking)  # a wijk without reasons says so


def test_the_page_shows_what_graph_needs_computes_from_the_stored_data(app_for: Any) -> None:
    app = app_for(stad())
    with request_as(app):
        tree = wijken.wijken(ALL, "en")
        stored = services().store.snapshot(Scope())
    expected = needs_vs_coverage(stored)
    assert [(r["rank"], r["wijk"], r["gap"]) for r in rows(tree, "wijken-ranking")] == [
        (w.rank, w.name, round(w.gap, 2)) for w in expected
    ]


def test_indicators_stand_beside_coverage_per_sector_with_the_municipal_median(app_for: Any) -> None:
    with request_as(app_for(stad())):
        tree = wijken.wijken(ALL, "nl")
    needs = {r["wijk"]: r for r in rows(tree, "wijken-needs")}
    assert needs["Haven"]["youth_share"] == 30.0  # 900 of 3,000 residents
    assert needs["Haven"]["residents"] == 3000.0
    assert needs["Haven"]["social_assistance"] == 60.0  # per 1,000
    assert needs["Mediaan Teststad"]["youth_share"] == 11.5  # median of 10, 12, 30 and 11 %
    coverage = {r["wijk"]: r for r in rows(tree, "wijken-coverage")}
    assert (coverage["Haven"]["jeugd"], coverage["Haven"]["welzijn"], coverage["Haven"]["organisations"]) == (
        0,
        1,
        1,
    )
    assert coverage["Haven"]["density"] == ""  # one organisation: no density
    assert coverage["Centrum"]["organisations"] == 5  # four in Centrum and the city-wide one
    assert coverage["Centrum"]["density"] == 0.7  # 7 of the 10 possible ties (agreements A1, A2)
    need_heatmap = graph(tree, W.NEEDS).figure.data[0]
    assert need_heatmap.y[0] == "Haven"
    assert need_heatmap.zmid == 0
    cover_heatmap = graph(tree, W.COVERAGE).figure.data[0]
    assert "Jeugd" in list(cover_heatmap.x)


def test_every_table_has_a_csv_button(app_for: Any) -> None:
    with request_as(app_for(stad())):
        tree = wijken.wijken(ALL, "nl")
    names = table_names(tree)
    assert names == ["wijken-ranking", "wijken-needs", "wijken-coverage"]
    assert table_names(tree, TABLE_CSV) == names


def test_boundaries_give_a_map_and_no_boundaries_a_grid(app_for: Any) -> None:
    with request_as(app_for(stad(boundaries=True))):
        mapped = wijken.wijken(ALL, "en")
    with request_as(app_for(stad())):
        gridded = wijken.wijken(ALL, "en")
    on_map = shapes(graph(mapped, W.MAP).figure)
    assert sorted(on_map) == sorted(WIJKEN)
    assert wijken.T("map", "en") in text_of(mapped)
    assert on_map[HAVEN].line.width > on_map["WK000102"].line.width  # flagged
    haven_x = [x for x in on_map[HAVEN].x if x is not None]
    assert max(haven_x) < 5.2  # degree coordinates, scaled by cos(latitude) (5.10 to 5.11 unscaled)
    tiles = shapes(graph(gridded, W.MAP).figure)
    assert sorted(tiles) == sorted(WIJKEN)
    assert wijken.T("grid-explain", "en") in text_of(gridded)
    assert {(min(t.x), max(t.y)) for t in tiles.values()} == {
        (0.0, 0.0),
        (1.0, 0.0),
        (0.0, -1.0),
        (1.0, -1.0),
    }


def test_a_filter_on_wijken_keeps_their_rank(app_for: Any) -> None:
    with request_as(app_for(stad())):
        everything = rows(wijken.wijken(ALL, "en"), "wijken-ranking")
        noord = rows(wijken.wijken({"areas": ["WK000102"]}, "en"), "wijken-ranking")

    def values(found: list[dict[str, Any]]) -> list[dict[str, Any]]:  # the data, not its shown decimals
        return [{k: v for k, v in r.items() if not k.startswith("__fmt_")} for r in found]

    assert values(noord) == values([r for r in everything if r["wijk"] == "Noord"])


def test_the_analysis_is_computed_once_per_filter(app_for: Any) -> None:
    with request_as(app_for(stad())):
        deps = services()
        first = deps.wijk_needs(Filters(), ANALYST)
        assert deps.wijk_needs(Filters(areas=("WK000101",)), ANALYST) is first  # the wijk filter picks later
        fewer = deps.wijk_needs(Filters(layers=("referrals",)), ANALYST)
    assert fewer is not first
    centrum = next(w for w in fewer if w.code == "WK000101")
    assert centrum.density == 0.0  # no referral ties in Teststad


def test_without_indicators_the_page_says_what_to_do(app_for: Any) -> None:
    with request_as(app_for(stad(indicators=False))):
        tree = wijken.wijken(ALL, "en")
    text = text_of(tree)
    assert "ketenkaart import-cbs FILE" in text
    assert table_names(tree) == ["wijken-coverage"]
    assert len(rows(tree, "wijken-coverage")) == len(WIJKEN)


def test_organisations_without_wijken_say_what_to_do(app_for: Any) -> None:
    town = stad()
    only_gemeente = Ecosystem(
        areas=tuple(a for a in town.areas if a.code == GEMEENTE),
        organisations=tuple(replace(o, areas=(GEMEENTE,)) for o in town.organisations),
    )
    with request_as(app_for(only_gemeente)):
        tree = wijken.wijken(ALL, "nl")
    assert "ketenkaart import-cbs BESTAND" in text_of(tree)
    assert table_names(tree) == []


def test_an_empty_store_shows_a_friendly_notice() -> None:
    store = SqliteStore()
    try:
        with request_as(create_app(Settings(), store)):
            tree = wijken.wijken(ALL, "en")
    finally:
        store.close()
    assert tree.children == LABELS("empty", "en")


def test_a_partner_may_not_call_the_page(demo_store: SqliteStore) -> None:
    app = create_app(Settings(), demo_store, users=users_with(("piet", "partner", "ORG0043")))
    with request_as(app, "piet"), pytest.raises(PermissionError):
        wijken.wijken(ALL, "nl")


def test_the_demo_has_every_wijk_on_the_page(demo_app: Dash, demo: Ecosystem) -> None:
    with request_as(demo_app):
        tree = wijken.wijken(ALL, "nl")
    demo_wijken = [a for a in demo.areas if a.level is AreaLevel.WIJK]
    assert len(rows(tree, "wijken-ranking")) == len(demo_wijken)
    flagged = [r for r in rows(tree, "wijken-ranking") if r["flagged"] == "ja"]
    assert flagged
    assert all(r["reasons"] for r in flagged)
    drawn = shapes(graph(tree, W.MAP).figure)
    assert sorted(drawn) == sorted(a.code for a in demo_wijken)


def run(*args: str) -> Any:
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


@pytest.mark.parametrize(
    ("lang", "title"), [("nl", "Nood en dekking per wijk"), ("en", "Need and coverage per wijk")]
)
def test_the_report_ranks_the_wijken_with_reasons_and_draws_them(
    tmp_path: Path, lang: str, title: str
) -> None:
    database = tmp_path / "stad.sqlite"
    with SqliteStore(database) as store:
        store.apply(stad(boundaries=True))
    out = tmp_path / "rapport.html"
    result = run("report", str(out), "--database", str(database), "--lang", lang)
    assert result.exit_code == 0, result.output
    html = out.read_text(encoding="utf-8")
    assert f"<h2>{title}</h2>" in html
    section = html.split(f"<h2>{title}</h2>", 1)[1].split("<h2>", 1)[0]
    assert "Haven" in section
    assert ("geen jeugd-partner" if lang == "nl" else "no youth partner") in section
    assert '"fill":"toself"' in section  # the map, drawn by plotly from the boundaries
    with (tmp_path / "rapport-tabellen" / "wijken-nood.csv").open(encoding="utf-8-sig") as handle:
        table = list(csv.DictReader(handle, delimiter=";" if lang == "nl" else ","))
    assert table[0]["wijk"] == HAVEN
    assert [int(row["rank"]) for row in table] == [1, 2, 3, 4]
    assert float(table[0]["youth_share"].replace(",", ".")) == 30.0  # a decimal comma in Dutch


def test_the_report_says_what_to_do_without_indicators(tmp_path: Path) -> None:
    database = tmp_path / "stad.sqlite"
    with SqliteStore(database) as store:
        store.apply(stad(indicators=False))
    out = tmp_path / "r.html"
    assert run("report", str(out), "--database", str(database), "--lang", "en").exit_code == 0
    html = out.read_text(encoding="utf-8")
    assert "ketenkaart import-cbs FILE" in html
    section = html.split("<h2>Need and coverage per wijk</h2>", 1)[1].split("<h2>", 1)[0]
    assert "<table" not in section


def test_serving_warms_the_wijken_analysis(demo_store: SqliteStore) -> None:
    app = create_app(Settings(), demo_store)
    warm(app)
    deps: Services = app.server.extensions[EXTENSION]
    held = len(deps._memo)
    needs = deps.wijk_needs(Filters(), ANALYST)
    assert len(deps._memo) == held  # the first visit finds it computed
    assert needs[0].name == "Havenkwartier"


def test_coverage_shows_ties_per_organisation_and_names_the_thin_wijken(app_for: Any) -> None:
    with request_as(app_for(stad())):
        tree = wijken.wijken(ALL, "en")
    coverage = {r["wijk"]: r for r in rows(tree, "wijken-coverage")}
    assert coverage["Centrum"]["ties-per-organisation"] == 2.8  # 7 ties, each counted at both ends, over 5
    # the five include the city-wide Welzijn Teststad; each of them is of another sector
    assert (coverage["Centrum"]["organisations"], coverage["Centrum"]["cross-sector"]) == (5, 100.0)
    assert coverage["Haven"]["cross-sector"] == ""  # only the city-wide organisation: no tie
    assert (coverage["Haven"]["ties-per-organisation"], coverage["Haven"]["thin"]) == (
        "",
        "",
    )  # one organisation
    figures = {
        name: float(row["ties-per-organisation"])
        for name, row in coverage.items()
        if row["thin"] in ("yes", "no")
    }
    thin = sorted(name for name, value in figures.items() if value < statistics.median(figures.values()) / 2)
    assert sorted(name for name, row in coverage.items() if row["thin"] == "yes") == thin
    section = next(
        c for c in components(tree) if "section-wijken-coverage" in str(getattr(c, "className", ""))
    )
    assert ("Thin (" in text_of(section)) == bool(thin)
