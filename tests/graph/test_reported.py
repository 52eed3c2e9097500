"""What partners reported, analysed (graph.reported) and drawn as the gemeld layer (graph.project).

One small round worked out by hand. Five organisations are invited: A and B (care, wijk
WK990101), C (housing, WK990102), D and E (welfare, WK990102; E through a buurt of it).

Round R1 (2026-Q3, closed):

- A confirms B (trust items 4, 2, 3: trust 3; value items 2, 4: value 3), adds C (trust
  1, no value) and rejects D; it is interested in meeting C;
- B confirms A (trust 4, 4: trust 4; value 2); interested in C;
- C rejects A and names nobody; interested in A, knows B already;
- D saved a draft naming A but never submitted; E did not answer.

Round R2 (2026-Q4, created later): A confirms B with trust 2 (no value) and adds D; C
answers and names nobody; E names B without ratings.

The data (the graph the reports are held against): A-B share an agreement, A-D refer to
each other, B-C share a professional.
"""

from __future__ import annotations

import json
from dataclasses import fields
from datetime import date
from pathlib import Path

import networkx as nx
import pytest

from graph import reported
from graph.analysis import analyse
from graph.layers import Layers
from graph.model import Agreement, Ecosystem, Employment, Organisation, Professional, ReferralFlow
from graph.periods import Period, PeriodRange
from graph.project import organisation_graph, period_graphs
from graph.reported import (
    BiasWarning,
    GapTie,
    GroupRate,
    OrganisationRating,
    TieRating,
    coffee_matches,
    compare_rounds,
    data_gap,
    latest_submitted,
    organisation_ratings,
    partner_view,
    reciprocity,
    response_rates,
    survey_summary,
    tie_ratings,
)
from graph.survey import (
    Interest,
    ReportedTie,
    Response,
    SuggestionAnswer,
    SurveyRound,
    TieAnswer,
    TieStatus,
)
from graph.taxonomy import ActorKind, AgreementKind, Sector

Q3, Q4 = Period.parse("2026-Q3"), Period.parse("2026-Q4")
INVITED = ("A", "B", "C", "D", "E")
ORGS = (
    Organisation("A", "Alfa", Sector.ZORG, areas=("WK990101",)),
    Organisation("B", "Beta", Sector.ZORG, areas=("WK990101",)),
    Organisation("C", "Gamma", Sector.WONEN, areas=("WK990102",)),
    Organisation("D", "Delta", Sector.WELZIJN, areas=("WK990102",)),
    Organisation("E", "Epsilon", Sector.WELZIJN, areas=("BU99010201",)),
)
R1 = SurveyRound(
    "R1", "Zomer", Q3, date(2026, 9, 30), INVITED, created_at="2026-07-01", closed_at="2026-10-01"
)
R2 = SurveyRound("R2", "Najaar", Q4, date(2026, 12, 20), INVITED, created_at="2026-10-02")


def tie(partner: str, status: TieStatus = TieStatus.CONFIRMED, **ratings: int) -> TieAnswer:
    return TieAnswer(partner, status, ratings=tuple(ratings.items()))


def wants(partner: str, answer: Interest) -> SuggestionAnswer:
    return SuggestionAnswer(partner, answer)


ROUND1 = [
    Response(
        "R1",
        "A",
        ties=(
            tie("B", reliable=4, open=2, shared_goal=3, contributes=2, involved=4),
            tie("C", TieStatus.ADDED, reliable=1),
            tie("D", TieStatus.REJECTED),
        ),
        suggestions=(wants("C", Interest.INTERESTED),),
        submitted=True,
        version=2,
    ),
    Response("R1", "A", ties=(tie("B"),), version=1),  # an earlier draft of A: superseded
    Response(
        "R1",
        "B",
        ties=(tie("A", reliable=4, open=4, influence=2),),
        suggestions=(wants("C", Interest.INTERESTED),),
        submitted=True,
        version=1,
    ),
    Response(
        "R1",
        "C",
        ties=(tie("A", TieStatus.REJECTED),),
        suggestions=(wants("A", Interest.INTERESTED), wants("B", Interest.KNOWN)),
        submitted=True,
        version=1,
    ),
    Response("R1", "D", ties=(tie("A", reliable=4),), submitted=False, version=1),
]
ROUND2 = [
    Response("R2", "A", ties=(tie("B", reliable=2), tie("D", TieStatus.ADDED)), submitted=True, version=1),
    Response("R2", "C", submitted=True, version=1),
    Response("R2", "E", ties=(tie("B", TieStatus.ADDED),), submitted=True, version=1),
]


@pytest.fixture
def data() -> nx.Graph[str]:
    eco = Ecosystem(
        organisations=ORGS,
        agreements=(Agreement("X", "Convenant", AgreementKind.COVENANT, parties=("A", "B")),),
        professionals=(Professional("P", "Pim", employments=(Employment("B", 0.5), Employment("C", 0.5))),),
        flows=(ReferralFlow(ActorKind.ORGANISATION, "A", "D", Period.parse("2026-08"), "", 4),),
    )
    return organisation_graph(eco)


# -- answers that count --------------------------------------------------------------------


def test_only_the_latest_submitted_version_of_each_organisation_counts() -> None:
    chosen = latest_submitted(ROUND1)
    assert sorted(chosen) == ["A", "B", "C"]  # D only saved a draft
    assert chosen["A"].version == 2


# -- reciprocity ----------------------------------------------------------------------------


def test_reciprocity_counts_pairs_named_by_both_and_by_one() -> None:
    # A-B named by both; A-C named by A, and C answered without naming A; D's draft is no report
    found = reciprocity(ROUND1)
    assert (found.mutual, found.one_sided, found.unanswered) == (1, 1, 0)
    assert found.rate == 0.5
    assert [(p.a, p.b, p.named_by, p.kind) for p in found.pairs] == [
        ("A", "B", ("A", "B"), "mutual"),
        ("A", "C", ("A",), "one_sided"),
    ]


def test_a_pair_whose_other_side_did_not_answer_stays_out_of_the_rate() -> None:
    # round 2: A names B (B did not answer) and D (did not answer); E names B
    found = reciprocity(ROUND2)
    assert (found.mutual, found.one_sided, found.unanswered) == (0, 0, 3)
    assert found.rate is None


# -- trust and value ------------------------------------------------------------------------


def test_trust_and_value_per_tie_are_means_over_the_raters() -> None:
    # A-B: A's trust 3 and B's trust 4 -> 3.5; A's value 3 and B's value 2 -> 2.5
    # A-C: only A rated C, trust 1 and no value item
    assert tie_ratings(ROUND1) == [
        TieRating("A", "B", 3.5, 2, 2.5, 2),
        TieRating("A", "C", 1.0, 1, None, 0),
    ]


def test_an_organisation_is_rated_by_the_others_only() -> None:
    assert organisation_ratings(ROUND1) == [
        OrganisationRating("A", 4.0, 1, 2.0, 1),  # by B
        OrganisationRating("B", 3.0, 1, 3.0, 1),  # by A
        OrganisationRating("C", 1.0, 1, None, 0),  # by A
    ]


def test_a_rating_of_oneself_or_of_a_rejected_tie_is_not_counted() -> None:
    odd = Response(
        "R1", "A", ties=(tie("A", reliable=1), tie("B", TieStatus.REJECTED, reliable=1)), submitted=True
    )
    assert organisation_ratings([odd]) == []


# -- privacy: a partner's view of how others rate it --------------------------------------------


def _rated_by(*trusts: int) -> list[Response]:
    raters = "BCDEFGH"
    return [Response("R1", raters[i], ties=(tie("A", open=t),), submitted=True) for i, t in enumerate(trusts)]


def test_a_partner_sees_the_mean_only_over_at_least_small_raters() -> None:
    three = _rated_by(4, 3, 2)
    assert partner_view(three, "A", small=3) == OrganisationRating("A", 3.0, 3, None, 0)
    assert partner_view(three, "A", small=5).trust is None
    assert partner_view(_rated_by(4, 3, 2, 1, 1), "A", small=5).trust == 2.2


@pytest.mark.parametrize("small", [0, 1, 2])
def test_never_fewer_than_three_raters_whatever_the_setting(small: int) -> None:
    assert partner_view(_rated_by(4), "A", small=small).trust is None
    assert partner_view(_rated_by(4, 1), "A", small=small).trust is None
    assert partner_view(_rated_by(4, 1, 1), "A", small=small).trust == 2.0


def test_an_organisation_nobody_rated_sees_nothing() -> None:
    assert partner_view(ROUND1, "E", small=3) == OrganisationRating("E", None, 0, None, 0)


# -- response rates and bias warnings -------------------------------------------------------------


def test_response_per_sector_and_wijk_with_warnings() -> None:
    rates = response_rates(R1, ROUND1, ORGS)
    assert (rates.invited, rates.responded, rates.rate) == (5, 3, 0.6)  # A, B, C; D's draft is no answer
    assert rates.by_sector == (
        GroupRate("welzijn", 2, 0, 0.0, True),
        GroupRate("wonen", 1, 1, 1.0, False),
        GroupRate("zorg", 2, 2, 1.0, False),
    )
    # E serves a buurt of WK990102 and counts there
    assert rates.by_wijk == (
        GroupRate("WK990101", 2, 2, 1.0, False),
        GroupRate("WK990102", 3, 1, 1 / 3, True),
    )
    # welfare is 2/5 = 40% of the invited and 0% of those who answered: 40 points apart
    assert rates.largest_share_gap == pytest.approx(0.4)
    assert rates.skewed_sector == "welzijn"
    assert rates.warnings == (
        BiasWarning("round", "welzijn", "skewed", pytest.approx(0.4)),  # type: ignore[arg-type]
        BiasWarning("sector", "welzijn", "low_rate", 0.0),
        BiasWarning("wijk", "WK990102", "low_rate", 1 / 3),
    )


def test_a_round_below_sixty_percent_is_flagged() -> None:
    rates = response_rates(R2, ROUND2[:2], ORGS)  # A and C of five
    assert rates.rate == 0.4
    assert rates.warnings[0] == BiasWarning("round", "R2", "low_rate", 0.4)


def test_a_round_nobody_answered_has_no_share_gap() -> None:
    rates = response_rates(R1, [], ORGS)
    assert (rates.responded, rates.rate, rates.largest_share_gap) == (0, 0.0, None)
    assert BiasWarning("round", "R1", "low_rate", 0.0) in rates.warnings


def test_a_round_without_invitations_has_no_rate() -> None:
    empty = SurveyRound("R0", "Leeg", Q3, date(2026, 9, 30))
    rates = response_rates(empty, ROUND1, ORGS)
    assert (rates.invited, rates.responded, rates.rate, rates.warnings) == (0, 0, None, ())


# -- reports against the data ----------------------------------------------------------------


def test_the_gap_between_data_and_reports(data: nx.Graph[str]) -> None:
    gap = data_gap(ROUND1, data)
    # A rejects the referral tie with D; C rejects A although the data no longer shows A-C
    assert gap.rejected == (GapTie("A", "D", ("referrals",)), GapTie("C", "A", ()))
    # A adds C: no data tie; A-B (agreement) is confirmed by both and seen
    assert gap.unseen == (GapTie("A", "C", ()),)
    assert (gap.confirmed, gap.confirmation_rate, gap.unknown_partners) == (2, 0.5, 0)


def test_a_tie_only_reported_is_not_data(data: nx.Graph[str]) -> None:
    data.add_edge("D", "E", agreements=0, professionals=0, referrals=0, reported=2, weight=2)
    said = Response("R1", "D", ties=(tie("E", TieStatus.ADDED),), submitted=True)
    assert data_gap([said], data).unseen == (GapTie("D", "E", ()),)


# -- round against round -------------------------------------------------------------------------


def test_round_against_round() -> None:
    change = compare_rounds(ROUND1, ROUND2)
    # A-D: named now by A, who answered round 1 without naming D -> new; B-E likewise (B answered)
    assert change.new_ties == (("A", "D"), ("B", "E"))
    # A-C: named in round 1 by A; A answered round 2 and did not name C -> lost
    assert change.lost_ties == (("A", "C"),)
    assert change.not_comparable == 0
    # A-B trust: 3.5 (A 3, B 4) -> 2 (only A, now 2); value 2.5 -> none
    [ab] = change.ties
    assert (ab.a, ab.b, ab.trust_before, ab.trust_after, ab.trust_change) == ("A", "B", 3.5, 2.0, -1.5)
    assert (ab.value_before, ab.value_after, ab.value_change) == (2.5, None, None)
    # B as rated by others: trust 3 (A) -> 2 (A; E gave no ratings); A is not rated in round 2
    [b] = change.organisations
    assert (b.organisation, b.trust_before, b.trust_after, b.trust_change) == ("B", 3.0, 2.0, -1.0)


def test_pairs_neither_side_answered_before_are_not_called_new() -> None:
    late = [Response("R2", "F", ties=(tie("G", TieStatus.ADDED),), submitted=True)]
    change = compare_rounds(ROUND1, late)
    assert change.new_ties == ()
    assert change.not_comparable == 1 + 2  # F-G now; A-B and A-C before (neither side answered now)
    assert change.lost_ties == ()


def test_a_coffee_match_needs_both_sides_interested() -> None:
    # A and C both interested; B interested in C but C knows B already
    assert coffee_matches(ROUND1) == [("A", "C")]


# -- the summary of analyse -----------------------------------------------------------------------


def test_the_latest_closed_round_is_analysed_in_full(data: nx.Graph[str]) -> None:
    summary = survey_summary([R1, R2], {"R1": ROUND1, "R2": ROUND2}, ORGS, data)
    assert summary is not None
    assert [(r.id, r.responded, r.response_rate) for r in summary.rounds] == [("R2", 3, 0.6), ("R1", 3, 0.6)]
    assert (summary.round, summary.closed, summary.previous, summary.change) == ("R1", True, None, None)
    assert summary.coffee_matches == (("A", "C"),)


def test_when_the_newest_round_closes_it_is_held_against_the_one_before(data: nx.Graph[str]) -> None:
    closed = SurveyRound(
        "R2", "Najaar", Q4, date(2026, 12, 20), INVITED, created_at="2026-10-02", closed_at="x"
    )
    summary = survey_summary([R1, closed], {"R1": ROUND1, "R2": ROUND2}, ORGS, data)
    assert summary is not None
    assert (summary.round, summary.previous) == ("R2", "R1")
    assert summary.change is not None
    assert summary.change.lost_ties == (("A", "C"),)


def test_while_no_round_is_closed_the_newest_is_analysed(data: nx.Graph[str]) -> None:
    summary = survey_summary([R2], {"R2": ROUND2}, ORGS, data)
    assert summary is not None
    assert (summary.round, summary.closed) == ("R2", False)
    assert survey_summary([], {}, ORGS, data) is None


# -- the gemeld layer --------------------------------------------------------------------------------

REPORTED = (
    ReportedTie("A", "B", "R1", Q3),
    ReportedTie("B", "A", "R1", Q3),
    ReportedTie("A", "C", "R1", Q3),
    ReportedTie("A", "B", "R2", Q4),
    ReportedTie("A", "Z", "R2", Q4),  # Z is not an organisation of the ecosystem
)


def test_the_reported_layer_has_one_edge_per_pair_counting_its_reporters() -> None:
    eco = Ecosystem(
        organisations=ORGS,
        agreements=(Agreement("X", "Convenant", AgreementKind.COVENANT, parties=("A", "B")),),
        reported=REPORTED,
    )
    graph = organisation_graph(eco)
    assert sorted(graph.edges) == [("A", "B"), ("A", "C")]
    assert graph.edges["A", "B"] == {
        "agreements": 1,
        "professionals": 0,
        "referrals": 0,
        "reported": 2,  # by A (twice: two rounds) and by B
        "weight": 3,
    }
    assert graph.edges["A", "C"]["reported"] == graph.edges["A", "C"]["weight"] == 1


def test_the_reported_layer_follows_the_periods_and_can_be_switched_off() -> None:
    eco = Ecosystem(organisations=ORGS, reported=REPORTED)
    autumn = organisation_graph(eco, periods=PeriodRange(Q4, Q4))
    assert [(a, b, d["reported"]) for a, b, d in autumn.edges(data=True)] == [("A", "B", 1)]
    assert organisation_graph(eco, layers=Layers(reported=False)).number_of_edges() == 0
    assert organisation_graph(eco, layers=Layers.parse(["reported"])).number_of_edges() == 2


def test_a_period_graph_holds_the_ties_reported_for_that_period() -> None:
    july = Period.parse("2026-07")
    flows = (ReferralFlow(ActorKind.ORGANISATION, "D", "E", july, "", 1),)
    eco = Ecosystem(organisations=ORGS, flows=flows, reported=(ReportedTie("A", "B", "R0", july), *REPORTED))
    [(period, graph)] = list(period_graphs(eco))
    assert period == july
    assert nx.utils.edges_equal(
        graph.edges(data=True), organisation_graph(eco, periods=PeriodRange(july, july)).edges(data=True)
    )
    assert graph.edges["A", "B"]["reported"] == 1  # the round of July only, not the quarters


def test_without_reports_the_analysis_is_the_same_with_the_layer_on_or_off(demo: Ecosystem) -> None:
    assert demo.reported == ()
    quarter = PeriodRange(Period.parse("2025-Q4"), Period.parse("2025-Q4"))
    on = analyse(demo, periods=quarter, top=5)
    off = analyse(demo, layers=Layers(reported=False), periods=quarter, top=5)
    assert on["scope"].pop("layers") == ["agreements", "professionals", "referrals", "reported"]
    assert off["scope"].pop("layers") == ["agreements", "professionals", "referrals"]
    assert on == off
    assert "survey" not in on


def test_analyse_carries_the_survey_section_as_json() -> None:
    eco = Ecosystem(
        organisations=ORGS,
        agreements=(Agreement("X", "Convenant", AgreementKind.COVENANT, parties=("A", "B")),),
    )
    result = analyse(eco, rounds=[R1, R2], responses={"R1": ROUND1, "R2": ROUND2})
    survey = json.loads(json.dumps(result["survey"]))
    assert survey["round"] == "R1"
    assert survey["reciprocity"]["mutual"] == 1
    assert survey["ties"][0] == {
        "a": "A",
        "b": "B",
        "trust": 3.5,
        "trust_raters": 2,
        "value": 2.5,
        "value_raters": 2,
    }
    assert survey["rounds"][1]["period"] == "2026-Q3"
    assert survey["rounds"][1]["closes"] == "2026-09-30"
    # held against the data of the chosen layers: here only the agreement A-B
    assert survey["gap"]["unseen"] == [{"reporter": "A", "partner": "C", "layers": []}]
    assert survey["coffee_matches"] == [["A", "C"]]


def test_every_field_analyse_prints_is_documented() -> None:
    docs = (Path(__file__).parents[2] / "docs" / "analytics.md").read_text(encoding="utf-8")
    printed = (
        reported.SurveySummary,
        reported.RoundSummary,
        reported.ResponseRates,
        reported.GroupRate,
        reported.BiasWarning,
        reported.Reciprocity,
        reported.NamedPair,
        reported.TieRating,
        reported.OrganisationRating,
        reported.DataGap,
        reported.GapTie,
        reported.RoundChange,
        reported.TieChange,
        reported.OrganisationChange,
    )
    names = {f.name for record in printed for f in fields(record)}
    assert sorted(n for n in names if f"`{n}`" not in docs and f"`survey.{n}`" not in docs) == []
