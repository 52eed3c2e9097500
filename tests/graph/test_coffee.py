"""Coffee: whom to meet (the suggest_links score for one organisation) and the briefing card."""

from __future__ import annotations

import json
from dataclasses import asdict

import networkx as nx
import pytest

from graph.chances import Kind, Suggestion, suggest_links, suggest_overlaps
from graph.coffee import briefing, suggest_meetings
from graph.errors import AnalysisError
from graph.model import Ecosystem
from graph.project import organisation_graph
from loaders.demo import PLANTED


@pytest.fixture(scope="module")
def graph(demo: Ecosystem) -> nx.Graph[str]:
    return organisation_graph(demo)


@pytest.fixture(scope="module")
def names(demo: Ecosystem) -> dict[str, str]:
    return {a.code: a.name for a in demo.areas}


def test_meetings_are_suggest_links_restricted_to_the_organisation(graph: nx.Graph[str]) -> None:
    ranked: dict[Kind, list[Suggestion]] = {  # every pair, in rank order, not spread out
        "kennismaken": suggest_links(graph, top=100_000, around=list(graph)),
        "afstemmen": suggest_overlaps(graph, top=100_000, around=list(graph)),
    }
    for organisation in ["ORG0007", "ORG0043", "ORG0097", PLANTED["broker"]]:
        for kind, everything in ranked.items():
            mine = [s for s in everything if organisation in (s.source, s.target)]
            assert suggest_meetings(graph, organisation, top=8, kind=kind) == mine[:8]
            assert suggest_meetings(graph, organisation, top=len(graph), kind=kind) == mine


def test_each_missing_link_is_in_the_five_best_meetings_of_both_its_ends(
    graph: nx.Graph[str], names: dict[str, str]
) -> None:
    for a, b in PLANTED["missing_links"]:
        for_a = [s.other(a) for s in suggest_meetings(graph, a, top=5, area_names=names)]
        for_b = [s.other(b) for s in suggest_meetings(graph, b, top=5, area_names=names)]
        assert b in for_a, (a, b)
        assert a in for_b, (a, b)


def test_the_first_missing_link_is_the_first_meeting_for_de_linie(
    graph: nx.Graph[str], names: dict[str, str]
) -> None:
    linie, schuldhulp = PLANTED["missing_links"][0]
    best = suggest_meetings(graph, linie, top=1, area_names=names)[0]
    assert best.other(linie) == schuldhulp
    assert [r.code for r in best.reasons] == ["shared-partners", "shared-areas", "sector-gap", "introducer"]
    gaps = int(best.reasons[2].en.split()[-2])  # housing and debt help have no tie in these wijken
    assert best.reasons[2].nl == f"wonen en 'werk en inkomen' hebben geen band in {gaps} wijken"
    assert best.reasons[2].en == f"housing and 'work and income' have no tie in {gaps} districts"
    assert best.introducer is not None
    assert best.reasons[3].nl == f"{graph.nodes[best.introducer]['name']} kan hen voorstellen"


def test_briefing_for_a_missing_link(demo: Ecosystem, graph: nx.Graph[str], names: dict[str, str]) -> None:
    for a, b in PLANTED["missing_links"]:
        card = briefing(graph, a, b, eco=demo, area_names=names)
        assert not card.tied
        assert len(card.shared_partners) >= 3
        assert set(card.shared_partners) == set(nx.common_neighbors(graph, a, b))
        assert len(card.path) == 3  # a shortest path of length 2
        assert card.path[0] == a
        assert card.path[-1] == b
        assert card.path[1] in card.shared_partners
        assert card.shared_areas
        assert card.joint_agreements == ()
        assert (card.a_to_b, card.b_to_a) == (0, 0)
        assert card.scores.common_neighbours == len(card.shared_partners)
        assert card.score is not None
        assert card.reasons[0].code == "shared-partners"
        assert card.reasons[-1].code == "path"
        assert all(r.nl and r.en for r in card.reasons)
        assert json.loads(json.dumps(asdict(card)))


def test_briefing_for_a_tied_pair_has_practice(demo: Ecosystem, graph: nx.Graph[str]) -> None:
    a, b = PLANTED["ping_pong"]
    card = briefing(graph, a, b, eco=demo)
    assert card.tied
    assert card.path == ()
    assert card.score is None
    assert card.a_to_b is not None
    assert card.b_to_a is not None
    assert min(card.a_to_b, card.b_to_a) >= 25 * 12
    assert card.joint_agreements  # the Zorgcontract Dubbele Diagnose
    codes = [r.code for r in card.reasons]
    assert {"direct-tie", "joint-agreements", "referrals"} <= set(codes)


def test_briefing_without_an_ecosystem_leaves_practice_unknown(graph: nx.Graph[str]) -> None:
    a, b = PLANTED["missing_links"][1]
    card = briefing(graph, a, b)
    assert (card.joint_agreements, card.a_to_b, card.b_to_a) == (None, None, None)


def test_briefing_of_unconnected_organisations_has_no_path() -> None:
    G = nx.Graph([("a", "b"), ("c", "d")])
    card = briefing(G, "a", "c")
    assert card.path == ()
    assert card.reasons[-1].code == "no-path"
    with pytest.raises(AnalysisError):
        briefing(G, "a", "a")
    with pytest.raises(AnalysisError):
        briefing(G, "a", "zz")


def test_unknown_organisation_is_an_analysis_error(graph: nx.Graph[str]) -> None:
    with pytest.raises(AnalysisError, match="ORG9999"):
        suggest_meetings(graph, "ORG9999")
