"""What the server computes before it listens, and what it leaves for later (issue 12: cold start).

A map above the grouping threshold draws groups only, so ``Services.warm_first`` does not lay
out every organisation; an opened group is laid out on its own (``Services.group_positions``).
The demo (150 organisations) stands in for a large map by lowering the threshold.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import networkx as nx
import pytest

import app.web.services as services_module
from app.access import ANALYST
from app.present import kaart_layout
from app.present.filters import Filters
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


def test_a_grouped_first_map_does_not_wait_for_every_position(
    demo_store: SqliteStore, layouts: Counted, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(services_module, "GROUP_ABOVE", 100)  # the demo's 150: drawn as groups
    deps = Services(Settings(), demo_store)
    deps.warm_first()
    assert layouts.sizes == []
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
    monkeypatch.setattr(services_module, "GROUP_ABOVE", 100)
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
    monkeypatch.setattr(services_module, "GROUP_ABOVE", group_above)
    thread = warm_in_steps(demo_app)
    assert (thread is None) == (group_above >= 150)  # drawn one by one: all warmed before listening
    if thread is not None:
        thread.join(timeout=600)
        assert not thread.is_alive()
    deps: Services = demo_app.server.extensions[services_module.EXTENSION]
    held = len(deps._memo)
    deps.analysis(Filters())
    deps.wijk_needs(Filters(), ANALYST)
    assert len(deps._memo) == held  # computed by the background thread
