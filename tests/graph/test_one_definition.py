"""One definition per number (issue 15, point 4): the silo index everywhere, bounded betweenness,
heavy flows and ping-pong with a floor, and E-I and silo index undefined together."""

from __future__ import annotations

import networkx as nx
import pytest

from graph.analysis import analyse
from graph.bottlenecks import betweenness
from graph.model import Ecosystem, Organisation, ReferralFlow
from graph.periods import Period, PeriodRange
from graph.practice import agreement_gaps, ping_pong
from graph.project import organisation_graph
from graph.taxonomy import ActorKind, Sector

FEB = PeriodRange(Period.parse("2025-02"), Period.parse("2025-02"))


def _flows(ties: list[tuple[str, str, int]], months: tuple[str, ...]) -> tuple[ReferralFlow, ...]:
    return tuple(
        ReferralFlow(ActorKind.ORGANISATION, s, t, Period.parse(m), "", n) for m in months for s, t, n in ties
    )


def _issue_case() -> Ecosystem:
    """Issue 15: A->B 10, A->C 1, C->D 1 in 2025-01 and 2025-02; A, B care; C, D housing."""
    sectors = {"A": Sector.ZORG, "B": Sector.ZORG, "C": Sector.WONEN, "D": Sector.WONEN}
    orgs = tuple(Organisation(i, i, s) for i, s in sectors.items())
    return Ecosystem(
        organisations=orgs,
        flows=_flows([("A", "B", 10), ("A", "C", 1), ("C", "D", 1)], ("2025-01", "2025-02")),
    )


def _weighted_modularity_by_networkx(eco: Ecosystem, months: PeriodRange) -> float:
    G = organisation_graph(eco, periods=months)
    by_sector: dict[str, set[str]] = {}
    for node, data in G.nodes(data=True):
        by_sector.setdefault(str(data["sector"]), set()).add(node)
    return float(nx.community.modularity(G, list(by_sector.values()), weight="weight"))


def test_silo_index_trend_and_change_are_one_number_on_the_issue_case() -> None:
    eco = _issue_case()
    february = analyse(eco, periods=FEB)
    whole = analyse(eco)
    expected = _weighted_modularity_by_networkx(eco, FEB)
    assert expected == pytest.approx(0.1354, abs=1e-4)  # the weighted figure the issue quotes
    assert february["silo_index"] == pytest.approx(expected, abs=1e-12)
    assert [p["sector_modularity"] for p in february["trend"]] == pytest.approx([expected], abs=1e-12)
    assert whole["change"]["sector_modularity_after"] == pytest.approx(expected, abs=1e-12)
    assert whole["change"]["sector_modularity_before"] == pytest.approx(expected, abs=1e-12)
    assert whole["change"]["silo_change"] == pytest.approx(0.0, abs=1e-12)


def test_with_one_sector_e_i_and_silo_index_are_both_undefined() -> None:
    orgs = tuple(Organisation(i, i, Sector.ZORG) for i in "ABC")
    eco = Ecosystem(organisations=orgs, flows=_flows([("A", "B", 3), ("B", "C", 1)], ("2025-01", "2025-02")))
    result = analyse(eco)
    assert result["scope"]["ties"] == 2
    assert (result["ei_index"], result["silo_index"], result["silo"]) == (None, None, None)
    assert [p["sector_modularity"] for p in result["trend"]] == [None, None]
    change = result["change"]
    assert (change["sector_modularity_before"], change["sector_modularity_after"], change["silo_change"]) == (
        None,
        None,
        None,
    )
    with_housing = Ecosystem(organisations=(*orgs, Organisation("D", "D", Sector.WONEN)), flows=eco.flows)
    assert analyse(with_housing)["ei_index"] == -1.0  # two sectors: defined again (all ties stay in care)


def test_sampled_betweenness_never_leaves_zero_to_one() -> None:
    """networkit's estimate gave the hub of this star 1.0053 (200 pivots) before clipping."""
    star = nx.relabel_nodes(nx.star_graph(3200), lambda i: f"o{i}")
    values = betweenness(star, k=200, seed=0, engine="networkit")
    assert max(values.values()) == 1.0  # the hub lies on every route: exactly 1, not above
    assert min(values.values()) == 0.0
    raw = betweenness(star, k=200, seed=0, engine="networkit", normalized=False)
    assert max(raw.values()) == 3200 * 3199 / 2


def test_the_analysis_states_the_estimate_and_keeps_it_within_zero_to_one() -> None:
    leaves = [Organisation(f"L{i:04d}", f"Leaf {i}", Sector.WELZIJN) for i in range(3200)]
    hub = Organisation("HUB", "Hub", Sector.ZORG)
    flows = tuple(
        ReferralFlow(ActorKind.ORGANISATION, "HUB", o.id, Period.parse("2025-01"), "", 1) for o in leaves
    )
    result = analyse(Ecosystem(organisations=(hub, *leaves), flows=flows), top=0)
    assert result["scope"]["betweenness"] != "exact"  # the estimate says how it was made
    values = [n["betweenness"] for n in result["nodes"]]
    assert min(values) >= 0.0
    assert max(values) <= 1.0


def _uniform(count: int) -> Ecosystem:
    """Five organisations, every ordered pair referring ``count`` clients: nothing stands out."""
    orgs = tuple(Organisation(i, i, Sector.ZORG) for i in "ABCDE")
    ties = [(a, b, count) for a in "ABCDE" for b in "ABCDE" if a != b]
    return Ecosystem(organisations=orgs, flows=_flows(ties, ("2025-01",)))


@pytest.mark.parametrize("count", [1, 7])
def test_equal_volumes_make_no_flow_heavy_and_no_ping_pong(count: int) -> None:
    eco = _uniform(count)
    assert agreement_gaps(eco).unagreed_flows == ()
    assert ping_pong(eco) == []


def test_one_pair_that_stands_out_is_heavy_and_ping_pong() -> None:
    eco = _uniform(1)
    extra = _flows([("A", "B", 20), ("B", "A", 20)], ("2025-02",))
    eco = Ecosystem(organisations=eco.organisations, flows=eco.flows + extra)
    assert [(f.a, f.b) for f in agreement_gaps(eco).unagreed_flows] == [("A", "B")]
    assert [(p.a, p.b) for p in ping_pong(eco)] == [("A", "B")]


def test_one_referral_is_singular_in_both_languages() -> None:
    G: nx.DiGraph[str] = nx.DiGraph()
    G.add_weighted_edges_from([("A", "B", 1), ("B", "A", 1)])
    (found,) = ping_pong(G, min_each_way=1)
    assert found.reasons[0].nl.startswith("1 verwijzing heen en 1 terug")
    assert found.reasons[0].en.startswith("1 referral one way and 1 back")
    eco = Ecosystem(
        organisations=tuple(Organisation(i, i, Sector.ZORG) for i in "AB"),
        flows=_flows([("A", "B", 1)], ("2025-01",)),
    )
    (flow,) = agreement_gaps(eco, heavy=1).unagreed_flows
    assert flow.reasons[0].nl.startswith("1 verwijzing (1 heen, 0 terug")
    assert flow.reasons[0].en.startswith("1 referral (1 one way, 0 back")
