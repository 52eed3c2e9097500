"""What one organisation is asked: the ties the data shows with their evidence, its suggestions,
prefilled from its latest saved answers, and nothing about other organisations' referrals."""

from __future__ import annotations

import pytest

from app.present.koffie import COUNT_REASONS
from app.survey.answers import save
from app.survey.questionnaire import Evidence, build, for_organisation
from graph.errors import LinkRefused
from graph.survey import Interest, TieAnswer, TieStatus
from queries.sqlite import SqliteStore
from tests.app.survey.conftest import NOW, TODAY, autumn, mini_ecosystem


def test_the_ties_the_data_shows_each_with_its_evidence() -> None:
    asked = build(mini_ecosystem(), autumn(), "A")
    assert asked.name == "Alfa Zorg"
    assert [(t.partner, t.name, t.sector, t.evidence) for t in asked.ties] == [
        ("B", "Beta Wonen", "wonen", Evidence(agreements=("Convenant Wijkzorg",))),
        ("D", "Delta Jeugd", "jeugd", Evidence(referrals_sent=10, referrals_received="<5")),
        ("C", "Gamma Welzijn", "welzijn", Evidence(professionals=1)),
    ]
    assert asked.shown_partners() == {"B", "C", "D"}
    assert asked.added == ()
    assert asked.latest is None
    assert not asked.submitted


def test_own_referral_counts_are_shown_as_a_partner_sees_them() -> None:
    """A sent E 2 referrals: rounded to 0, so the map shows A no tie to E; A's 30 referrals to B
    in January 2027 lie after the round's period."""
    asked = build(mini_ecosystem(), autumn(), "A")
    assert "E" not in asked.shown_partners()
    beta = next(t for t in asked.ties if t.partner == "B")
    assert beta.evidence.referrals_sent is None
    with_small_counts_of_one = build(mini_ecosystem(), autumn(), "A", small=1)
    assert "E" in with_small_counts_of_one.shown_partners()


def test_nothing_asked_depends_on_other_organisations_referrals() -> None:
    """B's referrals to C are not A's business: A is asked the same with 0, 40 or 4000 of them."""
    asked = [build(mini_ecosystem(b_to_c=n), autumn(), "A") for n in (0, 40, 4000)]
    assert asked[0] == asked[1] == asked[2]
    assert build(mini_ecosystem(b_to_c=0), autumn(), "B") != build(mini_ecosystem(b_to_c=40), autumn(), "B")


def test_the_kennismaken_suggestions_with_reasons_a_partner_may_read() -> None:
    asked = build(mini_ecosystem(), autumn(), "A", area_names={"WK990101": "Centrum"})
    assert [(s.partner, s.name, s.sector, s.introducer) for s in asked.suggestions] == [
        ("E", "Epsilon Werk", "werk_inkomen", "Gamma Welzijn")
    ]
    reasons = asked.suggestions[0].reasons
    assert reasons
    assert not {r.code for r in reasons} & COUNT_REASONS
    assert any("Centrum" in r.nl for r in reasons)


def test_suggestions_leave_out_partners_already_in_the_list() -> None:
    with_e_shown = build(mini_ecosystem(), autumn(), "A", small=1)  # E is now a tie the data shows
    assert "E" not in {s.partner for s in with_e_shown.suggestions}


def test_the_latest_saved_answers_fill_the_questionnaire_in(mini_store: SqliteStore) -> None:
    ties = [
        {"partner": "B", "status": "confirmed", "frequency": 4, "ratings": {"open": 3}},
        {"partner": "C", "status": "rejected"},
        {"partner": "", "status": "added", "new_name": "Buurtkamer De Linde", "frequency": 2},
    ]
    suggestions = [{"partner": "E", "answer": "interested"}]
    for submitted in (False, True):
        save(
            mini_store,
            "najaar-2026",
            "A",
            ties,
            suggestions,
            submitted=submitted,
            by="link",
            now=NOW,
            today=TODAY,
        )
    asked = for_organisation(mini_store, autumn(), "A")
    assert asked.submitted
    assert asked.latest is not None
    assert asked.latest.version == 2
    answers = {t.partner: t.answer for t in asked.ties}
    assert answers == {
        "B": TieAnswer("B", TieStatus.CONFIRMED, frequency=4, ratings=(("open", 3),)),
        "C": TieAnswer("C", TieStatus.REJECTED),
        "D": None,
    }
    assert [(a.name, a.answer) for a in asked.added] == [
        ("Buurtkamer De Linde", TieAnswer("", TieStatus.ADDED, "Buurtkamer De Linde", 2))
    ]
    assert [(s.partner, s.answer) for s in asked.suggestions] == [("E", Interest.INTERESTED)]


def test_an_answer_kept_when_the_data_no_longer_shows_it(mini_store: SqliteStore) -> None:
    """A confirmed D and added E; with a small count of 25, A's 12 and 2 referrals with D both
    round to 0, so the map shows no tie to D: D's answer moves to the added ties, not lost."""
    ties = [{"partner": "D", "status": "confirmed", "frequency": 5}, {"partner": "E", "status": "added"}]
    save(mini_store, "najaar-2026", "A", ties, [], submitted=True, by="link", now=NOW, today=TODAY)
    asked = for_organisation(mini_store, autumn(), "A", small=25)
    assert "D" not in asked.shown_partners()
    assert [(a.partner, a.answer.status, a.answer.frequency) for a in asked.added] == [
        ("D", TieStatus.ADDED, 5),
        ("E", TieStatus.ADDED, None),
    ]
    assert "E" not in {s.partner for s in asked.suggestions}  # added already: not suggested again


def test_an_organisation_no_longer_in_the_map_is_refused() -> None:
    with pytest.raises(LinkRefused) as caught:
        build(mini_ecosystem(), autumn(), "GONE")
    assert caught.value.why == "unknown"
