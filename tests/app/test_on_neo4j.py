"""The explorer works unchanged on the Neo4j store: every page renders as on SQLite.

The demo municipality is loaded into the real Neo4j server at NEO4J_URI (`.ci/run` starts
one; the database is cleared before and after) and into SQLite. Same data in, so the same
pages out, compared as the JSON each page's layout serialises to.
"""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest
from dash import Dash
from plotly.utils import PlotlyJSONEncoder

from app.access import ANALYST
from app.settings import Settings
from app.web.factory import create_app
from app.web.pages import PAGES, Page, wijken
from graph.model import Ecosystem
from tests.app.conftest import request_as
from tests.neo4j.conftest import open_neo4j

pytestmark = pytest.mark.neo4j


@pytest.fixture(scope="module")
def neo4j_app(demo: Ecosystem) -> Iterator[Dash]:
    with open_neo4j() as store:
        store.apply(demo)
        try:
            yield create_app(Settings(), store)
        finally:
            store.clear()


def _rendered(app: Dash, page: Page) -> str:
    with request_as(app):
        return json.dumps(page.layout("nl", ANALYST), cls=PlotlyJSONEncoder, sort_keys=True)


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.path)
def test_every_page_renders_on_neo4j_as_on_sqlite(demo_app: Dash, neo4j_app: Dash, page: Page) -> None:
    assert _rendered(neo4j_app, page) == _rendered(demo_app, page)


def _wijken_body(app: Dash) -> str:
    with request_as(app):
        return json.dumps(wijken.wijken({"areas": []}, "nl"), cls=PlotlyJSONEncoder, sort_keys=True)


def test_the_wijken_page_body_on_neo4j_is_as_on_sqlite(demo_app: Dash, neo4j_app: Dash) -> None:
    body = _wijken_body(neo4j_app)
    assert body == _wijken_body(demo_app)
    assert "Havenkwartier" in body
    assert '"fill": "toself"' in body  # the demo's boundaries came through the store
