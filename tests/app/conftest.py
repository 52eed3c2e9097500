"""Fixtures for the explorer: the demo municipality in a real store, real apps, callback context."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from dash import Dash
from dash._callback_context import context_value
from dash._utils import AttributeDict
from werkzeug.security import generate_password_hash

from app.access import Role, Viewer
from app.settings import Settings
from app.users import User, Users
from app.web.auth import sign_in
from app.web.factory import create_app
from graph.model import Ecosystem
from queries.sqlite import SqliteStore


@pytest.fixture(scope="session")
def demo_store(demo: Ecosystem) -> Iterator[SqliteStore]:
    """The demo municipality in a real in-memory SQLite store, loaded once per session (read only)."""
    store = SqliteStore()
    store.apply(demo)
    yield store
    store.close()


@pytest.fixture
def demo_app(demo_store: SqliteStore) -> Dash:
    """The explorer on the demo store, without login (the viewer is an analyst)."""
    return create_app(Settings(), demo_store)


@contextmanager
def request_as(app: Dash, user: str | None = None, **triggered: Any) -> Iterator[None]:
    """Run callbacks as plain functions inside a request of ``app``, logged in as ``user``.

    ``triggered`` names the ``ctx.triggered_id`` a callback sees (``triggered_id="x"``).
    """
    with app.server.test_request_context("/_dash-update-component", method="POST"):
        if user is not None:
            sign_in(user)
        trigger = triggered.get("triggered_id")
        prop = [{"prop_id": f"{trigger}.n_clicks", "value": 1}] if trigger else []
        token = context_value.set(
            AttributeDict(triggered_inputs=prop, inputs_list=[], states_list=[], outputs_list=[])
        )
        try:
            yield
        finally:
            context_value.reset(token)


def users_with(*entries: tuple[str, str, str | None]) -> Users:
    """Users (name, role, organisation) that all have the password ``"wachtwoord-123"``."""
    password = generate_password_hash("wachtwoord-123", method="pbkdf2:sha256:1000")
    return Users({name: User(Viewer(name, Role(role), org), password) for name, role, org in entries})
