"""The synthetic demo municipality: deterministic, consistent, and holding every planted structure.

Each planted structure is checked independently of the generator, on an organisation graph
built here from the ecosystem: organisations are tied when they are parties to a common
agreement, share a professional, or have referral flows between them (a professional's
referrals tie their employers to the target).
"""

from __future__ import annotations

import itertools
import json
import re
import statistics
from collections import defaultdict
from collections.abc import Iterable
from typing import Any

import networkx as nx
import pytest

from graph.model import Area, Ecosystem, Organisation, ReferralFlow
from graph.needs import needs_vs_coverage
from graph.periods import Period
from graph.taxonomy import ActorKind, AgreementKind, AreaLevel, Sector
from loaders.demo import PLANTED, DemoSpec, generate_demo

LARGE = DemoSpec(organisations=5000, professionals=20000, agreements=1500, flows_per_month=8500)
MAIN_SECTORS = ("zorg", "welzijn", "wonen", "jeugd", "onderwijs", "veiligheid")
CODE = {AreaLevel.GEMEENTE: r"^GM\d{4}$", AreaLevel.WIJK: r"^WK\d{6}$", AreaLevel.BUURT: r"^BU\d{8}$"}


# ---------------------------------------------------------------------------------------
# Helpers: the organisation graph and a few views of the ecosystem
# ---------------------------------------------------------------------------------------


def _employers(eco: Ecosystem) -> dict[str, list[str]]:
    return {p.id: [e.organisation_id for e in p.employments] for p in eco.professionals}


def _flow_sources(flow: ReferralFlow, employers: dict[str, list[str]]) -> list[str]:
    """The organisations a flow ties to its target: the source, or the professional's employers."""
    return [flow.source_id] if flow.source_kind is ActorKind.ORGANISATION else employers[flow.source_id]


def _add_clique(graph: nx.Graph[str], nodes: Iterable[str]) -> None:
    ordered = list(nodes)
    for i, a in enumerate(ordered):
        for b in ordered[i + 1 :]:
            graph.add_edge(a, b)


def organisation_graph(eco: Ecosystem, *, without_professional: str | None = None) -> nx.Graph[str]:
    graph: nx.Graph[str] = nx.Graph()
    graph.add_nodes_from(o.id for o in eco.organisations)
    employers = _employers(eco)
    for agreement in eco.agreements:
        _add_clique(graph, agreement.parties)
    for pro in eco.professionals:
        if pro.id != without_professional:
            _add_clique(graph, employers[pro.id])
    for flow in eco.flows:
        for source in _flow_sources(flow, employers):
            if source != flow.target_id:
                graph.add_edge(source, flow.target_id)
    return graph


def _wijken_served(eco: Ecosystem) -> dict[str, set[str]]:
    return {o.id: {"WK" + c[2:8] if c.startswith("BU") else c for c in o.areas} for o in eco.organisations}


def _sectors(eco: Ecosystem) -> dict[str, str]:
    return {o.id: o.sector.value for o in eco.organisations}


def _pair_month_volumes(eco: Ecosystem) -> dict[tuple[str, str, Period], int]:
    """Organisation-to-organisation referrals per (source, target, month), all domains together."""
    volumes: dict[tuple[str, str, Period], int] = defaultdict(int)
    for f in eco.flows:
        if f.source_kind is ActorKind.ORGANISATION:
            volumes[(f.source_id, f.target_id, f.period)] += f.count
    return volumes


def _flows_between(eco: Ecosystem, a: str, b: str) -> list[ReferralFlow]:
    """Every flow tying a and b, either way, from the organisations or their professionals."""
    employers = _employers(eco)
    return [
        f
        for f in eco.flows
        if (f.target_id == b and a in _flow_sources(f, employers))
        or (f.target_id == a and b in _flow_sources(f, employers))
    ]


def _common_agreements(eco: Ecosystem, a: str, b: str) -> list[str]:
    return [ag.id for ag in eco.agreements if a in ag.parties and b in ag.parties]


def _monthly_inflow(eco: Ecosystem, org_id: str) -> dict[Period, int]:
    inflow: dict[Period, int] = defaultdict(int)
    for f in eco.flows:
        if f.target_id == org_id:
            inflow[f.period] += f.count
    return inflow


@pytest.fixture(scope="module")
def graph(demo: Ecosystem) -> nx.Graph[str]:
    return organisation_graph(demo)


@pytest.fixture(scope="module")
def orgs(demo: Ecosystem) -> dict[str, Organisation]:
    return {o.id: o for o in demo.organisations}


# ---------------------------------------------------------------------------------------
# Determinism and size
# ---------------------------------------------------------------------------------------


def test_same_spec_gives_an_equal_ecosystem_and_another_seed_a_different_one(demo: Ecosystem) -> None:
    assert generate_demo(DemoSpec()) == demo
    assert generate_demo() == demo
    other = generate_demo(DemoSpec(seed=8))
    assert other != demo
    assert other == generate_demo(DemoSpec(seed=8))


def test_default_sizes(demo: Ecosystem) -> None:
    levels = [a.level for a in demo.areas]
    assert 140 <= len(demo.organisations) <= 160
    assert 750 <= len(demo.professionals) <= 850
    assert 55 <= len(demo.agreements) <= 65
    assert {o.sector for o in demo.organisations} == set(Sector)
    assert levels.count(AreaLevel.GEMEENTE) == 1
    assert 6 <= levels.count(AreaLevel.WIJK) <= 8
    assert 25 <= levels.count(AreaLevel.BUURT) <= 35
    assert {f.period for f in demo.flows} == {Period.month(2025, m) for m in range(1, 13)}
    assert 1_000 <= len(demo.flows) / 12 <= 3_000


def test_the_municipality_is_ketendam(demo: Ecosystem) -> None:
    gemeente = next(a for a in demo.areas if a.level is AreaLevel.GEMEENTE)
    assert (gemeente.code, gemeente.name, gemeente.parent) == ("GM9901", "Ketendam", None)
    wijken = [a for a in demo.areas if a.level is AreaLevel.WIJK]
    assert [w.code for w in wijken] == [f"WK9901{i:02d}" for i in range(1, 8)]
    assert "Havenkwartier" in {w.name for w in wijken}


def test_months_and_size_follow_the_spec() -> None:
    eco = generate_demo(
        DemoSpec(
            organisations=80,
            professionals=200,
            agreements=20,
            months=3,
            last_month="2024-02",
            flows_per_month=400,
        )
    )
    assert len(eco.organisations) == 80
    assert len(eco.professionals) == 200
    assert len(eco.agreements) == 20
    assert sorted({f.period.code for f in eco.flows}) == ["2023-12", "2024-01", "2024-02"]
    assert 300 <= len(eco.flows) / 3 <= 500


@pytest.mark.parametrize(
    "spec",
    [
        {"organisations": 10},
        {"professionals": 5},
        {"agreements": 1},
        {"months": 0},
        {"last_month": "2025-Q4"},
        {"last_month": "december"},
        {"flows_per_month": -1},
    ],
)
def test_impossible_specs_are_refused(spec: dict[str, Any]) -> None:
    with pytest.raises(ValueError, match=r"."):
        DemoSpec(**spec)


# ---------------------------------------------------------------------------------------
# Referential integrity and plausible values
# ---------------------------------------------------------------------------------------


def test_area_codes_are_valid_and_consistent_with_parents(demo: Ecosystem) -> None:
    codes = {a.code for a in demo.areas}
    for area in demo.areas:
        assert re.match(CODE[area.level], area.code), area.code
        if area.level is AreaLevel.GEMEENTE:
            assert area.parent is None
        else:
            assert area.parent is not None
            assert area.parent in codes
            assert area.code[2:].startswith(area.parent[2:])


def test_every_referenced_id_exists(demo: Ecosystem) -> None:
    org_ids = {o.id for o in demo.organisations}
    pro_ids = {p.id for p in demo.professionals}
    codes = {a.code for a in demo.areas}
    for org in demo.organisations:
        assert org.municipality == "GM9901"
        assert org.areas
        assert set(org.areas) <= codes
        assert org.parent_id is None or org.parent_id in org_ids
    for pro in demo.professionals:
        assert {e.organisation_id for e in pro.employments} <= org_ids
    for agreement in demo.agreements:
        assert set(agreement.parties) <= org_ids
        assert set(agreement.members) <= pro_ids
        assert set(agreement.areas) <= codes
    for flow in demo.flows:
        sources = org_ids if flow.source_kind is ActorKind.ORGANISATION else pro_ids
        assert flow.source_id in sources
        assert flow.target_id in org_ids


def test_ids_follow_the_scheme(demo: Ecosystem) -> None:
    assert all(re.fullmatch(r"ORG\d{4}", o.id) for o in demo.organisations)
    assert all(re.fullmatch(r"PRO\d{5}", p.id) for p in demo.professionals)
    assert all(re.fullmatch(r"AGR\d{3}", a.id) for a in demo.agreements)


def test_organisations_look_real_but_are_consistent(demo: Ecosystem) -> None:
    names = [o.name for o in demo.organisations]
    assert len(set(names)) == len(names)
    kvks = [o.kvk for o in demo.organisations if o.kvk is not None]
    assert all(re.fullmatch(r"\d{8}", k) for k in kvks)
    assert len(set(kvks)) == len(kvks) >= 0.6 * len(names)
    providers = {Sector.ZORG, Sector.HULPVERLENING, Sector.JEUGD, Sector.WERK_INKOMEN}
    for org in demo.organisations:
        has_capacity = org.sector in providers or org.id == PLANTED["broker"]
        assert (org.capacity is not None) == has_capacity, org.name
        assert org.description.endswith(".")
    assert sum(o.parent_id is not None for o in demo.organisations) >= 3


def test_professionals_have_plausible_jobs(demo: Ecosystem) -> None:
    for pro in demo.professionals:
        assert all((pro.employments, pro.role, pro.expertise, pro.name)), pro.id
        for job in pro.employments:
            assert 0 < job.fte <= 1
            assert round(job.fte, 1) == job.fte
        assert sum(job.fte for job in pro.employments) <= 1.0 + 1e-9
    shared = [p for p in demo.professionals if p.is_shared]
    assert 0.05 <= len(shared) / len(demo.professionals) <= 0.08
    assert any(len(p.employments) == 3 for p in shared)


def test_agreements_are_consistent(demo: Ecosystem) -> None:
    employers = _employers(demo)
    assert {a.kind for a in demo.agreements} == set(AgreementKind)
    for agreement in demo.agreements:
        assert len(agreement.parties) >= 2, agreement.name
        assert agreement.start is not None
        assert agreement.end is None or agreement.end >= agreement.start
        for member in agreement.members:
            assert set(employers[member]) & set(agreement.parties), agreement.name
    assert any(a.end is not None for a in demo.agreements)


def test_one_wijkteam_per_wijk(demo: Ecosystem) -> None:
    wijken = {a.code: a.name for a in demo.areas if a.level is AreaLevel.WIJK}
    teams = [a for a in demo.agreements if a.kind is AgreementKind.WIJKTEAM]
    assert sorted(t.areas[0] for t in teams) == sorted(wijken)
    for team in teams:
        assert team.name == f"Sociaal Wijkteam {wijken[team.areas[0]]}"
        assert PLANTED["broker"] in team.parties
        assert team.members


def test_flows_have_unique_keys_and_sensible_counts(demo: Ecosystem) -> None:
    keys = [f.key for f in demo.flows]
    assert len(set(keys)) == len(keys)
    assert all(f.source_id != f.target_id and f.count >= 1 for f in demo.flows)
    assert {f.domain for f in demo.flows} <= {
        "schulden",
        "wonen",
        "jeugd",
        "zorg",
        "werk",
        "veiligheid",
        "welzijn",
    }
    assert statistics.median(f.count for f in demo.flows) <= 15
    kinds = [f.source_kind for f in demo.flows]
    assert 0.05 <= kinds.count(ActorKind.PROFESSIONAL) / len(kinds) <= 0.25


def test_the_organisation_graph_is_connected(graph: nx.Graph[str]) -> None:
    assert nx.is_connected(graph)


# ---------------------------------------------------------------------------------------
# Planted structures
# ---------------------------------------------------------------------------------------


def test_planted_names_the_documented_organisations(orgs: dict[str, Organisation]) -> None:
    def name(org_id: str) -> str:
        return orgs[org_id].name

    assert name(PLANTED["broker"]) == "Stichting Welzijn Ketendam"
    assert name(PLANTED["articulation_point"]) == "Voedselbank Ketendam"
    assert [name(i) for i in PLANTED["bridge"]] == ["Voedselbank Ketendam", "Schuldhulp Ketendam"]
    assert [name(i) for i in PLANTED["ping_pong"]] == ["GGZ Ketendam", "Verslavingszorg De Haven"]
    assert [name(i) for i in PLANTED["missing_links"][0]] == ["Woonstichting De Linie", "Schuldhulp Ketendam"]


def test_sector_silos(demo: Ecosystem) -> None:
    sector = _sectors(demo)
    broker = PLANTED["broker"]
    org_flows = [f for f in demo.flows if f.source_kind is ActorKind.ORGANISATION]
    within = sum(f.count for f in org_flows if sector[f.source_id] == sector[f.target_id])
    assert 0.75 <= within / sum(f.count for f in org_flows) <= 0.9
    single = [a for a in demo.agreements if len({sector[p] for p in a.parties}) == 1]
    assert len(single) / len(demo.agreements) >= 0.7
    without_broker = [f for f in org_flows if broker not in (f.source_id, f.target_id)]
    for code in sorted(s.value for s in Sector):
        touching = [f for f in without_broker if code in (sector[f.source_id], sector[f.target_id])]
        inside = sum(f.count for f in touching if sector[f.source_id] == sector[f.target_id])
        share = inside / sum(f.count for f in touching)
        if code in PLANTED["silo_sectors"]:
            assert share >= 0.8, code
        else:
            assert share < 0.75, code


def test_overloaded_broker(demo: Ecosystem, graph: nx.Graph[str], orgs: dict[str, Organisation]) -> None:
    broker = PLANTED["broker"]
    betweenness = nx.betweenness_centrality(graph)
    ranked = sorted(betweenness, key=betweenness.__getitem__, reverse=True)
    assert ranked[0] == broker
    assert betweenness[broker] >= 2 * betweenness[ranked[1]]
    sectors = _sectors(demo)
    assert len({sectors[n] for n in graph[broker]}) == len(Sector)
    capacity = orgs[broker].capacity
    assert capacity is not None
    inflow = _monthly_inflow(demo, broker)
    assert len(inflow) == 12
    assert min(inflow.values()) > capacity
    assert 2 <= statistics.mean(inflow.values()) / capacity <= 3
    overloaded = [
        o.id
        for o in demo.organisations
        if o.capacity is not None
        and statistics.mean(_monthly_inflow(demo, o.id).values() or [0]) > o.capacity
    ]
    assert overloaded == [broker]


def test_articulation_point_and_bridge_to_the_isolated_cluster(graph: nx.Graph[str]) -> None:
    point, partner = PLANTED["bridge"]
    assert point == PLANTED["articulation_point"]
    assert point in set(nx.articulation_points(graph))
    assert {point, partner} in [set(edge) for edge in nx.bridges(graph)]
    cluster = set(PLANTED["isolated_cluster"])
    assert 5 <= len(cluster) <= 6
    rest = graph.copy()
    rest.remove_node(point)
    components = [set(c) for c in nx.connected_components(rest)]
    assert cluster in components
    assert set(graph[point]) - cluster == {partner}


def test_obvious_missing_links(demo: Ecosystem, graph: nx.Graph[str]) -> None:
    wijken, sectors = _wijken_served(demo), _sectors(demo)
    assert len(PLANTED["missing_links"]) == 3
    for a, b in PLANTED["missing_links"]:
        assert not graph.has_edge(a, b)
        assert len(list(nx.common_neighbors(graph, a, b))) == 12
        assert wijken[a] & wijken[b]
        assert sectors[a] != sectors[b]
        assert not _flows_between(demo, a, b)
        assert not _common_agreements(demo, a, b)


def test_ties_grow_over_the_year(demo: Ecosystem) -> None:
    first: dict[tuple[str, str], Period] = {}
    for flow in sorted(demo.flows, key=lambda f: f.period.first):
        if flow.source_kind is ActorKind.ORGANISATION:
            first.setdefault(
                (min(flow.source_id, flow.target_id), max(flow.source_id, flow.target_id)), flow.period
            )
    opened: dict[str, int] = defaultdict(int)
    for period in first.values():
        opened[period.code] += 1
    months = sorted(opened)
    assert len(months) == 12
    assert all(opened[m] >= 1 for m in months[1:])  # new referral ties every month
    assert sum(opened[m] for m in months[-3:]) >= 20  # and in the last quarter
    rows: dict[str, int] = defaultdict(int)
    for flow in demo.flows:
        rows[flow.period.code] += 1
    assert rows[months[-1]] > rows[months[0]]  # the network grows


def test_duplicated_specialist_role(demo: Ecosystem) -> None:
    role, area = PLANTED["duplicated_role"], PLANTED["duplicated_role_area"]
    holders = [p for p in demo.professionals if p.role == role]
    places = [p.employments[0].organisation_id for p in holders]
    assert all(len(p.employments) == 1 for p in holders)
    assert sorted(places) == sorted(PLANTED["duplicated_role_organisations"])
    assert len(set(places)) == len(places) >= 5
    assert all(0.1 <= p.employments[0].fte <= 0.4 for p in holders)
    served = _wijken_served(demo)
    assert all(area in served[org_id] for org_id in places)


def test_a_wijk_lacks_a_sector(demo: Ecosystem) -> None:
    lacking_wijk, lacking_sector = PLANTED["wijk_lacking_sector"]
    served = _wijken_served(demo)
    wijken = [a.code for a in demo.areas if a.level is AreaLevel.WIJK]
    for wijk in wijken:
        present = {o.sector.value for o in demo.organisations if wijk in served[o.id]}
        if wijk == lacking_wijk:
            assert lacking_sector not in present
            assert set(MAIN_SECTORS) - present == {lacking_sector}
        else:
            assert set(MAIN_SECTORS) <= present, wijk


def test_ping_pong_referrals(demo: Ecosystem) -> None:
    a, b = PLANTED["ping_pong"]
    volumes = _pair_month_volumes(demo)
    typical = statistics.median(volumes.values())
    months = sorted({f.period for f in demo.flows})
    for period in months:
        assert volumes[(a, b, period)] >= max(25, 5 * typical)
        assert volumes[(b, a, period)] >= max(25, 5 * typical)
    both_ways_heavy = {
        tuple(sorted((s, t)))
        for (s, t, _) in volumes
        if all(volumes.get((s, t, m), 0) >= 20 and volumes.get((t, s, m), 0) >= 20 for m in months)
    }
    assert both_ways_heavy == {tuple(sorted((a, b)))}


def _flow_ties(eco: Ecosystem) -> set[frozenset[str]]:
    employers = _employers(eco)
    return {
        frozenset((source, f.target_id))
        for f in eco.flows
        for source in _flow_sources(f, employers)
        if source != f.target_id
    }


def _agreement_ties(eco: Ecosystem) -> set[frozenset[str]]:
    return {
        frozenset((a, b))
        for ag in eco.agreements
        for i, a in enumerate(ag.parties)
        for b in ag.parties[i + 1 :]
    }


def _staff_ties(eco: Ecosystem) -> set[frozenset[str]]:
    ties: set[frozenset[str]] = set()
    for jobs in _employers(eco).values():
        ties.update(frozenset((a, b)) for i, a in enumerate(jobs) for b in jobs[i + 1 :])
    return ties


def test_sole_tie_professional(demo: Ecosystem, graph: nx.Graph[str]) -> None:
    pro_id, a, b = PLANTED["sole_tie_professional"]
    pro = next(p for p in demo.professionals if p.id == pro_id)
    assert {e.organisation_id for e in pro.employments} == {a, b}
    assert graph.has_edge(a, b)
    assert not organisation_graph(demo, without_professional=pro_id).has_edge(a, b)
    assert not _flows_between(demo, a, b)
    assert not _common_agreements(demo, a, b)
    staff_only = _staff_ties(demo) - _flow_ties(demo) - _agreement_ties(demo)
    assert staff_only == {frozenset((a, b))}  # the only tie that hangs on professionals alone


def test_paper_agreement(demo: Ecosystem) -> None:
    agreement = next(a for a in demo.agreements if a.id == PLANTED["paper_agreement"])
    assert len(agreement.parties) >= 2
    for i, a in enumerate(agreement.parties):
        for b in agreement.parties[i + 1 :]:
            assert not _flows_between(demo, a, b), (a, b)
    flow_ties = _flow_ties(demo)
    without_referrals = [
        ag.id
        for ag in demo.agreements
        if not any(
            frozenset((a, b)) in flow_ties for i, a in enumerate(ag.parties) for b in ag.parties[i + 1 :]
        )
    ]
    assert without_referrals == [agreement.id]


def test_heavy_flow_without_agreement(demo: Ecosystem) -> None:
    source, target = PLANTED["flow_without_agreement"]
    volumes = _pair_month_volumes(demo)
    typical = statistics.median(volumes.values())
    for period in {f.period for f in demo.flows}:
        assert volumes[(source, target, period)] >= max(20, 4 * typical)
    assert not _common_agreements(demo, source, target)
    yearly: dict[tuple[str, str], int] = defaultdict(int)
    for (s, t, _), count in volumes.items():
        yearly[(s, t)] += count
    agreed = _agreement_ties(demo)
    unagreed = {pair: n for pair, n in yearly.items() if frozenset(pair) not in agreed}
    assert max(unagreed, key=unagreed.__getitem__) == (source, target)


def test_ambassador_refers_mostly_to_their_own_employer(demo: Ecosystem) -> None:
    ambassador = PLANTED["ambassador"]
    employers = _employers(demo)
    teams = [a for a in demo.agreements if a.kind is AgreementKind.WIJKTEAM and ambassador in a.members]
    assert len(teams) == 1
    sent: dict[str, int] = defaultdict(int)
    to_employer: dict[str, int] = defaultdict(int)
    for f in demo.flows:
        if f.source_kind is ActorKind.PROFESSIONAL:
            sent[f.source_id] += f.count
            to_employer[f.source_id] += f.count if f.target_id in employers[f.source_id] else 0
    shares = {pro: to_employer[pro] / sent[pro] for pro in sent}
    assert shares[ambassador] >= 0.7
    assert [pro for pro, share in shares.items() if share >= 0.7] == [ambassador]


@pytest.mark.parametrize("seed", [1, 2024])
def test_constructed_gaps_hold_for_other_seeds(seed: int) -> None:
    eco = generate_demo(DemoSpec(seed=seed))
    graph = organisation_graph(eco)
    point, partner = PLANTED["bridge"]
    rest = graph.copy()
    rest.remove_node(point)
    assert set(PLANTED["isolated_cluster"]) in [set(c) for c in nx.connected_components(rest)]
    assert set(graph[point]) - set(PLANTED["isolated_cluster"]) == {partner}
    for a, b in PLANTED["missing_links"]:
        assert not graph.has_edge(a, b)
        assert len(list(nx.common_neighbors(graph, a, b))) >= 3
    pro_id, a, b = PLANTED["sole_tie_professional"]
    assert not organisation_graph(eco, without_professional=pro_id).has_edge(a, b)
    assert not _common_agreements(eco, *PLANTED["flow_without_agreement"])


# ---------------------------------------------------------------------------------------
# CBS-like figures and outlines of the areas
# ---------------------------------------------------------------------------------------

AGE_BANDS = ("a_00_14", "a_15_24", "a_25_44", "a_45_64", "a_65_oo")
SUMMED = ("a_inw", *AGE_BANDS, "a_man", "a_vrouw", "a_hh", "a_1p_hh", "a_hh_m_k", "a_soz_wb", "a_soz_ao")


def _below(eco: Ecosystem) -> dict[str, list[Area]]:
    children: dict[str, list[Area]] = defaultdict(list)
    for area in eco.areas:
        if area.parent:
            children[area.parent].append(area)
    return children


def test_every_area_has_consistent_cbs_figures(demo: Ecosystem) -> None:
    for area in demo.areas:
        f = dict(area.indicators)
        assert set(SUMMED) | {"p_hh_li", "p_jz_tn", "p_wmo_t", "a_jz_tn", "a_wmo_t"} <= set(f), area.code
        assert sum(f[band] for band in AGE_BANDS) == f["a_inw"] == f["a_man"] + f["a_vrouw"]
        assert f["a_1p_hh"] + f["a_hh_m_k"] <= f["a_hh"] < f["a_inw"]
        assert 0 < f["p_hh_li"] < 100
        assert 0 < f["p_jz_tn"] < 100
        assert 0 < f["p_wmo_t"] < 1000
        assert all(value >= 0 for value in f.values())
    for parent, children in _below(demo).items():
        figures = dict(next(a for a in demo.areas if a.code == parent).indicators)
        for name in SUMMED:
            assert figures[name] == sum(dict(c.indicators)[name] for c in children), (parent, name)


def test_figures_follow_the_seed(demo: Ecosystem) -> None:
    other = generate_demo(DemoSpec(seed=8))
    assert [a.indicators for a in generate_demo().areas] == [a.indicators for a in demo.areas]
    assert [a.indicators for a in other.areas] != [a.indicators for a in demo.areas]


def _ring(area: Area) -> list[tuple[float, float]]:
    assert area.boundary is not None, area.code
    geometry = json.loads(area.boundary)
    assert geometry["type"] == "Polygon"
    assert len(geometry["coordinates"]) == 1  # no holes
    ring = [(float(x), float(y)) for x, y in geometry["coordinates"][0]]
    assert ring[0] == ring[-1]
    assert len(ring) >= 4
    return ring


def _signed_area(ring: list[tuple[float, float]]) -> float:
    return sum(x1 * y2 - x2 * y1 for (x1, y1), (x2, y2) in itertools.pairwise(ring)) / 2


def _inside(point: tuple[float, float], ring: list[tuple[float, float]]) -> bool:
    x, y = point
    crossings = 0
    for (x1, y1), (x2, y2) in itertools.pairwise(ring):
        if (y1 > y) != (y2 > y) and x < x1 + (y - y1) * (x2 - x1) / (y2 - y1):
            crossings += 1
    return crossings % 2 == 1


def test_boundaries_are_counter_clockwise_polygons_whose_children_tile_them(demo: Ecosystem) -> None:
    rings = {area.code: _ring(area) for area in demo.areas}
    assert all(_signed_area(ring) > 0 for ring in rings.values())  # counter-clockwise, RFC 7946
    for parent, children in _below(demo).items():
        whole = _signed_area(rings[parent])
        assert sum(_signed_area(rings[c.code]) for c in children) == pytest.approx(whole)
        xs, ys = zip(*rings[parent], strict=True)
        for i in range(1, 20):
            for j in range(1, 20):
                point = (
                    min(xs) + (max(xs) - min(xs)) * (i + 0.37) / 20,
                    min(ys) + (max(ys) - min(ys)) * j / 20.3,
                )
                holders = [c.code for c in children if _inside(point, rings[c.code])]
                assert len(holders) == int(_inside(point, rings[parent])), (parent, point, holders)


def test_planted_high_need_wijk(demo: Ecosystem) -> None:
    """Havenkwartier: the youngest, poorest wijk with most benefits, and no jeugd partner."""
    planted = PLANTED["wijk_high_need"]
    assert planted == PLANTED["wijk_lacking_sector"][0]
    wijken = {a.code: dict(a.indicators) for a in demo.areas if a.level is AreaLevel.WIJK}
    youth = {code: f["a_00_14"] / f["a_inw"] for code, f in wijken.items()}
    assistance = {code: f["a_soz_wb"] / f["a_inw"] for code, f in wijken.items()}
    low_income = {code: f["p_hh_li"] for code, f in wijken.items()}
    youth_care = {code: f["p_jz_tn"] for code, f in wijken.items()}
    for figure in (youth, assistance, low_income, youth_care):
        assert max(figure, key=figure.__getitem__) == planted
        others = sorted(v for code, v in figure.items() if code != planted)
        assert figure[planted] >= 1.2 * others[-1]
    served = _wijken_served(demo)
    assert not [o for o in demo.organisations if planted in served[o.id] and o.sector is Sector.JEUGD]
    per_resident = {
        code: sum(code in served[o.id] for o in demo.organisations) / f["a_inw"] for code, f in wijken.items()
    }
    assert min(per_resident, key=per_resident.__getitem__) == planted


def test_needs_vs_coverage_ranks_the_planted_wijk_first(demo: Ecosystem) -> None:
    ranked = needs_vs_coverage(demo)
    first = ranked[0]
    assert (first.code, first.rank, first.name) == (PLANTED["wijk_high_need"], 1, "Havenkwartier")
    assert first.flagged
    assert [w.code for w in ranked if w.flagged] == [first.code]
    figures = next(dict(a.indicators) for a in demo.areas if a.code == first.code)
    share = round(100 * figures["a_00_14"] / figures["a_inw"], 1)
    texts = [r.en for r in first.reasons]
    assert any(t.startswith(f"{share:g}% young people under 15 (municipal median") for t in texts), texts
    assert any(t.startswith("no youth partner") for t in texts), texts
    codes = [r.code for r in first.reasons]
    assert codes.index("missing-partner") > codes.index("high-need")


# ---------------------------------------------------------------------------------------
# Scale
# ---------------------------------------------------------------------------------------


@pytest.mark.slow
def test_large_spec_is_consistent() -> None:
    eco = generate_demo(LARGE)  # its speed is measured in benchmarks/bench_load.py, not here
    assert len(eco.organisations) == 5000
    assert len(eco.professionals) == 20000
    assert len(eco.agreements) == 1500
    assert 90_000 <= len(eco.flows) <= 110_000
    keys = [f.key for f in eco.flows]
    assert len(set(keys)) == len(keys)
    assert len({o.name for o in eco.organisations}) == 5000
    org_ids = {o.id for o in eco.organisations}
    assert all(f.target_id in org_ids and f.source_id != f.target_id for f in eco.flows)
