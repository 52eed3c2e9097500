"""What the server computes before it listens, and what it leaves for later (issue 12: cold start).

A map above the grouping threshold draws closed groups only, so ``Services.warm_first`` does not
lay out every organisation nor find their tooltips and backbone, and the server listens at once,
warming in the background; an opened group is laid out on its own (``Services.group_positions``).
A map of closed groups is computed once for every canvas shape. The demo (150 organisations)
stands in for a large map by lowering the threshold (:func:`grouped_above`).
"""

from __future__ import annotations

import time
from collections.abc import Mapping
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import networkx as nx
import pytest

import app.present.kaart as kaart_module
import app.web.services as services_module
from app.access import ANALYST
from app.present import kaart_layout
from app.present.filters import Filters
from app.present.kaart import MapRequest, map_view
from app.settings import Settings
from app.web.services import Services
from app.web.serving import warm_in_steps
from queries.sqlite import SqliteStore
from tests.app.conftest import users_with


class Counted:
    """``layout_positions``, counting the organisations of every graph it lays out."""

    def __init__(self) -> None:
        self.sizes: list[int] = []
        self.real = kaart_layout.layout_positions

    def __call__(self, graph: nx.Graph[str], **options: Any) -> Mapping[str, tuple[float, float]]:
        self.sizes.append(graph.number_of_nodes())
        return self.real(graph, **options)


@pytest.fixture
def layouts(monkeypatch: pytest.MonkeyPatch) -> Counted:
    counted = Counted()
    monkeypatch.setattr(services_module, "layout_positions", counted)
    return counted


def grouped_above(monkeypatch: pytest.MonkeyPatch, count: int) -> None:
    """The map groups above ``count`` organisations: for the server's warming and the map alike."""
    monkeypatch.setattr(services_module, "GROUP_ABOVE", count)
    monkeypatch.setattr(kaart_module, "GROUP_ABOVE", count)


def computed(deps: Services, name: str) -> bool:
    """Whether ``deps`` holds a result of the memoised method named ``name`` (its key's first part)."""
    return any(isinstance(key, tuple) and key[1][0] == name for key in deps._memo)  # (revision, key)


def test_a_grouped_first_map_does_not_wait_for_every_position(
    demo_store: SqliteStore, layouts: Counted, monkeypatch: pytest.MonkeyPatch
) -> None:
    grouped_above(monkeypatch, 100)  # the demo's 150: drawn as groups
    deps = Services(Settings(), demo_store)
    deps.warm_first()
    assert layouts.sizes == []
    assert not computed(deps, "kaart-backbone")  # a closed group draws none of its ties
    assert not computed(deps, "kaart-tips")
    held = len(deps._memo)
    deps.warm_first()
    assert len(deps._memo) == held  # a second call computes nothing new

    members = frozenset(sorted(deps.organisation_names())[:40])
    placed = deps.group_positions(ANALYST, members)
    assert set(placed) == members
    assert layouts.sizes == [40]  # only the opened group
    assert deps.group_positions(ANALYST, members) is placed  # memoised

    everyone = deps.positions(ANALYST)
    assert layouts.sizes == [40]  # still nothing: computed at the first look-up
    assert len(everyone) == 150
    assert layouts.sizes == [40, 150]


@pytest.mark.parametrize("login", [True, False])
def test_a_map_drawn_one_by_one_is_laid_out_and_named_before_the_server_listens(
    demo_store: SqliteStore, layouts: Counted, login: bool
) -> None:
    users = users_with(("ana", "analist", None), ("piet", "partner", "ORG0043")) if login else None
    deps = Services(Settings(), demo_store, users)
    deps.warm_first()
    # analysts' and partners' positions; without login everyone sees the analysts' map
    assert layouts.sizes == ([150, 150] if login else [150])
    held = len(deps._memo)
    deps.label_zooms(ANALYST, "network", "degree", frozenset(deps.graph(Filters(), ANALYST)))
    assert len(deps._memo) == held  # the names of the first map were placed


def test_the_background_warms_the_groups_a_click_opens_first(
    demo_store: SqliteStore, layouts: Counted, monkeypatch: pytest.MonkeyPatch
) -> None:
    grouped_above(monkeypatch, 100)
    deps = Services(Settings(), demo_store)
    deps.warm()
    sectors = {data.get("sector") or "-" for _, data in deps.graph(Filters(), ANALYST).nodes(data=True)}
    assert sum(layouts.sizes[: len(sectors)]) == 150  # every sector group, before the whole map
    assert layouts.sizes[len(sectors)] == 150
    zorg = frozenset(
        n for n, d in deps.graph(Filters(), ANALYST).nodes(data=True) if d.get("sector") == "zorg"
    )
    held = len(layouts.sizes)
    deps.group_positions(ANALYST, zorg)
    assert len(layouts.sizes) == held  # opening the zorg group: laid out already


@pytest.mark.parametrize("group_above", [100, 1500])
def test_serving_warms_the_rest_at_once_or_in_the_background(
    demo_app: Any, layouts: Counted, monkeypatch: pytest.MonkeyPatch, group_above: int
) -> None:
    grouped_above(monkeypatch, group_above)
    thread = warm_in_steps(demo_app)
    assert (thread is None) == (group_above >= 150)  # drawn one by one: all warmed before listening
    if thread is not None:
        thread.join(timeout=600)
        assert not thread.is_alive()
    deps: Services = demo_app.server.extensions[services_module.EXTENSION]
    held = len(deps._memo)
    deps.analysis(Filters())
    deps.wijk_needs(Filters(), ANALYST)
    if thread is not None:
        assert map_view(deps, ANALYST, MapRequest()).grouped  # the first map, as the page asks for it
    assert len(deps._memo) == held  # computed by the background thread (or before listening)


def test_a_map_of_closed_groups_is_computed_once_for_every_canvas_shape(
    demo_store: SqliteStore, layouts: Counted, monkeypatch: pytest.MonkeyPatch
) -> None:
    grouped_above(monkeypatch, 100)
    deps = Services(Settings(), demo_store)
    wide = map_view(deps, ANALYST, MapRequest(aspect=2.0))
    assert wide.grouped
    assert wide.organisations == 150
    assert {e["data"].get("group") for e in wide.elements if "source" not in e["data"]} >= {"sector:zorg"}
    held = len(deps._memo)
    assert map_view(deps, ANALYST, MapRequest(aspect=0.5, selected="ORG0043")) is wide
    assert len(deps._memo) == held
    fresh = map_view(Services(Settings(), demo_store), ANALYST, MapRequest(aspect=0.5))
    assert fresh == wide  # a portrait canvas draws the same groups: one computation serves both
    # closed groups need no organisation's position, tooltip or backbone
    assert layouts.sizes == []
    assert not computed(deps, "kaart-backbone")
    assert not computed(deps, "kaart-tips")

    opened = map_view(deps, ANALYST, MapRequest(expanded=("sector:zorg",)))
    assert opened.grouped
    assert opened is not wide
    zorg = {n for n, d in deps.graph(Filters(), ANALYST).nodes(data=True) if d.get("sector") == "zorg"}
    drawn = {e["data"]["id"] for e in opened.elements if "source" not in e["data"]}
    assert zorg <= drawn
    assert layouts.sizes == [len(zorg)]  # only the opened group is laid out
    assert computed(deps, "kaart-backbone")  # its members' ties: the backbone's
    assert computed(deps, "kaart-tips")


def test_the_background_warming_gives_way_while_visitors_are_answered(demo_app: Any) -> None:
    deps: Services = demo_app.server.extensions[services_module.EXTENSION]
    assert deps.give_way(quiet=0.5) < 0.1  # nobody was answered yet: no wait
    client = demo_app.server.test_client()
    assert client.get("/_favicon.ico").status_code == 200
    assert deps._answering == 0  # counted in and out
    assert deps.give_way(quiet=60.0, longest=0.3) >= 0.3  # just answered: it waits (here: ``longest``)

    deps.request_started()  # a request still open: wait until it ends, then the quiet time
    with ThreadPoolExecutor(max_workers=1) as pool:
        waiter = pool.submit(deps.give_way, 0.2, 30.0)
        time.sleep(0.5)
        assert not waiter.done()
        deps.request_ended()
        assert 0.6 < waiter.result(timeout=20) < 20  # the open request, then the quiet time
    deps.request_started()
    assert 0.2 <= deps.give_way(quiet=0.1, longest=0.2) < 5  # under steady traffic: at most ``longest``
    deps.request_ended()
