"""Twenty partners submitting at once to the served app lose no answer and duplicate none,
on SQLite and on Neo4j; submitting the same answers twice changes nothing.

``ketenkaart serve`` runs in a subprocess on the demo municipality, once on a SQLite file and
once with its database setting on the real Neo4j server at ``NEO4J_URI`` (``.ci/run`` starts
one; without it the Neo4j run is skipped here and fails in CI). Each partner is a thread with
its own cookie jar, talking to the questionnaire's real callback route as the page's script
does: it opens its invitation link (which gives the page's CSRF token), waits until all twenty
are ready, then submits its answers twice. No browser is needed for that, so these tests run
where Chromium does not.
"""

from __future__ import annotations

import http.cookiejar
import json
import os
import threading
import urllib.request
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import AbstractContextManager
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any, Final

import pytest

from app.settings import Settings
from app.survey.links import link_secret, make_token
from app.survey.rounds import open_round
from graph.model import Ecosystem
from graph.survey import Response
from queries.base import Store
from queries.registry import open_store
from queries.sqlite import SqliteStore
from tests.app.browser import running_server
from tests.app.web.pages.test_enquete import _form_state, _outputs
from tests.conftest import neo4j_options, neo4j_uri
from tests.neo4j.conftest import open_neo4j

pytestmark = pytest.mark.slow
PARTNERS: Final = 20
NOW: Final = "2026-12-06T10:00:00+00:00"
STORES: Final = ["sqlite", pytest.param("neo4j", marks=pytest.mark.neo4j)]


@dataclass(frozen=True)
class Served:
    """The served app, its link key, the open round and how to open its database."""

    url: str
    secret: str
    round_id: str
    invited: tuple[str, ...]
    database: Callable[[], AbstractContextManager[Store]]

    def path(self, organisation: str) -> str:
        return f"/enquete/{make_token(self.secret, self.round_id, organisation)}"

    def history(self, organisation: str) -> list[Response]:
        with self.database() as store:
            return store.response_history(self.round_id, organisation)


def _open_round(store: Store) -> tuple[str, tuple[str, ...]]:
    today = date.today()
    opened = open_round(store, "Najaar", today + timedelta(days=14), today=today, now=NOW, by="ana")
    return opened.id, opened.invited


def _neo4j_env() -> dict[str, str]:
    """The settings that let ``ketenkaart serve`` log in to the server at NEO4J_URI."""
    options = neo4j_options()
    env = {"KETENKAART_NEO4J_USER": options.user, "KETENKAART_NEO4J_PASSWORD": options.password or ""}
    if options.database:
        env["KETENKAART_NEO4J_DATABASE"] = options.database
    return env


@pytest.fixture(scope="module", params=STORES)
def served(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory, demo: Ecosystem
) -> Iterator[Served]:
    """The demo served from a SQLite file or from Neo4j, with one round open on it."""
    folder = tmp_path_factory.mktemp(f"served-{request.param}")
    env = {k: v for k, v in os.environ.items() if not k.startswith("KETENKAART_")} | {
        "KETENKAART_DATA_DIR": str(folder / "data")
    }
    secret = link_secret(Settings(data_dir=folder / "data"))  # the server reads the same key file
    if request.param == "sqlite":
        file = folder / "demo.sqlite"
        with SqliteStore(file) as store:
            store.apply(demo)
            round_id, invited = _open_round(store)
        env["KETENKAART_DATABASE"] = str(file)
        with running_server(str(file), env) as url:
            yield Served(url, secret, round_id, invited, lambda: SqliteStore(file))
        return
    with open_neo4j() as store:  # emptied first; the Neo4j tests clear the database they use
        try:
            store.apply(demo)
            round_id, invited = _open_round(store)
            env |= {"KETENKAART_DATABASE": neo4j_uri(), **_neo4j_env()}
            with running_server(neo4j_uri(), env) as url:
                yield Served(url, secret, round_id, invited, lambda: open_store(neo4j_uri(), neo4j_options()))
        finally:
            store.clear()


def _post(opener: urllib.request.OpenerDirector, url: str, body: dict[str, Any]) -> dict[str, Any]:
    request = urllib.request.Request(  # noqa: S310 (our own local server)
        url + "/enquete/_dash-update-component",
        data=json.dumps(body).encode("utf-8"),
        headers={"Content-Type": "application/json"},
    )
    with opener.open(request, timeout=120) as answer:
        data: dict[str, Any] = json.loads(answer.read())
        return data


def _page_body(spec: dict[str, Any], path: str) -> dict[str, Any]:
    """Drawing the questionnaire for ``path``, as the page does when the link is opened."""
    return {
        "output": spec["output"],
        "outputs": _outputs(spec, []),
        "inputs": [
            {"id": "enquete-url", "property": "pathname", "value": path},
            {"id": "enquete-lang", "property": "value", "value": "nl"},
        ],
        "changedPropIds": ["enquete-url.pathname"],
        "state": [{"id": "enquete-csrf", "property": "data", "value": None}, *_form_state({}, [])],
    }


def _submit_body(spec: dict[str, Any], path: str, token: str, added: list[dict[str, str]]) -> dict[str, Any]:
    """Pressing "send" with the ties in ``added`` as the answers."""
    slots = [{"id": {"type": "enquete-tie-error", "key": a["key"]}, "property": "children"} for a in added]
    return {
        "output": spec["output"],
        "outputs": _outputs(spec, slots),
        "inputs": [
            {"id": "enquete-save", "property": "n_clicks", "value": 0},
            {"id": "enquete-submit", "property": "n_clicks", "value": 1},
        ],
        "changedPropIds": ["enquete-submit.n_clicks"],
        "state": [
            {"id": "enquete-url", "property": "pathname", "value": path},
            {"id": "enquete-csrf", "property": "data", "value": token},
            {"id": "enquete-lang", "property": "value", "value": "nl"},
            *_form_state({}, added),
        ],
    }


def _new_name(organisation: str) -> str:
    return f"Buurtkamer van {organisation}"


def test_twenty_partners_submitting_at_once_lose_no_answer_and_duplicate_none(served: Served) -> None:
    with urllib.request.urlopen(served.url + "/enquete/_dash-dependencies") as answer:  # noqa: S310 (local)
        specs = json.loads(answer.read())
    page_spec = next(s for s in specs if "enquete-page.children" in s["output"])
    submit_spec = next(s for s in specs if "enquete-message.children" in s["output"])
    partners = list(served.invited[:PARTNERS])
    assert len(partners) == PARTNERS
    ready = threading.Barrier(PARTNERS)

    def partner_submits(organisation: str) -> list[bool]:
        """Open the link, then (all together) send the answers twice; whether each was taken."""
        opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))
        path = served.path(organisation)
        token = _post(opener, served.url, _page_body(page_spec, path))["response"]["enquete-csrf"]["data"]
        added = [{"key": "a1", "partner": "", "new_name": _new_name(organisation), "name": ""}]
        body = _submit_body(submit_spec, path, token, added)
        ready.wait(timeout=300)
        return [_post(opener, served.url, body)["response"]["enquete-form"]["hidden"] for _ in range(2)]

    with ThreadPoolExecutor(max_workers=PARTNERS) as pool:
        taken = list(pool.map(partner_submits, partners))
    assert taken == [[True, True]] * PARTNERS  # every partner saw "thank you", both times
    with served.database() as store:
        latest = {r.organisation: r for r in store.responses(served.round_id)}
        histories = {org: store.response_history(served.round_id, org) for org in partners}
    latest.pop(served.invited[PARTNERS], None)  # the test below answers for that one
    assert sorted(latest) == sorted(partners)  # no answer lost, none from anyone else
    assert {org: [(r.version, r.submitted) for r in h] for org, h in histories.items()} == {
        org: [(1, True)]
        for org in partners  # sent twice, stored once
    }
    assert {org: [(t.partner, t.new_name) for t in r.ties] for org, r in latest.items()} == {
        org: [("", _new_name(org))]
        for org in partners  # each partner's own answer, not another's
    }


def test_submitting_the_same_answers_again_later_changes_nothing(served: Served) -> None:
    with urllib.request.urlopen(served.url + "/enquete/_dash-dependencies") as answer:  # noqa: S310 (local)
        specs = json.loads(answer.read())
    page_spec = next(s for s in specs if "enquete-page.children" in s["output"])
    submit_spec = next(s for s in specs if "enquete-message.children" in s["output"])
    organisation = served.invited[PARTNERS]  # not one of the twenty
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))
    path = served.path(organisation)
    added = [{"key": "a1", "partner": "", "new_name": _new_name(organisation), "name": ""}]
    for _ in range(2):  # a new visit each time: the page is drawn again, prefilled
        token = _post(opener, served.url, _page_body(page_spec, path))["response"]["enquete-csrf"]["data"]
        sent = _post(opener, served.url, _submit_body(submit_spec, path, token, added))
        assert sent["response"]["enquete-form"]["hidden"] is True
    assert [(r.version, r.submitted) for r in served.history(organisation)] == [(1, True)]
