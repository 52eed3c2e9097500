"""Login and roles, enforced on the server: real app, real Flask client, real Dash callback requests."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from flask.testing import FlaskClient

from app.access import Role
from app.cli.main import cli
from app.settings import Settings
from app.users import add_user, read_users
from app.web.factory import create_app
from graph.errors import ConfigError
from graph.model import Ecosystem
from queries.sqlite import SqliteStore
from tests.app.conftest import users_with

PASSWORD = "wachtwoord-123"


@pytest.fixture
def client(demo_store: SqliteStore) -> FlaskClient:
    users = users_with(("ana", "analist", None), ("piet", "partner", "ORG0043"))
    test_client: FlaskClient = create_app(Settings(), demo_store, users=users).server.test_client()
    return test_client


def login(client: FlaskClient, name: str, password: str = PASSWORD) -> int:
    return client.post("/login", data={"name": name, "password": password}).status_code


def render(client: FlaskClient, pathname: str, lang: str = "nl") -> Any:
    """Ask the router for a page exactly as the browser does."""
    body = {
        "output": "shell-page.children",
        "outputs": {"id": "shell-page", "property": "children"},
        "inputs": [
            {"id": "shell-route", "property": "data", "value": {"path": pathname, "search": ""}},
            {"id": "shell-lang", "property": "value", "value": lang},
        ],
        "changedPropIds": ["shell-route.data"],
        "state": [],
    }
    return client.post("/_dash-update-component", json=body)


def test_without_users_everyone_is_an_analyst(demo_store: SqliteStore) -> None:
    client = create_app(Settings(), demo_store).server.test_client()
    assert client.get("/").status_code == 200
    page = render(client, "/kansen")
    assert page.status_code == 200
    assert "kansen-page" in page.get_data(as_text=True)
    assert "password" not in client.get("/login").get_data(as_text=True)  # no login form without users


def test_every_data_route_needs_a_login(client: FlaskClient) -> None:
    assert client.get("/").status_code == 302
    assert client.get("/").headers["Location"].endswith("/login")
    assert client.get("/_dash-layout").status_code == 401
    assert client.get("/_dash-dependencies").status_code == 401
    assert render(client, "/").status_code == 401
    assert client.get("/login").status_code == 200


def test_a_wrong_password_is_refused_and_the_name_is_escaped(client: FlaskClient) -> None:
    refused = client.post("/login", data={"name": "<script>x()</script>", "password": "nope"})
    assert refused.status_code == 401
    text = refused.get_data(as_text=True)
    assert "&lt;script&gt;x()&lt;/script&gt;" in text
    assert "<script>x()" not in text
    assert login(client, "ana", "wrong-password") == 401
    assert client.get("/_dash-layout").status_code == 401


def test_an_analyst_opens_every_page(client: FlaskClient) -> None:
    assert login(client, "ana") == 302
    assert client.get("/_dash-layout").status_code == 200
    for path, page_id in [
        ("/kansen", "kansen-page"),
        ("/wijken", "wijken-page"),
        ("/gegevens", "gegevens-page"),
        ("/rondes", "rondes-page"),
        ("/", "kaart-page"),
    ]:
        assert page_id in render(client, path).get_data(as_text=True)


@pytest.mark.parametrize("path", ["/overzicht", "/knelpunten", "/kansen", "/wijken", "/gegevens", "/rondes"])
def test_a_partner_never_receives_an_analyst_page(client: FlaskClient, path: str) -> None:
    assert login(client, "piet") == 302
    response = render(client, path)
    assert response.status_code == 200
    text = response.get_data(as_text=True)
    assert "niet beschikbaar" in text
    assert path.strip("/") + "-page" not in text


def test_a_partner_does_not_see_analyst_navigation(client: FlaskClient) -> None:
    login(client, "piet")
    body = {
        "output": "..shell-nav.children...shell-user.children...shell-area-label.children..."
        "shell-layers-label.children...shell-period-label.children...shell-menu.children..."
        "shell-filter-toggle.children..",
        "outputs": [
            {"id": i, "property": "children"}
            for i in [
                "shell-nav",
                "shell-user",
                "shell-area-label",
                "shell-layers-label",
                "shell-period-label",
                "shell-menu",
                "shell-filter-toggle",
            ]
        ],
        "inputs": [
            {"id": "shell-lang", "property": "value", "value": "en"},
            {"id": "shell-url", "property": "pathname", "value": "/"},
        ],
        "changedPropIds": ["shell-lang.value"],
        "state": [],
    }
    response = json.loads(client.post("/_dash-update-component", json=body).get_data(as_text=True))
    links = [link["props"]["href"] for link in response["response"]["shell-nav"]["children"]]
    assert links == ["/", "/koffie", "/gids"]
    assert "piet (partner)" in json.dumps(response["response"]["shell-user"])


def test_logout_ends_the_session(client: FlaskClient) -> None:
    login(client, "ana")
    assert client.get("/logout").status_code == 302
    assert client.get("/_dash-layout").status_code == 401


def test_users_file_round_trip(tmp_path: Path) -> None:
    path = tmp_path / "users.toml"
    add_user(path, "ana", PASSWORD, Role.ANALIST)
    add_user(path, "piet", "een-ander-wachtwoord", Role.PARTNER, "ORG0043")
    users = read_users(path)
    assert users.authenticate("piet", "een-ander-wachtwoord") == users.viewer("piet")
    assert users.authenticate("piet", PASSWORD) is None
    assert users.viewer("piet") is not None
    assert users.viewer("piet").organisation == "ORG0043"  # type: ignore[union-attr]
    assert PASSWORD not in path.read_text()
    assert path.stat().st_mode & 0o077 == 0


@pytest.mark.parametrize(
    ("password", "role", "organisation"),
    [("kort", Role.ANALIST, None), (PASSWORD, Role.PARTNER, None)],
)
def test_users_file_refuses_weak_entries(
    tmp_path: Path, password: str, role: Role, organisation: str | None
) -> None:
    with pytest.raises(ConfigError):
        add_user(tmp_path / "users.toml", "x", password, role, organisation)
    assert not (tmp_path / "users.toml").exists()


def test_a_broken_users_file_is_a_config_error(tmp_path: Path) -> None:
    path = tmp_path / "users.toml"
    path.write_text('[users.ana]\nrole = "baas"\npassword_hash = "x"\n')
    with pytest.raises(ConfigError, match="ana"):
        read_users(path)


def test_user_add_command_prompts_for_the_password(tmp_path: Path, demo: Ecosystem) -> None:
    path = tmp_path / "users.toml"
    database = tmp_path / "demo.sqlite"
    with SqliteStore(database) as store:
        store.apply(demo)
    partner = [
        "user",
        "add",
        "piet",
        "--role",
        "partner",
        "--users-file",
        str(path),
        "--database",
        str(database),
    ]
    unknown = CliRunner().invoke(
        cli, [*partner, "--organisation", "ORG9999"], input=f"{PASSWORD}\n{PASSWORD}\n"
    )
    assert unknown.exit_code == 2
    assert "no organisation ORG9999" in unknown.output
    result = CliRunner().invoke(
        cli, [*partner, "--organisation", "ORG0043"], input=f"{PASSWORD}\n{PASSWORD}\n"
    )
    assert result.exit_code == 0, result.output
    assert read_users(path).authenticate("piet", PASSWORD) is not None
    short = CliRunner().invoke(
        cli, ["user", "add", "x", "--role", "analist", "--users-file", str(path)], input="kort\nkort\n"
    )
    assert short.exit_code == 2
    assert "10 characters" in short.output


def test_a_users_file_in_the_data_folder_switches_login_on_and_changes_need_no_restart(
    tmp_path: Path, demo_store: SqliteStore
) -> None:
    settings = Settings()  # KETENKAART_DATA_DIR is tmp_path / "data" in the tests
    client = create_app(settings, demo_store).server.test_client()
    assert client.get("/").status_code == 200  # no users file: one local user, no login
    add_user(settings.users_path(), "anna", PASSWORD, Role.ANALIST)
    assert client.get("/").status_code == 302  # the file exists: everyone logs in
    assert login(client, "bert") == 401
    add_user(settings.users_path(), "bert", PASSWORD, Role.ANALIST)  # added while the app runs
    assert login(client, "bert") == 302
    settings.users_path().unlink()
    assert client.get("/", follow_redirects=False).status_code in (200, 302)
    fresh = create_app(settings, demo_store).server.test_client()
    assert fresh.get("/").status_code == 200
