"""The kaart page on the demo municipality: callbacks as plain functions, both roles."""

from __future__ import annotations

import json
from typing import Any

import plotly
import pytest
from dash import Dash
from dash.exceptions import PreventUpdate

from app.access import ANALYST, Role, Viewer
from app.present.filters import Filters
from app.present.kaart import measure_values
from app.settings import Settings
from app.web import ids
from app.web.factory import create_app
from app.web.pages import kaart
from app.web.pages.kaart_callbacks import draw, search, show_panel, tap
from app.web.services import EXTENSION
from graph.coffee import suggest_meetings
from loaders.demo import PLANTED
from queries.sqlite import SqliteStore
from tests.app.conftest import request_as, users_with

PARTNER = Viewer("piet", Role.PARTNER, "ORG0043")


def dumps(value: Any) -> str:
    return json.dumps(value, cls=plotly.utils.PlotlyJSONEncoder)


@pytest.fixture
def login_app(demo_store: SqliteStore) -> Dash:
    users = users_with(("ana", "analist", None), ("piet", "partner", "ORG0043"))
    return create_app(Settings(), demo_store, users=users)


def _draw(
    sectors: Any = None,
    weight: Any = 1,
    size: str = "degree",
    steps: int = 0,
    show: Any = (),
    selected: Any = None,
    lang: str = "nl",
    expanded: Any = (),
    ties: str = "all",
    colour: str = "sector",
    layout: str = "network",
) -> tuple[Any, ...]:
    found = draw(
        None,
        sectors,
        weight,
        size,
        steps,
        list(show),
        "sector",
        list(expanded),
        selected,
        ties,
        colour,
        layout,
        lang,
    )
    return found[:3]


def _node_ids(elements: list[dict[str, Any]]) -> set[str]:
    return {e["data"]["id"] for e in elements if "source" not in e["data"]}


def _edges(elements: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [e for e in elements if "source" in e["data"] and e.get("classes") != "suggested"]


@pytest.mark.parametrize("lang", ["nl", "en"])
@pytest.mark.parametrize("viewer", [ANALYST, PARTNER], ids=["analist", "partner"])
def test_layout_renders_and_offers_inflow_only_to_analysts(demo_app: Dash, lang: Any, viewer: Viewer) -> None:
    with request_as(demo_app):
        tree = kaart.layout(lang, viewer)
    text = dumps(tree)
    assert getattr(tree, "id", None) == ids.Kaart.PAGE
    assert ('"value": "inflow"' in text) is viewer.is_analyst
    assert "Stichting Welzijn Ketendam" in text  # the search box lists organisations
    assert ("Map of the network" in text) is (lang == "en")


def test_filters_change_the_elements(demo_app: Dash) -> None:
    with request_as(demo_app):
        everything, _, _ = _draw()
        jeugd, _, _ = _draw(sectors=["jeugd"])
        heavy, _, status = _draw(weight=100)
    assert len(_node_ids(everything)) == 150
    assert len(_edges(everything)) == 1090
    assert 0 < len(_node_ids(jeugd)) < 150
    assert all("sector-jeugd" in e["classes"] for e in jeugd if "source" not in e["data"])
    assert 0 < len(_edges(heavy)) < 1090
    assert all(e["data"]["weight"] >= 100 for e in _edges(heavy))
    assert "150 organisaties" in dumps(status)


def test_bottlenecks_and_suggestions_are_marked(demo_app: Dash) -> None:
    with request_as(demo_app):
        elements, legend, _ = _draw(show=["bottlenecks", "suggestions"])
    classes = {e["data"]["id"]: e.get("classes", "") for e in elements}
    assert "knelpunt" in classes[PLANTED["articulation_point"]]
    assert "verbinder" in classes[PLANTED["broker"]]
    suggested = [e["data"] for e in elements if e.get("classes") == "suggested"]
    ties = {frozenset((e["data"]["source"], e["data"]["target"])) for e in _edges(elements)}
    assert len(suggested) == 70  # the analysis' top 50 kennismaken and top 20 afstemmen
    assert not any(frozenset((s["source"], s["target"])) in ties for s in suggested)
    assert "Knelpunt" in dumps(legend)


def test_a_tap_selects_the_organisation_and_opens_its_panel(demo_app: Dash) -> None:
    with request_as(demo_app):
        selected, _expanded = tap({"id": "ORG0043", "label": "x"}, [])
        body = dumps(show_panel(selected, None, "nl"))
        with pytest.raises(PreventUpdate):
            tap({"id": "nonsense"}, [])
    assert selected == "ORG0043"
    assert "Stichting Welzijn Ketendam" in body
    assert "Samenwerkingspartners (86)" in body
    assert "Verwijzingen ontvangen van" in body
    assert '"count"' in body
    assert "Op de koffie bij" in body


def test_the_panel_lists_afstemmen_apart_from_kennismaken(demo_app: Dash) -> None:
    services = demo_app.server.extensions[EXTENSION]
    G = services.graph(Filters(), ANALYST)
    with request_as(demo_app):
        school = dumps(show_panel("ORG0010", None, "nl"))  # a school: other schools serve its wijken
        police = dumps(show_panel("ORG0001", None, "en"))  # the only police team: no own-sector peer
    same_sector = suggest_meetings(G, "ORG0010", top=3, kind="afstemmen")
    assert same_sector
    assert "Afstemmen met (zelfde sector)" in school
    assert school.index("Op de koffie bij") < school.index("Afstemmen met")
    for suggestion in same_sector:
        other = suggestion.other("ORG0010")
        assert G.nodes[other]["sector"] == G.nodes["ORG0010"]["sector"]
        assert G.nodes[other]["name"] in school.split("Afstemmen met", 1)[1]
    assert "Meet for coffee" in police
    assert "Coordinate with" not in police


def test_a_tapped_group_expands(demo_app: Dash) -> None:
    with request_as(demo_app):
        _, expanded = tap({"id": "group:sector:zorg", "group": "sector:zorg"}, ["sector:wonen"])
    assert expanded == ["sector:wonen", "sector:zorg"]


def test_search_selects_and_focuses(demo_app: Dash) -> None:
    with request_as(demo_app):
        assert search("ORG0097", 0) == ("ORG0097", 1)
        assert search("ORG0097", 2) == ("ORG0097", 2)


def test_focus_one_versus_two_steps(demo_app: Dash) -> None:
    ap = PLANTED["articulation_point"]
    with request_as(demo_app):
        one, _, _ = _draw(steps=1, selected=ap)
        two, _, _ = _draw(steps=2, selected=ap)
    cluster = set(PLANTED["isolated_cluster"])
    assert _node_ids(one) == cluster | {ap, "ORG0070"}
    assert _node_ids(two) > _node_ids(one)
    assert "focus" in next(e for e in one if e["data"]["id"] == ap)["classes"]


def test_a_new_selection_without_focus_leaves_the_map_alone(demo_app: Dash) -> None:
    with request_as(demo_app, triggered_id=ids.Shell.SELECTED), pytest.raises(PreventUpdate):
        _draw(selected="ORG0043")


def test_language_switch_changes_labels(demo_app: Dash) -> None:
    with request_as(demo_app):
        _, legend_nl, status_nl = _draw(lang="nl")
        _, legend_en, status_en = _draw(lang="en")
        panel_en = dumps(show_panel("ORG0043", None, "en"))
    assert "Legenda" in dumps(legend_nl)
    assert "Welzijn" in dumps(legend_nl)
    assert "Legend" in dumps(legend_en)
    assert "Welfare" in dumps(legend_en)
    assert "organisations" in dumps(status_en)
    assert "organisaties" in dumps(status_nl)
    assert "Partners (86)" in panel_en
    assert "Meet for coffee" in panel_en


def test_partner_map_and_panels_hold_no_referral_counts(login_app: Dash) -> None:
    source, target = PLANTED["flow_without_agreement"]  # ~325 referrals a year, no agreement
    with request_as(login_app, "ana"):
        analyst_elements, _, _ = _draw(show=["bottlenecks", "suggestions"])
        analyst_panel = dumps(show_panel(target, None, "nl"))
    with request_as(login_app, "piet"):
        elements, legend, status = _draw(size="inflow", show=["bottlenecks", "suggestions"])
        other = dumps(show_panel(target, None, "nl"))
        own = dumps(show_panel("ORG0043", None, "nl"))
        deps = login_app.server.extensions[EXTENSION]
        with pytest.raises(PermissionError):
            measure_values(deps, Filters(), PARTNER, "inflow")
    text = dumps([elements, legend, status])
    assert '"referrals"' not in text
    assert "verwijzingen" not in text
    analyst_pair = next(
        e for e in _edges(analyst_elements) if {e["data"]["source"], e["data"]["target"]} == {source, target}
    )
    assert analyst_pair["data"]["referrals"] > 100
    assert not any({e["data"]["source"], e["data"]["target"]} == {source, target} for e in _edges(elements))
    partner_ids = {e["data"]["id"] for e in elements if e.get("classes") == "suggested"}
    assert partner_ids
    assert all("ORG0043" in i for i in partner_ids)
    assert "Verwijzingen ontvangen van" in analyst_panel
    assert '"count"' in analyst_panel
    assert "Verwijzingen ontvangen van" not in other
    assert '"count"' not in other
    assert "niet zichtbaar voor uw rol" in other
    assert "Verwijzingen ontvangen van" in own
    assert '"count"' in own


def test_a_partner_is_told_why_an_organisation_has_no_coffee_suggestions(login_app: Dash) -> None:
    deps = login_app.server.extensions[EXTENSION]
    seen = deps.graph(Filters(), PARTNER)  # no referral layer
    lonely = next(o for o in sorted(seen) if not suggest_meetings(seen, o))
    with request_as(login_app, "piet"):
        partner_nl = dumps(show_panel(lonely, None, "nl"))
        partner_en = dumps(show_panel(lonely, None, "en"))
    with request_as(login_app, "ana"):
        analyst = dumps(show_panel(lonely, None, "nl"))
    assert "niet de verwijzingen van anderen" in partner_nl
    assert "not the referrals of others" in partner_en
    assert suggest_meetings(deps.graph(Filters(), ANALYST), lonely)  # the referrals give it chances
    assert "niet de verwijzingen van anderen" not in analyst
    assert "Geen suggesties" not in analyst


@pytest.mark.parametrize("layout", ["network", "wijk"])
@pytest.mark.parametrize("colour", ["sector", "community", "measure"])
def test_partner_backbone_layouts_and_colours_use_no_referrals(
    login_app: Dash, layout: str, colour: str
) -> None:
    source, target = PLANTED["flow_without_agreement"]
    with request_as(login_app, "piet"):
        found = draw(None, None, 1, "degree", 0, [], "sector", [], None, "backbone", colour, layout, "nl")
        deps = login_app.server.extensions[EXTENSION]
        graph = deps.graph(Filters(), PARTNER)
        kept = deps.backbone(Filters(), PARTNER)
    elements, meta = found[0], found[3]
    assert all(not data.get("referrals") for _, _, data in graph.edges(data=True))
    assert kept <= set(graph.edges()) | {(b, a) for a, b in graph.edges()}
    assert '"referrals"' not in json.dumps(elements)
    assert not any({e["data"]["source"], e["data"]["target"]} == {source, target} for e in _edges(elements))
    assert "verwijzingen" not in " ".join(meta["lines"])
    tips = [e["data"]["tip"] for e in elements if "tip" in e["data"]]
    assert tips
    assert all(len(t) == 3 for t in tips)  # sector, wijken, partners (the name is the label): no measure
