"""The partner's questionnaire at /enquete/<token>: reachable by its link only, CSRF-protected,
answers saved and submitted through the real service on a real SQLite store.

Callbacks are driven through the app's real callback route (``/enquete/_dash-update-component``)
with Flask's test client, so the session cookie, the CSRF check and the error handling are the
ones a browser meets.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any, Final

import pytest
from dash import Dash
from flask.testing import FlaskClient
from pydantic import SecretStr

from app.present.enquete import Current, answers, form
from app.present.formatting import moment
from app.settings import Settings
from app.survey import corrections
from app.survey.corrections import accept, reject, set_contact
from app.survey.links import link_secret, make_token
from app.survey.questionnaire import build
from app.survey.rounds import close, open_round
from app.web import ids
from app.web.csrf import COOKIE
from app.web.factory import create_app
from graph.model import Ecosystem
from graph.survey import ChangeStatus, Response, TieAnswer, TieStatus
from queries.sqlite import SqliteStore
from tests.app.conftest import users_with
from tests.app.survey.conftest import ClosingStore

E = ids.Enquete
SECRET: Final = "enquete-test-secret-0123456789"
ORG: Final = "ORG0043"
OTHER: Final = "ORG0007"
NOW: Final = "2026-12-06T10:00:00+00:00"
NEW_NAME: Final = 'Buurtkamer "De Linde" & co (< 18 jaar)'
"""Free text with characters HTML would read: kept as written, shown as text."""


@pytest.fixture
def store(demo: Ecosystem) -> Iterator[SqliteStore]:
    """The demo in a fresh in-memory store (tests here write answers)."""
    with SqliteStore() as fresh:
        fresh.apply(demo)
        yield fresh


@pytest.fixture
def round_id(store: SqliteStore) -> str:
    today = date.today()
    return open_round(store, "Najaar 2026", today + timedelta(days=14), today=today, now=NOW, by="ana").id


@pytest.fixture
def app(store: SqliteStore) -> Dash:
    """The explorer with login on (an analyst and a partner), so only the link opens the questionnaire."""
    users = users_with(("ana", "analist", None), ("piet", "partner", ORG))
    return create_app(Settings(secret_key=SecretStr(SECRET)), store, users=users)


def link(round_id: str, organisation: str = ORG) -> str:
    return "/enquete/" + make_token(SECRET, round_id, organisation)


# ---------------------------------------------------------------- talking to the callback route


def _spec(client: FlaskClient, output_part: str) -> dict[str, Any]:
    specs = json.loads(client.get("/enquete/_dash-dependencies").data)
    return next(spec for spec in specs if output_part in spec["output"])


def _outputs(spec: dict[str, Any], wildcard: list[dict[str, Any]]) -> list[Any]:
    """The outputs as the renderer sends them; a wildcard output lists the components it matches."""
    outputs: list[Any] = []
    for part in spec["output"].strip(".").split("..."):
        name, _, prop = part.rpartition(".")
        outputs.append(wildcard if name.startswith("{") else {"id": name, "property": prop})
    return outputs


def render(client: FlaskClient, path: str, lang: str = "nl") -> dict[str, Any]:
    """Draw the page for ``path``; the response's outputs."""
    spec = _spec(client, "enquete-page.children")
    body = {
        "output": spec["output"],
        "outputs": _outputs(spec, []),
        "inputs": [
            {"id": E.URL, "property": "pathname", "value": path},
            {"id": E.LANG, "property": "value", "value": lang},
        ],
        "changedPropIds": [f"{E.URL}.pathname"],
        "state": [{"id": E.CSRF, "property": "data", "value": None}, *_form_state({}, [])],
    }
    answer = client.post("/enquete/_dash-update-component", json=body)
    assert answer.status_code == 200
    response: dict[str, Any] = json.loads(answer.data)["response"]
    return response


def _ids(kind: str, keys: list[str], field: str = "key") -> list[dict[str, Any]]:
    return [
        {"id": {"type": kind, field: key}, "property": "id", "value": {"type": kind, field: key}}
        for key in keys
    ]


def _form_state(values: dict[str, Any], added: list[dict[str, str]]) -> list[Any]:
    """The page's answers as :data:`app.web.pages.enquete._FORM_STATE` sends them.

    ``values``: ``status``/``frequency`` -> {key: value}, ``rating`` -> {(key, item): value},
    ``suggestion`` -> {partner: answer}.
    """
    statuses, freqs = values.get("status", {}), values.get("frequency", {})
    ratings, suggested = values.get("rating", {}), values.get("suggestion", {})
    rating_ids = [{"type": E.RATING, "key": k, "item": i} for k, i in ratings]
    return [
        [{"id": {"type": E.STATUS, "key": k}, "property": "value", "value": v} for k, v in statuses.items()],
        _ids(E.STATUS, list(statuses)),
        [{"id": {"type": E.FREQUENCY, "key": k}, "property": "value", "value": v} for k, v in freqs.items()],
        _ids(E.FREQUENCY, list(freqs)),
        [
            {"id": i, "property": "value", "value": v}
            for i, v in zip(rating_ids, ratings.values(), strict=True)
        ],
        [{"id": i, "property": "id", "value": i} for i in rating_ids],
        [
            {"id": {"type": E.SUGGESTION, "partner": p}, "property": "value", "value": v}
            for p, v in suggested.items()
        ],
        _ids(E.SUGGESTION, list(suggested), "partner"),
        {"id": E.ADDED, "property": "data", "value": added},
    ]


def store_answers(
    client: FlaskClient,
    path: str,
    token: str | None,
    values: dict[str, Any],
    *,
    added: list[dict[str, str]] | None = None,
    submit: bool = False,
    lang: str = "nl",
    slots: list[str] | None = None,
) -> Any:
    """Press save (or send) on the page at ``path`` with ``token`` as its CSRF token; the raw answer."""
    spec = _spec(client, "enquete-message.children")
    keys = slots if slots is not None else list(values.get("status", {}))
    wildcard = [{"id": {"type": E.TIE_ERROR, "key": k}, "property": "children"} for k in keys]
    button = E.SUBMIT if submit else E.SAVE
    body = {
        "output": spec["output"],
        "outputs": _outputs(spec, wildcard),
        "inputs": [
            {"id": E.SAVE, "property": "n_clicks", "value": 0 if submit else 1},
            {"id": E.SUBMIT, "property": "n_clicks", "value": 1 if submit else 0},
        ],
        "changedPropIds": [f"{button}.n_clicks"],
        "state": [
            {"id": E.URL, "property": "pathname", "value": path},
            {"id": E.CSRF, "property": "data", "value": token},
            {"id": E.LANG, "property": "value", "value": lang},
            *_form_state(values, added or []),
        ],
    }
    return client.post("/enquete/_dash-update-component", json=body)


def _text(tree: object) -> str:
    """Every string in a rendered component tree (JSON)."""
    if isinstance(tree, str):
        return tree + " "
    if isinstance(tree, list):
        return "".join(_text(item) for item in tree)
    if isinstance(tree, dict):
        return "".join(_text(v) for k, v in tree.items() if k not in ("type", "namespace", "id", "className"))
    return ""


def _error(body: dict[str, Any], key: str) -> str:
    """The message next to the question of card ``key`` in a callback's response."""
    slot = json.dumps({"key": key, "type": E.TIE_ERROR}, separators=(",", ":"))
    return str(body[slot]["children"])


def _shown_partners(page: dict[str, Any]) -> list[str]:
    found: list[str] = []

    def walk(node: object) -> None:
        if isinstance(node, dict):
            node_id = node.get("props", {}).get("id") if "props" in node else None
            if isinstance(node_id, dict) and node_id.get("type") == E.STATUS:
                found.append(node_id["key"])
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(page)
    return found


# ---------------------------------------------------------------- the tests


def test_the_link_opens_the_questionnaire_without_login_and_nothing_else(app: Dash, round_id: str) -> None:
    client = app.server.test_client()
    assert client.get(link(round_id)).status_code == 200
    assert client.get("/enquete/_dash-layout").status_code == 200
    page = render(client, link(round_id))
    assert "Voor Stichting Welzijn Ketendam" in _text(page[E.PAGE])
    assert page[E.CSRF]["data"]
    # the explorer stays closed to the same visitor
    assert client.get("/").status_code == 302
    assert client.get("/_dash-layout").status_code == 401
    assert client.get("/_dash-dependencies").status_code == 401
    assert client.post("/_dash-update-component", json={}).status_code == 401
    # and the questionnaire app answers only with its own callbacks
    outputs = " ".join(spec["output"] for spec in json.loads(client.get("/enquete/_dash-dependencies").data))
    assert "enquete-" in outputs
    assert "shell-" not in outputs
    assert "kaart-" not in outputs


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_forged_unknown_and_closed_links_get_a_refusal_page(
    app: Dash, store: SqliteStore, round_id: str, lang: str
) -> None:
    client = app.server.test_client()
    forged = link(round_id)[:-3] + "abc"
    other_round = "/enquete/" + make_token(SECRET, "no-such-round", ORG)
    wrong_key = "/enquete/" + make_token("another-secret-0123456789", round_id, ORG)
    uninvited = open_round(
        store,
        "Alleen wonen",
        date.today() + timedelta(days=3),
        today=date.today(),
        now=NOW,
        by="ana",
        sectors=[next(o.sector for o in store.snapshot().organisations if o.id == OTHER)],
    )
    assert ORG not in uninvited.invited
    not_invited = link(uninvited.id, ORG)
    expected = {
        "nl": ("Deze link werkt niet", "niet geldig", "niet (meer) is uitgenodigd", "gesloten"),
        "en": ("This link does not work", "not valid", "not (or no longer) invited", "closed"),
    }[lang]
    for path, why in ((forged, 1), (wrong_key, 1), (other_round, 2), (not_invited, 2)):
        page = render(client, path, lang)
        text = _text(page[E.PAGE])
        assert expected[0] in text, path
        assert expected[why] in text, (path, text)
        assert page[E.CSRF]["data"] is None
    close(store, round_id, now=NOW)
    closed = _text(render(client, link(round_id), lang)[E.PAGE])
    assert expected[3] in closed
    assert store.response_history(round_id, ORG) == []


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_a_round_closed_while_the_page_is_open_refuses_the_save_alike_before_or_during_it(
    demo: Ecosystem, lang: str
) -> None:
    """Closed before "save" is pressed, the service refuses; closed after the service checked
    the round but before the write, the store does: the partner reads the same refusal."""
    refusal = {"nl": "Deze enquête is gesloten", "en": "This survey is closed"}[lang]
    messages = []
    for during in (False, True):
        with ClosingStore() as store:
            store.apply(demo)
            today = date.today()
            round_id = open_round(
                store, "Najaar", today + timedelta(days=14), today=today, now=NOW, by="ana"
            ).id
            client = create_app(Settings(secret_key=SecretStr(SECRET)), store).server.test_client()
            path = link(round_id)
            page = render(client, path, lang)
            partner = _shown_partners(page[E.PAGE])[0]
            if during:
                store.closing = round_id
            else:
                close(store, round_id, now=NOW)
            answer = store_answers(
                client, path, page[E.CSRF]["data"], {"status": {partner: "confirmed"}}, lang=lang
            )
            assert answer.status_code == 200
            body = json.loads(answer.data)["response"]
            assert E.FORM not in body  # the form stays as it was: not sent
            messages.append(body[E.MESSAGE]["children"])
            assert store.closing is None
            assert store.rounds()[0].closed_at == NOW
            assert store.response_history(round_id, ORG) == []
    assert messages[0] == messages[1]
    assert refusal in _text(messages[0])
    assert messages[0]["props"]["className"] == "enq-error"


def test_saving_without_the_pages_csrf_token_is_refused_and_stores_nothing(
    app: Dash, store: SqliteStore, round_id: str
) -> None:
    client = app.server.test_client()
    path = link(round_id)
    page = render(client, path)
    token = page[E.CSRF]["data"]
    partner = _shown_partners(page[E.PAGE])[0]
    answer = {"status": {partner: "confirmed"}, "frequency": {partner: 3}}
    # another organisation's page gives a token bound to its own link
    other_page = render(client, link(round_id, OTHER))
    stranger = app.server.test_client()
    stranger_token = render(stranger, path)[E.CSRF]["data"]  # the same link, another browser
    for bad in (None, "", "not-a-token", token[:-2] + "xx", other_page[E.CSRF]["data"], stranger_token):
        refused = store_answers(client, path, bad, answer)
        assert refused.status_code == 403, bad
    assert store_answers(stranger, path, token, answer).status_code == 403  # a token lifted from the page
    assert store.response_history(round_id, ORG) == []
    saved = store_answers(client, path, token, answer)
    assert saved.status_code == 200
    assert [r.ties for r in store.response_history(round_id, ORG)] == [
        (TieAnswer(partner, TieStatus.CONFIRMED, frequency=3),)
    ]


def test_save_halfway_then_submit_replaces_the_answers_and_keeps_the_history(
    app: Dash, store: SqliteStore, round_id: str
) -> None:
    client = app.server.test_client()
    path = link(round_id)
    page = render(client, path)
    token = page[E.CSRF]["data"]
    first, second = _shown_partners(page[E.PAGE])[:2]
    draft = {"status": {first: "confirmed"}, "frequency": {first: 4}, "rating": {(first, "open"): 3}}
    saved = store_answers(client, path, token, draft)
    assert "Opgeslagen" in _text(json.loads(saved.data)["response"])
    again = render(client, path)  # coming back with the same link: prefilled
    assert "staan weer klaar" in _text(again[E.PAGE])
    final = {
        "status": {first: "confirmed", second: "rejected"},
        "frequency": {first: 4, second: 2},
        "rating": {(first, "open"): 4, (first, "reliable"): 3, (second, "open"): 1},
    }
    added = [{"key": "a1", "partner": "", "new_name": NEW_NAME, "name": "x"}]
    sent = store_answers(client, path, again[E.CSRF]["data"], final, added=added, submit=True, lang="en")
    body = json.loads(sent.data)["response"]
    assert body[E.FORM]["hidden"] is True
    assert "Thank you!" in _text(body[E.DONE])
    history = store.response_history(round_id, ORG)
    assert [r.submitted for r in history] == [False, True]
    latest = history[-1]
    assert latest.by == "link"
    assert {(t.partner, t.status, t.new_name) for t in latest.ties} == {
        (first, TieStatus.CONFIRMED, ""),
        (second, TieStatus.REJECTED, ""),
        ("", TieStatus.ADDED, NEW_NAME),
    }
    assert dict(next(t for t in latest.ties if t.partner == first).ratings) == {"open": 4, "reliable": 3}
    # sending the same answers again stores nothing new
    store_answers(client, path, again[E.CSRF]["data"], final, added=added, submit=True)
    assert len(store.response_history(round_id, ORG)) == 2
    assert render(client, path)[E.PAGE]  # and the page shows them, sent
    shown_again = _text(render(client, path)[E.PAGE])
    assert "al verstuurd" in shown_again
    assert NEW_NAME in shown_again  # as text; Dash escapes it in the browser


@pytest.mark.parametrize(
    ("lang", "expected"),
    [("nl", "Kies een antwoord op de schaal."), ("en", "Choose an answer on the scale.")],
)
def test_a_bad_answer_is_shown_next_to_its_question_and_nothing_is_stored(
    app: Dash, store: SqliteStore, round_id: str, lang: str, expected: str
) -> None:
    client = app.server.test_client()
    path = link(round_id)
    page = render(client, path, lang)
    first, second = _shown_partners(page[E.PAGE])[:2]
    values = {"status": {first: "confirmed", second: "confirmed"}, "rating": {(second, "open"): 7}}
    answer = store_answers(client, path, page[E.CSRF]["data"], values, lang=lang)
    body = json.loads(answer.data)["response"]
    assert _error(body, first) == ""
    assert _error(body, second) == expected
    assert "Not saved" in _text(body[E.MESSAGE]) or "Niet opgeslagen" in _text(body[E.MESSAGE])
    assert store.response_history(round_id, ORG) == []


def test_html_in_a_new_organisations_name_is_refused_in_the_chosen_language(
    app: Dash, store: SqliteStore, round_id: str
) -> None:
    client = app.server.test_client()
    path = link(round_id)
    page = render(client, path, "en")
    added = [{"key": "a1", "partner": "", "new_name": "<script>alert(1)</script>", "name": "x"}]
    answer = store_answers(client, path, page[E.CSRF]["data"], {}, added=added, lang="en", slots=["a1"])
    body = json.loads(answer.data)["response"]
    assert _error(body, "a1") == "Use plain text here, without HTML (no < followed by a letter)."
    assert store.response_history(round_id, ORG) == []


def test_the_form_carries_the_answers_on_the_page_into_another_language(
    store: SqliteStore, round_id: str
) -> None:
    survey_round = next(r for r in store.rounds() if r.id == round_id)
    latest = Response(round_id, ORG, ties=(), submitted=False, at=NOW)
    q = build(store.snapshot(), survey_round, ORG, latest)
    first = q.ties[0].partner
    on_page = Current(
        statuses={first: "confirmed"},
        frequencies={first: "5"},
        ratings={(first, "open"): 2},
        added=[{"key": "a3", "partner": "", "new_name": "Buurtkamer", "name": "Buurtkamer"}],
        suggestions={q.suggestions[0].partner: "known"} if q.suggestions else {},
    )
    shown = form(q, "en", on_page)
    card = next(c for c in shown.shown if c.key == first)
    assert (card.status, card.frequency, dict(card.ratings)) == ("confirmed", 5, {"open": 2})
    assert [(c.key, c.new_name) for c in shown.added] == [("a3", "Buurtkamer")]
    assert "Your answers of" in shown.previous
    ties, _, keys = answers(
        statuses=on_page.statuses,
        frequencies=on_page.frequencies,
        ratings=on_page.ratings,
        added=on_page.added,
        suggestions={},
    )
    assert keys == [first, "a3"]
    assert ties[0] == {"partner": first, "status": "confirmed", "frequency": "5", "ratings": {"open": 2}}


def add(
    client: FlaskClient, path: str, *, pick: str | None = None, name: str | None = None, lang: str = "nl"
) -> Any:
    """Press "Add" (with ``pick``) or "Add new" (with ``name``); the callback's outputs."""
    spec = _spec(client, "enquete-add-pick.value")
    button = E.ADD_NEW if name is not None else E.ADD_KNOWN
    body = {
        "output": spec["output"],
        "outputs": _outputs(spec, []),
        "inputs": [
            {"id": E.ADD_KNOWN, "property": "n_clicks", "value": 1 if button == E.ADD_KNOWN else 0},
            {"id": E.ADD_NEW, "property": "n_clicks", "value": 1 if button == E.ADD_NEW else 0},
        ],
        "changedPropIds": [f"{button}.n_clicks"],
        "state": [
            {"id": E.ADD_PICK, "property": "value", "value": pick},
            {"id": E.ADD_NAME, "property": "value", "value": name},
            {"id": E.ADDED, "property": "data", "value": []},
            {"id": E.URL, "property": "pathname", "value": path},
            {"id": E.LANG, "property": "value", "value": lang},
            _ids(E.STATUS, ["ORG0020"]),
        ],
    }
    answer = client.post("/enquete/_dash-update-component", json=body)
    assert answer.status_code == 200
    return json.loads(answer.data)["response"]


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("x" * 201, "Deze tekst is te lang: hooguit 200 tekens."),
        ("<b>Linde</b>", "Gebruik hier gewone tekst, zonder HTML (geen < gevolgd door een letter)."),
        ("=SUM(A1)", "Begin niet met =, +, - of @: spreadsheets lezen dat als formule."),
        ("   ", "Vul eerst een naam in."),
    ],
)
def test_adding_a_bad_new_name_says_why_and_adds_nothing(
    app: Dash, round_id: str, name: str, expected: str
) -> None:
    client = app.server.test_client()
    response = add(client, link(round_id), name=name)
    assert response[E.ADD_MESSAGE]["children"] == expected
    assert E.ADDED not in response  # the list of added ties is left as it was


def test_adding_organisations_from_the_map_and_new_ones(app: Dash, round_id: str) -> None:
    client = app.server.test_client()
    path = link(round_id)
    found = add(client, path, pick=OTHER)
    assert found[E.ADDED]["data"] == [
        {"key": "a1", "partner": OTHER, "new_name": "", "name": "Woonstichting De Linie", "sector": ""}
    ]
    assert "Woonstichting De Linie" in _text(found[E.ADDED_ROWS])
    assert add(client, path, pick=ORG)[E.ADD_MESSAGE]["children"] == "Deze organisatie staat al in uw lijst."
    assert add(client, path, pick="ORG9999")[E.ADD_MESSAGE]["children"] == "Kies eerst een organisatie."
    new = add(client, path, name=NEW_NAME, lang="en")
    assert new[E.ADDED]["data"][0]["new_name"] == NEW_NAME
    assert "new: the analyst will review this organisation" in _text(new[E.ADDED_ROWS])
    forged = add(client, "/enquete/forged.token", pick=OTHER)
    assert forged[E.ADD_MESSAGE]["children"].startswith("Deze link is niet geldig")


def test_the_pages_token_survives_a_restart_and_its_cookie_stays_on_the_questionnaire(
    store: SqliteStore, round_id: str, tmp_path: Path
) -> None:
    """Without KETENKAART_SECRET_KEY the login key is new at every start; the questionnaire's token
    is signed with the link key (kept in the data folder), so an open page still saves."""
    settings = Settings(data_dir=tmp_path)
    before, after = create_app(settings, store), create_app(settings, store)
    path = "/enquete/" + make_token(link_secret(settings), round_id, ORG)
    client = before.server.test_client()
    page = render(client, path)
    cookie = client.get_cookie(COOKIE, path="/enquete/")
    assert cookie is not None
    assert cookie.http_only
    assert cookie.same_site == "Strict"
    partner = _shown_partners(page[E.PAGE])[0]
    restarted = after.server.test_client()
    restarted.set_cookie(COOKIE, cookie.value, path="/enquete/")
    saved = store_answers(restarted, path, page[E.CSRF]["data"], {"status": {partner: "rejected"}})
    assert saved.status_code == 200
    assert [t.status for t in store.response_history(round_id, ORG)[-1].ties] == [TieStatus.REJECTED]


# ---------------------------------------------------------------- section 4: proposing corrections


def propose(
    client: FlaskClient,
    path: str,
    token: str | None,
    fields: dict[str, Any],
    *,
    lang: str = "nl",
) -> Any:
    """Press "Wijziging voorstellen" with ``fields`` (name, areas, expertise, contact) on the page."""
    spec = _spec(client, "enquete-org-message.children")
    wildcard = [{"id": {"type": E.ORG_ERROR, "field": f}, "property": "children"} for f in ORG_FIELDS]
    body = {
        "output": spec["output"],
        "outputs": _outputs(spec, wildcard),
        "inputs": [{"id": E.ORG_PROPOSE, "property": "n_clicks", "value": 1}],
        "changedPropIds": [f"{E.ORG_PROPOSE}.n_clicks"],
        "state": [
            {"id": E.URL, "property": "pathname", "value": path},
            {"id": E.CSRF, "property": "data", "value": token},
            {"id": E.LANG, "property": "value", "value": lang},
            {"id": E.ORG_NAME, "property": "value", "value": fields.get("name")},
            {"id": E.ORG_AREAS, "property": "value", "value": fields.get("areas")},
            {"id": E.ORG_EXPERTISE, "property": "value", "value": fields.get("expertise")},
            {"id": E.ORG_CONTACT, "property": "value", "value": fields.get("contact")},
        ],
    }
    return client.post("/enquete/_dash-update-component", json=body)


ORG_FIELDS: Final = ("name", "areas", "expertise", "contact")
CONTACT: Final = "info@welzijn-ketendam.example"


def _record(store: SqliteStore) -> dict[str, Any]:
    """The fields of section 4 as the page shows them for ORG (its contact set by an analyst)."""
    org = next(o for o in store.snapshot().organisations if o.id == ORG)
    return {
        "name": org.name,
        "areas": list(org.areas),
        "expertise": "; ".join(org.expertise),
        "contact": CONTACT,
    }


def _org_error(body: dict[str, Any], field: str) -> str:
    slot = json.dumps({"field": field, "type": E.ORG_ERROR}, separators=(",", ":"))
    return str(body[slot]["children"])


@pytest.fixture
def with_contact(store: SqliteStore) -> SqliteStore:
    set_contact(store, ORG, CONTACT, by="ana", at=NOW)
    return store


def test_proposing_a_changed_name_and_areas_stores_one_pending_change_of_those_fields(
    app: Dash, with_contact: SqliteStore, round_id: str
) -> None:
    store, client, path = with_contact, app.server.test_client(), link(round_id)
    page = render(client, path)
    shown = _text(page[E.PAGE])
    assert "4. Uw gegevens" in shown
    assert CONTACT in shown  # the accepted contact is on the page, editable
    record = _record(store)
    new_name = 'Welzijn "Ketendam" & co (< 18 jaar)'
    fields = {**record, "name": new_name, "areas": record["areas"][1:]}
    before = len(store.proposed_changes())
    answer = propose(client, path, page[E.CSRF]["data"], fields)
    assert answer.status_code == 200
    body = json.loads(answer.data)["response"]
    assert "Verstuurd naar de analist ter beoordeling." in _text(body[E.ORG_MESSAGE])
    assert new_name in _text(body[E.ORG_PENDING])
    pending = [c for c in store.proposed_changes(ChangeStatus.PENDING) if c.organisation == ORG]
    assert len(store.proposed_changes()) == before + 1
    assert len(pending) == 1
    assert dict(pending[0].fields) == {"name": new_name, "areas": ";".join(record["areas"][1:])}
    assert pending[0].by == "link"
    # back with the same link, in English: the proposal is shown as waiting, the record unchanged
    again = _text(render(client, path, "en")[E.PAGE])
    assert "4. Your organisation's details" in again
    assert "is waiting for the analyst" in again
    assert new_name in again  # as text; Dash escapes it in the browser
    assert next(o.name for o in store.snapshot().organisations if o.id == ORG) == record["name"]


def test_proposing_nothing_changed_says_so_and_stores_nothing(
    app: Dash, with_contact: SqliteStore, round_id: str
) -> None:
    store, client, path = with_contact, app.server.test_client(), link(round_id)
    token = render(client, path)[E.CSRF]["data"]
    record = _record(store)
    before = store.proposed_changes()
    same = {**record, "name": "  " + record["name"].replace(" ", "  "), "areas": record["areas"][::-1]}
    for lang, expected in (("nl", "U hebt niets gewijzigd"), ("en", "You changed nothing")):
        body = json.loads(propose(client, path, token, same, lang=lang).data)["response"]
        assert expected in _text(body[E.ORG_MESSAGE])
    assert store.proposed_changes() == before


@pytest.mark.parametrize(
    ("lang", "field", "value", "expected"),
    [
        ("nl", "name", "<b>Ketendam</b>", "Gebruik hier gewone tekst, zonder HTML"),
        ("en", "name", "<script>alert(1)</script>", "Use plain text here, without HTML"),
        ("en", "expertise", "schuldhulp; " + "x" * 200, "This text is too long: 200 characters at most."),
        ("nl", "name", "y" * 201, "Deze tekst is te lang: hooguit 200 tekens."),
        ("nl", "contact", "geen adres", "Dit is geen e-mailadres"),
        ("en", "areas", ["WK990101", "WK999999"], "Choose areas from the list."),
    ],
)
def test_a_refused_value_is_shown_next_to_its_field_and_nothing_is_stored(
    app: Dash, with_contact: SqliteStore, round_id: str, lang: str, field: str, value: Any, expected: str
) -> None:
    store, client, path = with_contact, app.server.test_client(), link(round_id)
    token = render(client, path, lang)[E.CSRF]["data"]
    before = store.proposed_changes()
    fields = {**_record(store), "name": "Welzijn Ketendam", field: value}
    body = json.loads(propose(client, path, token, fields, lang=lang).data)["response"]
    assert expected in _org_error(body, field)
    assert all(_org_error(body, other) == "" for other in ORG_FIELDS if other != field)
    assert ("Niet verstuurd" if lang == "nl" else "Not sent") in _text(body[E.ORG_MESSAGE])
    assert E.ORG_PENDING not in body
    assert store.proposed_changes() == before


def test_proposing_without_the_pages_csrf_token_is_refused_and_stores_nothing(
    app: Dash, with_contact: SqliteStore, round_id: str
) -> None:
    store, client, path = with_contact, app.server.test_client(), link(round_id)
    token = render(client, path)[E.CSRF]["data"]
    other = render(client, link(round_id, OTHER))[E.CSRF]["data"]
    before = store.proposed_changes()
    fields = {**_record(store), "name": "Welzijn Ketendam"}
    for bad in (None, "", "not-a-token", token[:-2] + "xx", other):
        assert propose(client, path, bad, fields).status_code == 403, bad
    assert propose(app.server.test_client(), path, token, fields).status_code == 403  # another browser
    assert store.proposed_changes() == before
    assert propose(client, path, token, fields).status_code == 200
    assert len(store.proposed_changes()) == len(before) + 1


def test_the_same_proposal_twice_leaves_one_pending_change(
    app: Dash, with_contact: SqliteStore, round_id: str
) -> None:
    store, client, path = with_contact, app.server.test_client(), link(round_id)
    token = render(client, path)[E.CSRF]["data"]
    fields = {**_record(store), "expertise": "schuldhulp; mantelzorg", "contact": "Zorg@Ketendam.EXAMPLE"}
    first = json.loads(propose(client, path, token, fields).data)["response"]
    assert "Verstuurd" in _text(first[E.ORG_MESSAGE])
    second = json.loads(propose(client, path, token, fields, lang="en").data)["response"]
    assert "already with the analyst" in _text(second[E.ORG_MESSAGE])
    pending = [c for c in store.proposed_changes(ChangeStatus.PENDING) if c.organisation == ORG]
    assert len(pending) == 1
    assert dict(pending[0].fields) == {
        "contact": "Zorg@ketendam.example",
        "expertise": "schuldhulp;mantelzorg",
    }
    assert _text(second[E.ORG_PENDING]).count("is waiting for the analyst") == 1
    # rejected by the analyst, the same proposal may be made again
    reject(store, pending[0].id, by="ana", at=NOW, reason="klopt niet")
    third = json.loads(propose(client, path, token, fields).data)["response"]
    assert "Verstuurd" in _text(third[E.ORG_MESSAGE])
    assert len([c for c in store.proposed_changes(ChangeStatus.PENDING) if c.organisation == ORG]) == 1


def _nodes(tree: object) -> Iterator[dict[str, Any]]:
    """Every component in a rendered component tree (JSON)."""
    if isinstance(tree, list):
        for item in tree:
            yield from _nodes(item)
    elif isinstance(tree, dict):
        if "type" in tree and "props" in tree:
            yield tree
        for value in tree.values():
            yield from _nodes(value)


def test_the_partner_sees_its_proposals_decided_in_this_round_with_the_reason_of_a_rejection(
    app: Dash, with_contact: SqliteStore, round_id: str
) -> None:
    store, client, path = with_contact, app.server.test_client(), link(round_id)
    # decided before this round opened: not shown (nor the analyst's own entry of the contact)
    old = corrections.propose(
        store, ORG, {"expertise": "oud onderwerp"}, by="link", at="2026-11-01T09:00:00+00:00"
    )
    reject(store, old.id, by="ana", at="2026-11-02T09:00:00+00:00", reason="vorige ronde beoordeeld")
    token = render(client, path)[E.CSRF]["data"]
    new_name = "Welzijn Ketendam Noord"
    assert propose(client, path, token, {**_record(store), "name": new_name}).status_code == 200
    named = next(c for c in store.proposed_changes(ChangeStatus.PENDING) if c.organisation == ORG)
    accepted_at = datetime.now(UTC).isoformat(timespec="seconds")
    accept(store, named.id, by="ana", at=accepted_at)
    assert propose(client, path, token, {**_record(store), "expertise": "ruzie; buren"}).status_code == 200
    topic = next(c for c in store.proposed_changes(ChangeStatus.PENDING) if c.organisation == ORG)
    reason = 'Valt onder "Buurtbemiddeling" & co (< 18 jaar)'
    rejected_at = datetime.now(UTC).isoformat(timespec="seconds")
    reject(store, topic.id, by="ana", at=rejected_at, reason=reason)
    waiting = {**_record(store), "contact": "nieuw@ketendam.example"}
    assert propose(client, path, token, waiting).status_code == 200

    cases = (
        (
            "nl",
            "Beoordeeld door de analist",
            "is op {} overgenomen",
            "is op {} afgewezen",
            "Reden van de analist:",
        ),
        (
            "en",
            "Reviewed by the analyst",
            "was accepted on {}",
            "was rejected on {}",
            "The analyst's reason:",
        ),
    )
    for lang, title, accepted, rejected, why in cases:
        page = render(client, path, lang)[E.PAGE]
        shown = _text(page)
        assert title in shown
        assert accepted.format(moment(accepted_at, lang)) in shown
        assert rejected.format(moment(rejected_at, lang)) in shown
        assert new_name in shown
        assert "ruzie; buren" in shown
        assert shown.count(why) == 1  # the rejection's reason; none for the accepted proposal
        # the reason is a text child of a plain paragraph: Dash shows it as text, markup and all
        paragraphs = [n["props"].get("children") for n in _nodes(page) if n["type"] == "P"]
        assert f"{why} {reason}" in paragraphs
        assert "nieuw@ketendam.example" in shown  # still waiting, listed as such
        assert "vorige ronde" not in shown
        assert "oud onderwerp" not in shown
        decided = [n for n in _nodes(page) if "enq-decided " in str(n["props"].get("className"))]
        assert len(decided) == 2  # not the contact the analyst entered herself
