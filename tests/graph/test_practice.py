"""graph.practice held against its definitions written out plainly, pair by pair and flow by flow.

The module computes volumes from edge arrays and walks each collection once; these
references loop over every pair and every flow, as the docstrings define the results.
"""

from __future__ import annotations

from collections import defaultdict
from itertools import combinations

import networkx as nx
import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from graph import reasons as say
from graph.model import Ecosystem
from graph.periods import Period, PeriodRange
from graph.practice import (
    AgreementGaps,
    Ambassador,
    PaperAgreement,
    PingPong,
    UnagreedFlow,
    agreement_gaps,
    ambassador_index,
    ping_pong,
)
from graph.project import agreement_in_force, referral_graph
from graph.taxonomy import ActorKind, AgreementKind
from tests.strategies import ecosystems

_months = st.builds(Period.month, st.integers(2024, 2025), st.integers(1, 12))
_ranges = st.builds(PeriodRange, st.none() | _months, st.none() | _months)


def _heavy(values: list[int], percentile: float) -> float:
    data = np.array(values, dtype=float)
    return float(max(np.percentile(data, percentile), 2 * np.median(data))) if len(values) else 0.0


def _sent(graph: nx.DiGraph[str]) -> dict[tuple[str, str], int]:
    return {(a, b): int(tie["weight"]) for a, b, tie in graph.edges(data=True)}


def _reference_gaps(eco: Ecosystem, periods: PeriodRange, heavy: int | None) -> AgreementGaps:
    sent = _sent(referral_graph(eco, periods=periods))
    known = {o.id for o in eco.organisations}
    in_force = [
        ag for ag in eco.agreements if agreement_in_force(ag, periods) and len(set(ag.parties) & known) >= 2
    ]
    paper = []
    for ag in in_force:
        parties = sorted(set(ag.parties) & known)
        if not any((a, b) in sent or (b, a) in sent for a, b in combinations(parties, 2)):
            reason = say.no_referrals(len(parties))
            paper.append(PaperAgreement(ag.id, ag.name, ag.kind.value, tuple(parties), (reason,)))
    pairs = sorted({(min(a, b), max(a, b)) for a, b in sent})
    volume = {(a, b): sent.get((a, b), 0) + sent.get((b, a), 0) for a, b in pairs}
    threshold = float(heavy) if heavy is not None else _heavy(list(volume.values()), 90)
    agreed = {pair for ag in in_force for pair in combinations(ag.parties, 2)}
    flows = [
        UnagreedFlow(a, b, sent.get((a, b), 0), sent.get((b, a), 0), volume[a, b], ())
        for a, b in pairs
        if volume[a, b] >= threshold and (a, b) not in agreed
    ]
    flows = [
        UnagreedFlow(
            f.a, f.b, f.a_to_b, f.b_to_a, f.volume, (say.unagreed_volume(f.a_to_b, f.b_to_a, threshold),)
        )
        for f in sorted(flows, key=lambda f: (-f.volume, f.a, f.b))
    ]
    return AgreementGaps(tuple(paper), tuple(flows), threshold)


@settings(max_examples=150, deadline=None)
@given(ecosystems(), _ranges, st.none() | st.integers(0, 600))
def test_agreement_gaps_follow_their_definition(
    eco: Ecosystem, periods: PeriodRange, heavy: int | None
) -> None:
    assert agreement_gaps(eco, periods=periods, heavy=heavy) == _reference_gaps(eco, periods, heavy)
    referrals = referral_graph(eco, periods=periods)
    assert agreement_gaps(eco, periods=periods, heavy=heavy, referrals=referrals) == _reference_gaps(
        eco, periods, heavy
    )


def _reference_ping_pong(graph: nx.DiGraph[str], min_each_way: int | None) -> list[PingPong]:
    sent = {pair: count for pair, count in _sent(graph).items() if pair[0] != pair[1]}
    threshold = float(min_each_way) if min_each_way is not None else _heavy(list(sent.values()), 95)
    found = [
        PingPong(a, b, sent[a, b], sent[b, a], (say.ping_pong_volumes(sent[a, b], sent[b, a], threshold),))
        for a, b in sent
        if a < b and (b, a) in sent and min(sent[a, b], sent[b, a]) >= threshold
    ]
    return sorted(found, key=lambda p: (-min(p.a_to_b, p.b_to_a), -(p.a_to_b + p.b_to_a), p.a, p.b))


@settings(max_examples=150, deadline=None)
@given(ecosystems(), _ranges, st.none() | st.integers(0, 300))
def test_ping_pong_follows_its_definition(eco: Ecosystem, periods: PeriodRange, least: int | None) -> None:
    graph = referral_graph(eco, periods=periods)
    expected = _reference_ping_pong(graph, least)
    assert ping_pong(graph, min_each_way=least) == expected
    assert ping_pong(eco, periods=periods, min_each_way=least) == expected


def test_ping_pong_needs_referrals_both_ways() -> None:
    graph: nx.DiGraph[str] = nx.DiGraph()
    graph.add_weighted_edges_from([("A", "B", 5), ("B", "A", 4), ("B", "C", 9), ("D", "C", 7), ("C", "D", 7)])
    assert [(p.a, p.b, p.a_to_b, p.b_to_a) for p in ping_pong(graph, min_each_way=0)] == [
        ("C", "D", 7, 7),
        ("A", "B", 5, 4),
    ]


def _reference_ambassadors(eco: Ecosystem, periods: PeriodRange, least: int) -> list[Ambassador]:
    teams = defaultdict(list)
    for ag in eco.agreements:
        if ag.kind is AgreementKind.WIJKTEAM and agreement_in_force(ag, periods):
            for member in ag.members:
                teams[member].append(ag.id)
    pros = {p.id: p for p in eco.professionals}
    names = {o.id: o.name for o in eco.organisations}
    found = []
    for member, team_ids in teams.items():
        mine = [
            f
            for f in eco.flows
            if f.source_kind is ActorKind.PROFESSIONAL and f.source_id == member and f.period in periods
        ]
        pro = pros.get(member)
        employers = tuple(sorted({e.organisation_id for e in pro.employments})) if pro else ()
        total = sum(f.count for f in mine)
        own = sum(f.count for f in mine if f.target_id in employers)
        if mine and total >= least:
            reason = say.ambassador_share(own / total, total, [names.get(e, e) for e in employers])
            name = pro.name if pro else member
            found.append(
                Ambassador(
                    member, name, employers, tuple(sorted(team_ids)), total, own, own / total, (reason,)
                )
            )
    return sorted(found, key=lambda a: (-a.share, -a.referrals, a.professional))


@settings(max_examples=150, deadline=None)
@given(ecosystems(), _ranges, st.integers(1, 40))
def test_ambassador_index_follows_its_definition(eco: Ecosystem, periods: PeriodRange, least: int) -> None:
    assert ambassador_index(eco, periods=periods, min_referrals=least) == _reference_ambassadors(
        eco, periods, least
    )


def test_the_demo_follows_the_definitions(demo: Ecosystem) -> None:
    first_half = PeriodRange(None, Period.parse("2025-06"))
    for periods in (PeriodRange(), first_half):
        gaps = agreement_gaps(demo, periods=periods)
        assert gaps.paper_agreements
        assert gaps.unagreed_flows
        assert gaps == _reference_gaps(demo, periods, None)
        found = ping_pong(demo, periods=periods)
        assert found
        assert found == _reference_ping_pong(referral_graph(demo, periods=periods), None)
        ambassadors = ambassador_index(demo, periods=periods)
        assert ambassadors
        assert ambassadors == _reference_ambassadors(demo, periods, 10)
