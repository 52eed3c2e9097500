"""The app's services: a wijk cut equals a scoped snapshot; the memo computes once per revision."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

import networkx as nx
import pytest

from app.access import ANALYST
from app.present.filters import Filters
from app.settings import Settings
from app.web.services import Services, within
from graph.model import Ecosystem, Scope
from graph.periods import Period, PeriodRange
from graph.project import Layers, organisation_graph
from queries.sqlite import SqliteStore

WIJKEN = [f"WK9901{n:02d}" for n in range(1, 8)]


def edges(graph: nx.Graph[str]) -> dict[tuple[str, str], dict[str, object]]:
    return {(min(a, b), max(a, b)): dict(data) for a, b, data in graph.edges(data=True)}


@pytest.mark.parametrize("wijk", WIJKEN)
@pytest.mark.parametrize("layers", [Layers(), Layers.parse(["referrals"]), Layers.parse(["professionals"])])
def test_the_wijk_cut_equals_the_scoped_snapshot(demo_store: SqliteStore, wijk: str, layers: Layers) -> None:
    periods = PeriodRange(Period.parse("2025-03"), Period.parse("2025-08"))
    whole = organisation_graph(demo_store.snapshot(), layers=layers, periods=periods)
    scoped = organisation_graph(
        demo_store.snapshot(Scope(areas=frozenset({wijk}))), layers=layers, periods=periods
    )
    cut = within(whole, [wijk])
    assert set(cut) == set(scoped)
    assert edges(cut) == edges(scoped)
    assert 0 < cut.number_of_nodes() < whole.number_of_nodes()


def test_services_graph_uses_the_cut_for_a_wijk_filter(demo_store: SqliteStore) -> None:
    deps = Services(Settings(), demo_store)
    filters = Filters(areas=("WK990103",))
    expected = organisation_graph(demo_store.snapshot(Scope(areas=frozenset({"WK990103"}))))
    assert edges(deps.graph(filters, ANALYST)) == edges(expected)


def test_the_memo_computes_once_for_many_threads_and_again_after_a_load(demo: Ecosystem) -> None:
    store = SqliteStore()
    standalone = tuple(o for o in demo.organisations if o.parent_id is None)
    store.apply(Ecosystem(areas=demo.areas, organisations=standalone[:10]))
    deps = Services(Settings(), store)
    calls: list[int] = []
    gate = threading.Event()

    def slow() -> int:
        gate.wait(5)
        calls.append(1)
        return len(calls)

    with ThreadPoolExecutor(20) as pool:
        futures = [pool.submit(deps.memo, "key", slow) for _ in range(20)]
        gate.set()
        results = {f.result() for f in futures}
    assert results == {1}
    assert calls == [1]
    store.apply(Ecosystem(areas=demo.areas, organisations=standalone[:11]))  # a new revision
    assert deps.memo("key", slow) == 2
    store.close()
