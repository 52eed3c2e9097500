"""The survey's pages render on the Neo4j store as on SQLite: the Rondes page and the questionnaire.

The demo municipality and one survey round (answers saved and submitted through the
questionnaire's service, corrections proposed and decided, a duplicate pair remembered,
all at fixed times) are written the same way into the real Neo4j server at NEO4J_URI
(cleared before and after) and into a fresh SQLite store. Same records in, so the same
pages out: the Rondes page's layout and what its callbacks fill in (status, invited,
review lists, the round's report), and the questionnaire each partner's link draws,
compared as the JSON they serialise to (as ``tests/app/test_on_neo4j.py`` does).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date
from typing import Any, Final

import pytest
from dash import Dash
from plotly.utils import PlotlyJSONEncoder
from pydantic import SecretStr

from app.access import ANALYST
from app.settings import Settings
from app.survey import answers, corrections
from app.survey.links import make_token
from app.survey.questionnaire import for_organisation
from app.survey.rounds import open_round
from app.web import ids
from app.web.factory import create_app
from app.web.pages import rondes, rondes_callbacks
from graph.model import Ecosystem
from graph.survey import Interest, PairDecision
from queries.base import Store
from queries.sqlite import SqliteStore
from tests.app.conftest import request_as
from tests.app.web.pages.test_enquete import render
from tests.neo4j.conftest import open_neo4j

pytestmark = pytest.mark.neo4j

SECRET: Final = "survey-pages-on-neo4j-0123456789"
NOW: Final = "2026-12-06T10:00:00+00:00"
CLOSES: Final = date(2099, 12, 31)
E = ids.Enquete


def _fill(store: Store, demo: Ecosystem) -> list[str]:
    """The demo and a round with answers, corrections and a pair decision; the invited, sorted."""
    store.apply(demo)
    chosen = open_round(store, "Najaar 2026", CLOSES, today=date.today(), now=NOW, by="ana")
    open_round(store, "Voorjaar 2027", CLOSES, today=date.today(), now=NOW, by="ana")
    invited = sorted(chosen.invited)
    asked = [q for q in (for_organisation(store, chosen, org) for org in invited) if len(q.ties) >= 2][:5]
    for number, q in enumerate(asked):
        ties: list[dict[str, object]] = [
            {
                "partner": q.ties[0].partner,
                "status": "confirmed",
                "frequency": 1 + number,
                "ratings": {"reliable": 4, "open": 1 + number % 4, "shared_goal": 3, "contributes": 2},
            },
            {"partner": q.ties[1].partner, "status": "rejected"},
            {"partner": "", "status": "added", "new_name": f'Buurtkamer "De Linde" <{number}>'},
        ]
        suggested = [
            {"partner": s.partner, "answer": list(Interest)[(number + i) % 3].value}
            for i, s in enumerate(q.suggestions)
        ]
        answers.save(
            store,
            chosen,
            q.organisation,
            ties,
            suggested,
            submitted=number < 4,
            by="link",
            now=NOW,
            today=date.today(),
            shown=q.shown_partners(),
        )
    first = asked[0].organisation
    corrections.propose(store, first, {"expertise": "schuldhulp"}, by="link", at=NOW, change_id="c-1")
    corrections.propose(store, "", {"name": "Buurtkamer De Linde"}, by="link", at=NOW, change_id="c-2")
    corrections.propose(store, first, {"name": "Andere naam"}, by="link", at=NOW, change_id="c-3")
    corrections.reject(store, "c-3", by="ana", at=NOW, reason="Staat anders in het register")
    corrections.propose(store, first, {"contact": "info@voorbeeld.nl"}, by="link", at=NOW, change_id="c-4")
    corrections.accept(store, "c-4", by="ana", at=NOW)
    store.decide_pair(PairDecision(invited[1], invited[0], same=False, by="ana", at=NOW))
    return [invited[0], *(q.organisation for q in asked), invited[-1]]


@pytest.fixture(scope="module")
def on_sqlite(demo: Ecosystem) -> Iterator[tuple[Dash, list[str]]]:
    with SqliteStore() as store:
        shown = _fill(store, demo)
        yield create_app(Settings(secret_key=SecretStr(SECRET)), store), shown


@pytest.fixture(scope="module")
def on_neo4j(demo: Ecosystem) -> Iterator[tuple[Dash, list[str]]]:
    with open_neo4j() as store:
        try:
            shown = _fill(store, demo)
            yield create_app(Settings(secret_key=SecretStr(SECRET)), store), shown
        finally:
            store.clear()


def _json(value: Any) -> str:
    return json.dumps(value, cls=PlotlyJSONEncoder, sort_keys=True)


def _rondes(app: Dash, round_id: str, lang: str) -> str:
    """The Rondes page as an analyst sees it with ``round_id`` chosen: layout and every part filled in."""
    with request_as(app):
        return _json(
            {
                "layout": rondes.layout("nl", ANALYST),
                "status": rondes_callbacks.show_round(round_id, 0, lang),
                "review": rondes_callbacks.review(round_id, 0, lang),
                "report": rondes_callbacks.report(round_id, 0, lang),
            }
        )


@pytest.mark.parametrize(
    ("round_id", "lang"), [("najaar-2026", "nl"), ("najaar-2026", "en"), ("voorjaar-2027", "nl")]
)
def test_the_rondes_page_renders_on_neo4j_as_on_sqlite(
    on_sqlite: tuple[Dash, list[str]], on_neo4j: tuple[Dash, list[str]], round_id: str, lang: str
) -> None:
    page = _rondes(on_neo4j[0], round_id, lang)
    assert page == _rondes(on_sqlite[0], round_id, lang)
    if round_id == "najaar-2026":
        assert "c-1" in page
        assert "Buurtkamer" in page


def _questionnaire(app: Dash, organisation: str, lang: str) -> str:
    """The page a partner's link draws; the session's CSRF token (random per visit) blanked."""
    client = app.server.test_client()
    drawn = render(client, "/enquete/" + make_token(SECRET, "najaar-2026", organisation), lang)
    assert drawn[E.CSRF]["data"]
    drawn[E.CSRF]["data"] = "<csrf>"
    return _json(drawn)


def test_every_questionnaire_renders_on_neo4j_as_on_sqlite(
    on_sqlite: tuple[Dash, list[str]], on_neo4j: tuple[Dash, list[str]]
) -> None:
    assert on_neo4j[1] == on_sqlite[1]
    prefilled = 0
    for number, organisation in enumerate(on_sqlite[1]):
        lang = "en" if number % 2 else "nl"
        page = _questionnaire(on_neo4j[0], organisation, lang)
        assert page == _questionnaire(on_sqlite[0], organisation, lang), organisation
        prefilled += "De Linde" in page  # the tie it added, prefilled from its saved answers
    assert prefilled >= 5
