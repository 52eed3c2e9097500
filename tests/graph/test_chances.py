"""Gaps and chances: link scores against R igraph, suggestion invariants, the planted demo gaps."""

from __future__ import annotations

import csv
import json
import math
from collections import Counter, defaultdict
from dataclasses import asdict
from datetime import date
from pathlib import Path
from typing import Any

import networkx as nx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from graph.chances import (
    ALL_CANDIDATES_UP_TO,
    AT_MOST,
    WINDOW,
    Suggestion,
    Weights,
    absent_sectors,
    link_scores,
    pair_scores,
    sector_gaps,
    suggest_links,
    suggest_overlaps,
)
from graph.errors import AnalysisError, UnsupportedGraph
from graph.model import Agreement, Ecosystem, Organisation, ReferralFlow
from graph.periods import Period, PeriodRange
from graph.practice import (
    SpecialistOpportunity,
    agreement_gaps,
    ambassador_index,
    ping_pong,
    shared_specialist_opportunities,
)
from graph.project import organisation_graph, referral_graph
from graph.taxonomy import ActorKind, AgreementKind, Sector
from loaders.demo import PLANTED
from tests.graph.networks import one_mode, shared_data
from tests.strategies import ecosystems

# (folder, one_mode options, reference file). Directed relations are loaded as referral
# flows; the organisation graph is then their undirected projection, as in the references.
REFERENCES = [
    ("padgett_florentine/marriage", {}, "ref_linkpred_r.csv"),
    ("padgett_florentine/business", {}, "ref_linkpred_r.csv"),
    ("krackhardt_hightech/friends", {"key": "id", "directed": True}, "ref_linkpred_r.csv"),
    ("lazega_lawfirm/friends", {"key": "id", "directed": True}, "ref_linkpred_r.csv"),
    ("kapferer_tailor/social", {"time": "1"}, "ref_linkpred_r_time1.csv"),
    ("kapferer_tailor/social", {"time": "2"}, "ref_linkpred_r_time2.csv"),
    ("kapferer_tailor/work", {"time": "1", "directed": True}, "ref_linkpred_r_time1.csv"),
    ("kapferer_tailor/work", {"time": "2", "directed": True}, "ref_linkpred_r_time2.csv"),
]
MAIN_SECTORS = [Sector.ZORG, Sector.WELZIJN, Sector.WONEN, Sector.JEUGD, Sector.ONDERWIJS, Sector.VEILIGHEID]


def _reference(folder: str, options: dict[str, Any], name: str, tmp: Path) -> tuple[nx.Graph[str], list[Any]]:
    path = shared_data(*folder.split("/"))
    network = one_mode(path, tmp, **options)
    with (path / name).open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    ids = network.ids
    return organisation_graph(network.ecosystem), [((ids[r["u"]], ids[r["v"]]), r) for r in rows]


# --------------------------------------------------------------------------- references


@pytest.mark.parametrize(("folder", "options", "name"), REFERENCES, ids=str)
def test_link_scores_equal_r_igraph(folder: str, options: dict[str, Any], name: str, tmp_path: Path) -> None:
    G, rows = _reference(folder, options, name, tmp_path)
    scores = link_scores(G, [pair for pair, _ in rows])
    for pair, row in rows:
        # every reference pair is a non-edge: igraph's Jaccard (loops = FALSE) and
        # NetworkX's then agree; neither adds the pair itself to the neighbour sets
        assert not G.has_edge(*pair)
        got = scores[pair]
        assert got.common_neighbours == int(row["common_neighbours"]), pair
        assert got.jaccard == pytest.approx(float(row["jaccard_igraph"]), rel=1e-9, abs=1e-10), pair
        assert got.adamic_adar == pytest.approx(float(row["adamic_adar_igraph"]), rel=1e-9, abs=1e-10), pair


def _weighted_adamic_adar(G: nx.Graph[str], u: str, v: str) -> float:
    """Lü and Zhou's weighted Adamic-Adar, by brute force over the shared partners."""

    def w(a: str, b: str) -> float:
        return float(G.edges[a, b].get("weight", 1.0))

    strength = {z: sum(w(z, y) for y in G[z] if y != z) for z in G}
    return sum((w(u, z) + w(v, z)) / math.log1p(strength[z]) for z in set(G[u]) & set(G[v]) - {u, v})


def _all(G: nx.Graph[str], **options: Any) -> list[Suggestion]:
    """Both lists in full, not spread out (``around`` every organisation), best first."""
    found = [
        *suggest_links(G, top=len(G) ** 2, around=list(G), **options),
        *suggest_overlaps(G, top=len(G) ** 2, around=list(G), **options),
    ]
    return sorted(found, key=lambda s: -s.score)


@pytest.mark.parametrize(("folder", "options", "name"), REFERENCES, ids=str)
def test_shared_partner_term_is_the_weighted_adamic_adar_and_the_candidates_r_two_hop_pairs(
    folder: str, options: dict[str, Any], name: str, tmp_path: Path
) -> None:
    G, rows = _reference(folder, options, name, tmp_path)
    suggestions = {(s.source, s.target): s for s in _all(G)}
    with_partners = {tuple(sorted(pair)): row for pair, row in rows if int(row["common_neighbours"]) > 0}
    if len(rows) == G.number_of_nodes() * (G.number_of_nodes() - 1) // 2 - G.number_of_edges():
        assert set(suggestions) == set(with_partners)  # all non-edges listed: candidates = 2-hop
    for pair in with_partners:
        reason = suggestions[pair].reasons[0]
        assert reason.code == "shared-partners"
        assert reason.weight == pytest.approx(_weighted_adamic_adar(G, *pair), rel=1e-9)
        assert suggestions[pair].score == pytest.approx(reason.weight)  # no wijken


def test_link_scores_match_networkx_on_tied_pairs_too() -> None:
    G = nx.karate_club_graph()
    G = nx.relabel_nodes(G, {n: f"K{n:02d}" for n in G})
    pairs = [*G.edges(), ("K00", "K33"), ("K05", "K06")]
    scores = link_scores(G, pairs)
    jaccard = {(u, v): p for u, v, p in nx.jaccard_coefficient(G, pairs)}
    for pair in pairs:
        assert scores[pair].jaccard == jaccard[pair]
        assert scores[pair].common_neighbours == len(list(nx.common_neighbors(G, *pair)))


# --------------------------------------------------------------------------- invariants


def _graph(seed: int, n: int, p: float, wijken: int) -> nx.Graph[str]:
    G: nx.Graph[str] = nx.relabel_nodes(nx.gnp_random_graph(n, p, seed=seed), lambda i: f"O{i:03d}")
    sectors = [s.value for s in Sector][:4]
    for i, node in enumerate(sorted(G)):
        G.nodes[node]["sector"] = sectors[(i * 7 + seed) % len(sectors)]
        G.nodes[node]["wijken"] = tuple(f"WK{w:06d}" for w in range(wijken) if (i + w + seed) % 3 == 0)
    for k, (u, v) in enumerate(sorted(G.edges())):
        G.edges[u, v]["weight"] = 1 + (k * 7 + seed) % 5
    return G


def _expected_candidates(G: nx.Graph[str]) -> set[tuple[str, str]]:
    return {(u, v) for u in G for v in G if u < v and not G.has_edge(u, v) and set(G[u]) & set(G[v]) - {u, v}}


def _check(G: nx.Graph[str]) -> None:
    everything = _all(G)
    pairs = [(s.source, s.target) for s in everything]
    assert set(pairs) == _expected_candidates(G)  # never an edge, never a self pair, no other non-edge
    assert len(pairs) == len(set(pairs))
    assert all(s.source < s.target for s in everything)
    sector = nx.get_node_attributes(G, "sector")
    for s in everything:
        assert s.score == pytest.approx(sum(r.weight for r in s.reasons))
        same = sector.get(s.source) is not None and sector.get(s.source) == sector.get(s.target) != "overig"
        assert s.kind == ("afstemmen" if same else "kennismaken")
        assert s.introducer in set(G[s.source]) & set(G[s.target])
    assert pair_scores(G) == pytest.approx({(s.source, s.target): s.score for s in everything})
    links = suggest_links(G, top=len(G) ** 2, around=list(G))
    assert [s.score for s in links] == sorted((s.score for s in links), reverse=True)
    assert suggest_links(G, top=7, around=list(G)) == links[:7]  # deterministic, and top only cuts


@settings(max_examples=40, deadline=None)
@given(st.integers(0, 10_000), st.integers(2, 25), st.floats(0.0, 0.5), st.integers(0, 4))
def test_suggestions_are_exactly_the_two_hop_non_edges_split_by_sector(
    seed: int, n: int, p: float, wijken: int
) -> None:
    _check(_graph(seed, n, p, wijken))


@settings(max_examples=30, deadline=None)
@given(ecosystems())
def test_suggestion_invariants_on_projected_ecosystems(eco: Ecosystem) -> None:
    _check(organisation_graph(eco))


def test_suggestions_do_not_depend_on_insertion_order() -> None:
    G = _graph(3, 30, 0.15, 3)
    H: nx.Graph[str] = nx.Graph()
    H.add_nodes_from(reversed(list(G.nodes(data=True))))
    H.add_edges_from(reversed(list(G.edges(data=True))))
    assert suggest_links(H, top=40) == suggest_links(G, top=40)
    assert suggest_overlaps(H, top=40) == suggest_overlaps(G, top=40)


def _spread_ok(found: list[Suggestion]) -> bool:
    pairs = [(s.source, s.target) for s in found]
    return all(
        max(Counter(o for pair in pairs[i : i + WINDOW] for o in pair).values()) <= AT_MOST
        for i in range(len(pairs))
    )


@pytest.mark.parametrize("seed", [1, 5, 9])
def test_the_list_is_spread_out_greedily_in_rank_order(seed: int) -> None:
    G = _graph(seed, 60, 0.12, 3)
    spread = suggest_links(G, top=60)
    assert _spread_ok(spread)
    ranked = suggest_links(G, top=10_000, around=list(G))
    pending = list(ranked)
    for place, found in enumerate(spread):  # each place: the best remaining pair that fits
        recent = Counter(o for s in spread[max(0, place - WINDOW + 1) : place] for o in (s.source, s.target))
        best = next(s for s in pending if max(recent[s.source], recent[s.target]) < AT_MOST)
        assert found == best
        pending.remove(found)


def test_a_star_does_not_fill_the_list_with_one_leaf() -> None:
    G = nx.relabel_nodes(nx.star_graph(120), lambda i: f"L{i:03d}")  # L000 is the hub
    found = suggest_links(G, top=50)
    assert len(found) == 50
    assert _spread_ok(found)
    assert len({o for s in found[:20] for o in (s.source, s.target)}) >= 20  # 40 ends, each at most twice


def test_equal_scores_go_to_the_stronger_introducer_before_the_ids() -> None:
    # a-z-b with ties 1 and 9, c-y-d with ties 5 and 5: both partners have strength 10,
    # so both pairs score 10 / ln 11; c-d has the stronger introducer (5 against 1)
    G: nx.Graph[str] = nx.Graph()
    G.add_weighted_edges_from([("a", "z", 1), ("z", "b", 9), ("c", "y", 5), ("y", "d", 5)])
    found = suggest_links(G)
    assert [(s.source, s.target) for s in found] == [("c", "d"), ("a", "b")]
    assert found[0].score == found[1].score == pytest.approx(10 / math.log(11))
    assert [s.introducer for s in found] == ["y", "z"]


def test_the_introducer_has_the_strongest_weaker_tie_to_both() -> None:
    G = _graph(4, 40, 0.2, 2)
    for s in _all(G):
        common = set(G[s.source]) & set(G[s.target])
        weaker = {z: min(G.edges[s.source, z]["weight"], G.edges[s.target, z]["weight"]) for z in common}
        assert s.introducer is not None
        assert weaker[s.introducer] == max(weaker.values())


def test_without_the_area_weight_the_score_is_the_weighted_adamic_adar() -> None:
    G = _graph(8, 30, 0.15, 3)
    plain = {(s.source, s.target): s.score for s in _all(G, weights=Weights(areas=0))}
    for pair, score in plain.items():
        assert score == pytest.approx(_weighted_adamic_adar(G, *pair), abs=1e-12)


def test_around_restricts_to_pairs_touching_the_chosen_organisations() -> None:
    G = _graph(11, 30, 0.15, 2)
    around = {"O003", "O017"}
    chosen = suggest_links(G, top=10_000, around=around)
    everything = suggest_links(G, top=10_000, around=list(G))
    assert chosen == [s for s in everything if {s.source, s.target} & around]
    with pytest.raises(AnalysisError, match="O999"):
        suggest_links(G, around=["O999"])


def test_overlaps_name_a_shared_specialist() -> None:
    G = nx.Graph([("a", "z"), ("b", "z"), ("a", "y"), ("b", "y")])
    nx.set_node_attributes(G, {"a": "zorg", "b": "zorg", "y": "wonen", "z": "jeugd"}, "sector")
    role = SpecialistOpportunity("vastgoedbeheerder", ("WK01",), ("a", "b", "q"), ("P1", "P2"), 0.4, ())
    other = SpecialistOpportunity("logopedist", ("WK01",), ("a", "q"), ("P3", "P4"), 0.4, ())
    found = suggest_overlaps(G, specialists=[role, other], area_names={"WK01": "Oost"})
    codes = [r.code for r in found[0].reasons]
    assert codes == ["shared-partners", "same-sector", "shared-specialist", "introducer"]
    assert found[0].reasons[2].nl == "beide hebben een eigen vastgoedbeheerder in Oost: deel één specialist"
    assert [(s.source, s.target, s.kind) for s in suggest_links(G)] == [("y", "z", "kennismaken")]


def test_directed_graphs_are_refused() -> None:
    with pytest.raises(UnsupportedGraph, match="directed"):
        suggest_links(nx.DiGraph([("a", "b")]))


def test_suggest_links_completes_on_a_large_random_graph() -> None:
    """Speed sanity without a timing assertion (timing lives in benchmarks/)."""
    G = nx.gnm_random_graph(2000, 20_000, seed=42)
    G = nx.relabel_nodes(G, {i: f"O{i:04d}" for i in G})
    found = suggest_links(G, top=50)
    assert len(found) == 50
    assert not any(G.has_edge(s.source, s.target) for s in found)
    assert _spread_ok(found)


def _same_wijk_scores(G: nx.Graph[str]) -> dict[tuple[str, str], float]:
    """The score of every untied pair with a shared partner and a shared wijk, by brute force."""
    strength = {z: sum(G.edges[z, y]["weight"] for y in G[z]) for z in G}
    members = defaultdict(list)
    for node in sorted(G):
        for wijk in G.nodes[node]["wijken"]:
            members[wijk].append(node)
    scores = {}
    for group in members.values():
        for i, u in enumerate(group):
            for v in group[i + 1 :]:
                common = set(G[u]) & set(G[v])
                if common and not G.has_edge(u, v):
                    ties = (G[u][z]["weight"] + G[v][z]["weight"] for z in common)
                    partners = sum(t / math.log1p(strength[z]) for t, z in zip(ties, common, strict=True))
                    wu, wv = set(G.nodes[u]["wijken"]), set(G.nodes[v]["wijken"])
                    scores[u, v] = partners * (1 + len(wu & wv) / min(len(wu), len(wv)))
    return scores


def test_above_the_size_limit_the_candidates_are_the_two_hop_pairs_sharing_a_wijk() -> None:
    """The province path: partners summed wijk by wijk give the same scores, each pair once."""
    G = nx.relabel_nodes(nx.gnm_random_graph(1500, ALL_CANDIDATES_UP_TO + 1, seed=7), lambda i: f"O{i:04d}")
    for i, node in enumerate(sorted(G)):  # two wijken (when i % 3 == 1), one, or none
        both = (f"WK{i % 25:02d}", f"WK{25 + i % 7:02d}")
        G.nodes[node]["wijken"] = () if i % 11 == 0 else both[: 2 if i % 3 == 1 else 1]
    for k, (u, v) in enumerate(sorted(G.edges())):
        G.edges[u, v]["weight"] = 1 + k % 4
    expected = _same_wijk_scores(G)
    assert any(len(set(G.nodes[u]["wijken"]) & set(G.nodes[v]["wijken"])) == 2 for u, v in expected)
    assert pair_scores(G) == pytest.approx(expected, rel=1e-12)
    around = {"O0001", "O0004"}  # each serves two wijken
    found = [*suggest_links(G, top=10**6, around=around), *suggest_overlaps(G, top=10**6, around=around)]
    pairs = [(s.source, s.target) for s in found]
    assert len(pairs) == len(set(pairs))
    assert set(pairs) == {pair for pair in expected if set(pair) & around}


# --------------------------------------------------------------------------- demo


@pytest.fixture(scope="module")
def names(demo: Ecosystem) -> dict[str, str]:
    return {a.code: a.name for a in demo.areas}


@pytest.fixture(scope="module")
def graph(demo: Ecosystem) -> nx.Graph[str]:
    return organisation_graph(demo)


def test_planted_missing_links_are_in_the_global_ten_best(
    graph: nx.Graph[str], names: dict[str, str]
) -> None:
    found = {(s.source, s.target): s for s in suggest_links(graph, top=10, area_names=names)}
    for a, b in PLANTED["missing_links"]:
        suggestion = found[min(a, b), max(a, b)]
        codes = [r.code for r in suggestion.reasons]
        assert codes[:2] == ["shared-partners", "shared-areas"]
        assert codes[2] in {"different-sectors", "sector-gap"}
        assert codes[3] == "introducer"
        assert suggestion.introducer in set(graph[a]) & set(graph[b])
        for reason in suggestion.reasons:
            assert reason.nl
            assert reason.en
            assert reason.nl != reason.en
        assert int(suggestion.reasons[0].en.split()[0]) >= 3
    linie, schuldhulp = PLANTED["missing_links"][0]
    first = found[min(linie, schuldhulp), max(linie, schuldhulp)]  # housing and debt help: no tie anywhere
    assert first.reasons[2].code == "sector-gap"


def test_the_demo_lists_are_spread_out_and_of_their_kind(graph: nx.Graph[str]) -> None:
    links, overlaps = suggest_links(graph, top=50), suggest_overlaps(graph, top=50)
    sector = nx.get_node_attributes(graph, "sector")
    assert _spread_ok(links)
    assert _spread_ok(overlaps)
    assert all(sector[s.source] != sector[s.target] or sector[s.source] == "overig" for s in links)
    assert all(sector[s.source] == sector[s.target] for s in overlaps)


def test_duplicated_role_is_a_shared_specialist_opportunity(demo: Ecosystem) -> None:
    found = [o for o in shared_specialist_opportunities(demo) if o.role == PLANTED["duplicated_role"]]
    assert len(found) == 1
    assert found[0].areas == (PLANTED["duplicated_role_area"],)
    assert list(found[0].organisations) == PLANTED["duplicated_role_organisations"]
    assert len(found[0].professionals) == 6
    assert "Oost" in found[0].reasons[0].en
    assert "Oost" in found[0].reasons[0].nl


def test_the_wijk_lacking_a_sector_is_reported(graph: nx.Graph[str], names: dict[str, str]) -> None:
    wijk, sector = PLANTED["wijk_lacking_sector"]
    assert (wijk, sector) in [(a.area, a.sector) for a in absent_sectors(graph, area_names=names)]
    main = absent_sectors(graph, sectors=MAIN_SECTORS, area_names=names)
    assert [(a.area, a.sector) for a in main] == [(wijk, sector)]
    assert main[0].reasons[0].en.startswith("no youth organisation serves Havenkwartier")


def test_sector_gaps_are_exactly_the_untied_sector_pairs_per_wijk(graph: nx.Graph[str]) -> None:
    serving: dict[str, set[str]] = defaultdict(set)
    for node, wijken in graph.nodes(data="wijken"):
        for wijk in wijken:
            serving[wijk].add(node)
    expected = set()
    for wijk, here in serving.items():
        sectors = sorted({graph.nodes[n]["sector"] for n in here})
        tied = {
            frozenset((graph.nodes[u]["sector"], graph.nodes[v]["sector"]))
            for u, v in graph.subgraph(here).edges()
        }
        expected |= {
            (wijk, (s, t)) for i, s in enumerate(sectors) for t in sectors[i + 1 :] if {s, t} not in tied
        }
    gaps = sector_gaps(graph)
    assert {(g.area, g.sectors) for g in gaps} == expected
    assert gaps == sorted(gaps, key=lambda g: (g.area, g.sectors))


def test_ping_pong_pair_comes_first(demo: Ecosystem) -> None:
    found = ping_pong(demo)
    a, b = sorted(PLANTED["ping_pong"])
    assert (found[0].a, found[0].b) == (a, b)
    assert min(found[0].a_to_b, found[0].b_to_a) >= 25 * 12
    assert ping_pong(referral_graph(demo)) == found
    assert ping_pong(demo, min_each_way=10_000) == []
    with pytest.raises(ValueError, match="periods"):
        ping_pong(referral_graph(demo), periods=PeriodRange(Period.parse("2025-01")))


def test_paper_agreement_and_flow_without_agreement(demo: Ecosystem) -> None:
    gaps = agreement_gaps(demo)
    assert [p.agreement for p in gaps.paper_agreements] == [PLANTED["paper_agreement"]]
    pairs = [(f.a, f.b) for f in gaps.unagreed_flows]
    source, target = PLANTED["flow_without_agreement"]
    assert (min(source, target), max(source, target)) in pairs
    busiest = max(gaps.unagreed_flows, key=lambda f: max(f.a_to_b, f.b_to_a))
    assert {busiest.a, busiest.b} == {source, target}  # the busiest one-way flow without agreement
    assert all(f.volume >= gaps.heavy for f in gaps.unagreed_flows)
    assert agreement_gaps(demo, heavy=10**9).unagreed_flows == ()


def test_the_ambassador_tops_the_index(demo: Ecosystem) -> None:
    index = ambassador_index(demo)
    assert index[0].professional == PLANTED["ambassador"]
    assert index[0].share >= 0.7 > index[1].share
    assert index[0].to_employer / index[0].referrals == index[0].share
    assert all(a.referrals >= 10 for a in index)


def test_results_are_plain_json_data(demo: Ecosystem, graph: nx.Graph[str], names: dict[str, str]) -> None:
    results: list[Any] = [
        *suggest_links(graph, top=3, area_names=names),
        *suggest_overlaps(graph, top=3, area_names=names),
        *sector_gaps(graph)[:3],
        *absent_sectors(graph),
        agreement_gaps(demo),
        *shared_specialist_opportunities(demo)[:3],
        *ambassador_index(demo)[:3],
        *ping_pong(demo),
    ]
    for result in results:
        assert json.loads(json.dumps(asdict(result)))


# --------------------------------------------------------------------------- small cases


def _eco(*, end: date | None = None) -> Ecosystem:
    orgs = tuple(Organisation(i, i, Sector.ZORG) for i in "ABC")
    covenant = Agreement("X", "Convenant", AgreementKind.COVENANT, end=end, parties=("A", "B"))
    month = Period.parse("2025-03")
    flows = (
        ReferralFlow(ActorKind.ORGANISATION, "B", "C", month, "", 40),
        ReferralFlow(ActorKind.ORGANISATION, "C", "B", month, "", 2),
    )
    return Ecosystem(organisations=orgs, agreements=(covenant,), flows=flows)


def test_only_agreements_in_force_count() -> None:
    march = PeriodRange(Period.parse("2025-03"), Period.parse("2025-03"))
    assert [p.agreement for p in agreement_gaps(_eco(), periods=march).paper_agreements] == ["X"]
    assert agreement_gaps(_eco(end=date(2024, 12, 31)), periods=march).paper_agreements == ()


def test_unagreed_flows_sum_both_directions() -> None:
    gaps = agreement_gaps(_eco(), heavy=42)
    assert [(f.a, f.b, f.a_to_b, f.b_to_a, f.volume) for f in gaps.unagreed_flows] == [("B", "C", 40, 2, 42)]
    assert gaps.heavy == 42
    assert agreement_gaps(_eco(), heavy=43).unagreed_flows == ()
