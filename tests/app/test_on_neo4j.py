"""The explorer works unchanged on the Neo4j store: every page renders as on SQLite.

The Neo4j store runs on the driver double holding the demo municipality (no server runs
in CI); the SQLite store is the real one. Same data in, so the same pages out.
"""

from __future__ import annotations

import json
from typing import cast

import pytest
from dash import Dash
from neo4j import Driver
from plotly.utils import PlotlyJSONEncoder

from app.access import ANALYST
from app.settings import Settings
from app.web.factory import create_app
from app.web.pages import PAGES, Page, wijken
from graph.model import Ecosystem
from queries.neo4j import Neo4jStore
from tests.app.conftest import request_as
from tests.queries.neo4j_double import RecordingDriver


@pytest.fixture(scope="module")
def neo4j_app(demo: Ecosystem) -> Dash:
    return create_app(Settings(), Neo4jStore(cast(Driver, RecordingDriver(held=demo))))


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
