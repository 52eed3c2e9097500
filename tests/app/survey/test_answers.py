"""A form's answers: every bad answer gives a clear message naming the question, and stores nothing."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest

from app.survey.answers import MAX_SUGGESTIONS, MAX_TIES, parse_answers, save
from graph.errors import InvalidAnswer, LinkRefused
from graph.survey import MAX_TEXT, Interest, SuggestionAnswer, TieAnswer, TieStatus
from queries.sqlite import SqliteStore
from tests.app.survey.conftest import CLOSES, NOW, TODAY, ClosingStore, autumn, mini_ecosystem

KNOWN = frozenset("ABCDE")


def _save(store: SqliteStore, ties: Any, suggestions: Any = (), **options: Any) -> Any:
    settings: dict[str, Any] = {"submitted": True, "by": "link", "now": NOW, "today": TODAY}
    settings.update(options)
    return save(store, "najaar-2026", "A", ties, suggestions, **settings)


def _tie(**fields: Any) -> dict[str, Any]:
    tie: dict[str, Any] = {"partner": "B", "status": "confirmed"}
    tie.update(fields)
    return tie


BAD = [
    # (ties, suggestions, field, code, words in the reason)
    ([_tie(partner="Z")], [], "ties[0].partner", "unknown_organisation", "'Z' is not an organisation"),
    ([_tie(partner="A")], [], "ties[0].partner", "own_organisation", "your own organisation"),
    ([_tie(partner=["B"])], [], "ties[0].partner", "unknown_organisation", "not an organisation"),
    ([_tie(frequency=6)], [], "ties[0].frequency", "out_of_range", "choose 1 to 5"),
    ([_tie(frequency=0)], [], "ties[0].frequency", "out_of_range", "choose 1 to 5"),
    ([_tie(frequency="vaak")], [], "ties[0].frequency", "out_of_range", "'vaak' is not a frequency"),
    ([_tie(frequency=True)], [], "ties[0].frequency", "out_of_range", "not a frequency"),
    ([_tie(frequency=2.5)], [], "ties[0].frequency", "out_of_range", "not a frequency"),
    ([_tie(ratings={"open": 5})], [], "ties[0].ratings.open", "out_of_range", "choose 1 to 4"),
    ([_tie(ratings={"reliable": -1})], [], "ties[0].ratings.reliable", "out_of_range", "not a rating"),
    ([_tie(ratings={"vibes": 3})], [], "ties[0].ratings.vibes", "unknown_item", "not a question"),
    ([_tie(ratings=[4, 4])], [], "ties[0].ratings", "invalid", "named values"),
    ([_tie(status="misschien")], [], "ties[0].status", "invalid_choice", "confirmed, rejected, added"),
    (
        [_tie(partner="", status="added", new_name="x" * (MAX_TEXT + 1))],
        [],
        "ties[0].new_name",
        "too_long",
        f"at most {MAX_TEXT}",
    ),
    (
        [_tie(partner="", status="added", new_name="<script>alert(1)</script>")],
        [],
        "ties[0].new_name",
        "markup",
        "HTML is not allowed",
    ),
    (
        [_tie(partner="", status="added", new_name="Linde <img src=x onerror=alert(1)>")],
        [],
        "ties[0].new_name",
        "markup",
        "HTML",
    ),
    (
        [_tie(partner="", status="added", new_name='=HYPERLINK("http://x")')],
        [],
        "ties[0].new_name",
        "formula",
        "formula",
    ),
    (
        [_tie(partner="", status="added", new_name="\u00a0@SUM(A1)")],
        [],
        "ties[0].new_name",
        "formula",
        "formula",
    ),
    (
        [_tie(partner="", status="added", new_name="Linde\x00")],
        [],
        "ties[0].new_name",
        "control_character",
        "U+0000",
    ),
    ([_tie(partner="", status="added", new_name=42)], [], "ties[0].new_name", "invalid", "give text"),
    ([_tie(partner="", status="added")], [], "ties[0].partner", "missing", "name of a new one"),
    (
        [_tie(partner="", status="confirmed", new_name="De Linde")],
        [],
        "ties[0].status",
        "invalid_choice",
        "can only be added",
    ),
    ([_tie(), _tie(frequency=2)], [], "ties[1].partner", "duplicate", "twice"),
    (
        [
            _tie(partner="", status="added", new_name="De Linde"),
            _tie(partner="", status="added", new_name="de linde "),
        ],
        [],
        "ties[1].partner",
        "duplicate",
        "twice",
    ),
    ([_tie()] * (MAX_TIES + 1), [], "ties", "too_many", f"at most {MAX_TIES}"),
    ("B", [], "ties", "invalid", "list"),
    ({"partner": "B"}, [], "ties", "invalid", "list"),
    (["B"], [], "ties[0]", "invalid", "named values"),
    ([], [{"partner": "Z", "answer": "interested"}], "suggestions[0].partner", "unknown_organisation", "'Z'"),
    (
        [],
        [{"partner": "E", "answer": "ja graag"}],
        "suggestions[0].answer",
        "invalid_choice",
        "interested, known, no",
    ),
    ([], [{"answer": "no"}], "suggestions[0].partner", "missing", "suggested organisation"),
    (
        [],
        [{"partner": "E", "answer": "no"}, {"partner": "E", "answer": "known"}],
        "suggestions[1].partner",
        "duplicate",
        "answered twice",
    ),
    ([], [{"partner": "E", "answer": "no"}] * (MAX_SUGGESTIONS + 1), "suggestions", "too_many", "at most"),
]


@pytest.mark.parametrize(("ties", "suggestions", "field", "code", "words"), BAD)
def test_a_bad_answer_names_its_question_and_stores_nothing(
    mini_store: SqliteStore, ties: Any, suggestions: Any, field: str, code: str, words: str
) -> None:
    with pytest.raises(InvalidAnswer) as caught:
        _save(mini_store, ties, suggestions)
    refusal = caught.value
    assert (refusal.field, refusal.code) == (field, code)
    assert words in refusal.reason
    assert str(refusal).startswith(f"{field}: ")
    assert mini_store.response_history("najaar-2026", "A") == []
    assert mini_store.responses("najaar-2026") == []


def test_one_bad_answer_among_good_ones_stores_nothing(mini_store: SqliteStore) -> None:
    good = [_tie(frequency=3), _tie(partner="C", frequency=2)]
    with pytest.raises(InvalidAnswer, match=r"ties\[2\]\.ratings\.open"):
        _save(mini_store, [*good, _tie(partner="D", ratings={"open": 9})])
    assert mini_store.response_history("najaar-2026", "A") == []


def test_answers_as_a_form_gives_them() -> None:
    ties = [
        {
            "partner": "B",
            "status": "confirmed",
            "frequency": "3",
            "ratings": {"open": "4", "reliable": "", "involved": None},
        },
        {"partner": "C", "status": "rejected", "frequency": "5", "ratings": {"open": 1}},
        {"partner": "", "status": "added", "new_name": "  Buurtkamer De Linde ", "frequency": ""},
        {"partner": "D", "status": "added", "new_name": "typed while searching", "frequency": 4.0},
        {"partner": "E", "status": "added", "new_name": "Jeugd < 18 jaar"},
    ]
    suggestions = [{"partner": "E", "answer": "interested"}, {"partner": "D", "answer": ""}]
    response = parse_answers(
        "najaar-2026", "A", ties, suggestions, known=KNOWN, shown={"B", "C", "D"}, submitted=True, at=NOW
    )
    assert response.ties == (
        TieAnswer("", TieStatus.ADDED, "Buurtkamer De Linde"),
        TieAnswer("B", TieStatus.CONFIRMED, frequency=3, ratings=(("open", 4),)),
        TieAnswer("C", TieStatus.REJECTED),  # a rejected tie has no frequency or ratings
        TieAnswer("D", TieStatus.CONFIRMED, frequency=4),  # added, but the map shows it: a confirmation
        TieAnswer("E", TieStatus.ADDED),
    )
    assert response.suggestions == (SuggestionAnswer("E", Interest.INTERESTED),)  # no answer is no answer
    assert (response.submitted, response.by, response.at) == (True, "link", NOW)


def test_a_tie_the_questionnaire_did_not_show_cannot_be_confirmed() -> None:
    with pytest.raises(InvalidAnswer) as caught:
        parse_answers("najaar-2026", "A", [_tie(partner="E")], [], known=KNOWN, shown={"B"})
    assert (caught.value.field, caught.value.code) == ("ties[0].partner", "not_shown")
    assert parse_answers("najaar-2026", "A", [_tie(partner="E")], [], known=KNOWN).ties[0].partner == "E"


def test_an_unknown_answering_organisation_is_refused() -> None:
    with pytest.raises(InvalidAnswer) as caught:
        parse_answers("najaar-2026", "Z", [], [], known=KNOWN)
    assert caught.value.code == "unknown_organisation"


def test_saving_stores_versions_and_the_same_answers_twice_change_nothing(mini_store: SqliteStore) -> None:
    first = _save(mini_store, [_tie(frequency=3)], submitted=False)
    again = _save(mini_store, [_tie(frequency=3)], submitted=False)
    assert first.version == again.version == 1
    submitted = _save(mini_store, [_tie(frequency=3)], [{"partner": "E", "answer": "known"}])
    assert submitted.version == 2
    history = mini_store.response_history("najaar-2026", "A")
    assert [(r.version, r.submitted) for r in history] == [(1, False), (2, True)]
    assert history[-1].suggestions == (SuggestionAnswer("E", Interest.KNOWN),)


def test_a_round_closed_since_the_link_was_checked_takes_no_answers(mini_store: SqliteStore) -> None:
    checked = autumn()
    mini_store.close_round("najaar-2026", NOW)
    with pytest.raises(LinkRefused) as caught:
        save(mini_store, checked, "A", [_tie()], [], submitted=True, by="link", now=NOW, today=TODAY)
    assert caught.value.why == "expired"
    assert mini_store.response_history("najaar-2026", "A") == []


def test_a_round_closed_between_the_check_and_the_write_takes_no_answers() -> None:
    with ClosingStore() as store:
        store.apply(mini_ecosystem())
        store.open_round(autumn())
        _save(store, [_tie(frequency=2)], submitted=False)
        store.closing = "najaar-2026"
        with pytest.raises(LinkRefused) as caught:
            _save(store, [_tie(frequency=3)])
        assert caught.value.why == "expired"
        assert store.closing is None  # the round was closed after the service's own check
        assert [(r.version, r.submitted) for r in store.response_history("najaar-2026", "A")] == [(1, False)]


def test_a_round_past_its_closing_date_takes_no_answers(mini_store: SqliteStore) -> None:
    with pytest.raises(LinkRefused) as caught:
        _save(mini_store, [_tie()], today=CLOSES + timedelta(days=1))
    assert caught.value.why == "expired"
    assert mini_store.responses("najaar-2026") == []


def test_an_organisation_not_invited_cannot_save(mini_store: SqliteStore) -> None:
    for round_id, organisation in (("najaar-2026", "E"), ("voorjaar-2027", "A")):
        with pytest.raises(LinkRefused) as caught:
            save(mini_store, round_id, organisation, [], [], submitted=True, by="link", now=NOW, today=TODAY)
        assert caught.value.why == "unknown"
    assert mini_store.responses("najaar-2026") == []
