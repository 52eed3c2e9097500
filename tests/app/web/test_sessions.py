"""Sessions that end on the server, login throttling with constant work, exact public paths, headers."""

from __future__ import annotations

import contextlib
import socket
import threading
import time
from collections.abc import Iterator

import pytest
import werkzeug.security
from flask.testing import FlaskClient
from waitress.server import create_server

from app.settings import Settings
from app.web import auth
from app.web.factory import create_app
from app.web.serving import secure_cookies, server_options
from app.web.sessions import NAME_FAILURES, Sessions, Throttle
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


def test_a_cookie_copied_before_logout_no_longer_works(client: FlaskClient) -> None:
    assert login(client, "ana") == 302
    cookie = client.get_cookie("session")
    assert cookie is not None
    assert client.get("/_dash-layout").status_code == 200
    client.get("/logout")
    thief = client.application.test_client()  # another browser, holding the copied cookie
    thief.set_cookie("session", cookie.value)
    assert thief.get("/_dash-layout").status_code == 401


def test_a_session_ends_after_being_idle_or_too_old() -> None:
    now = [0.0]
    sessions = Sessions(clock=lambda: now[0], idle=10, lifetime=100)
    sid = sessions.start("ana")
    now[0] = 9
    assert sessions.user(sid) == "ana"
    now[0] = 20
    assert sessions.user(sid) is None
    busy = sessions.start("ana")
    for t in range(25, 130, 5):
        now[0] = t
        if sessions.user(busy) is None:
            break
    assert now[0] > 100
    assert sessions.user(busy) is None
    other = sessions.start("piet")
    sessions.end_user("piet")
    assert sessions.user(other) is None
    assert sessions.user(None) is None


def test_wrong_passwords_lock_the_name_even_for_the_right_password(client: FlaskClient) -> None:
    for _ in range(NAME_FAILURES):
        assert login(client, "ana", "fout-wachtwoord") == 401
    locked = client.post("/login", data={"name": "ana", "password": PASSWORD})
    assert locked.status_code == 429
    assert "Retry-After" in locked.headers
    assert client.get("/_dash-layout").status_code == 401
    assert login(client, "piet") == 302  # another name from the same address is not locked yet


def test_an_unknown_name_locks_exactly_like_a_known_one(client: FlaskClient) -> None:
    for _ in range(NAME_FAILURES):
        assert login(client, "niemand", "fout-wachtwoord") == 401
    assert login(client, "niemand", "fout-wachtwoord") == 429


def test_the_lock_ends_and_many_addresses_are_locked_too() -> None:
    now = [0.0]
    throttle = Throttle(clock=lambda: now[0], window=60, lockout=300, name_failures=3, address_failures=5)
    for _ in range(3):
        throttle.failed("ana", "10.0.0.1")
    assert not throttle.allowed("ana", "10.0.0.9")
    now[0] = 301
    assert throttle.allowed("ana", "10.0.0.9")
    for name in "abcde":
        throttle.failed(name, "10.0.0.2")
    assert not throttle.allowed("zed", "10.0.0.2")
    assert throttle.allowed("zed", "10.0.0.3")


def test_every_login_answer_costs_one_password_hash(
    client: FlaskClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Known name, unknown name, wrong password, locked name: one hash each, so the timing is alike."""
    calls: list[str] = []
    real = werkzeug.security.check_password_hash

    def counting(hashed: str, password: str) -> bool:
        calls.append(password)
        return real(hashed, password)

    monkeypatch.setattr("app.web.auth.check_password_hash", counting)
    monkeypatch.setattr("app.users.check_password_hash", counting)
    for name, password in [("ana", "fout-1"), ("niemand", "fout-2"), ("ana", PASSWORD)]:
        calls.clear()
        client.post("/login", data={"name": name, "password": password})
        assert len(calls) == 1, name
    for _ in range(NAME_FAILURES):
        client.post("/login", data={"name": "niemand", "password": "x"})
    calls.clear()
    assert login(client, "niemand", "x") == 429
    assert len(calls) == 1


@pytest.mark.parametrize(
    "path",
    ["/login/../_dash-layout", "/loginfoo/x", "/assets/../_dash-layout", "/assets//x", "/_favicon.ico/x"],
)
def test_public_paths_match_exactly(client: FlaskClient, path: str) -> None:
    response = client.get(path)
    assert response.status_code in (302, 401)
    if response.status_code == 302:
        assert response.headers["Location"].endswith("/login")


def test_public_paths() -> None:
    assert [auth.is_public(p) for p in ("/login", "/_favicon.ico", "/assets/app.css")] == [True] * 3
    assert not any(auth.is_public(p) for p in ("/", "/login/", "/assets/a\\..\\b", "/assets/./x"))


def test_a_bad_asset_path_is_404_not_500(client: FlaskClient) -> None:
    for path in ("/_dash-component-suites/nope/x.js", "/_dash-component-suites/dash/no-such-file.js"):
        assert client.get(path).status_code == 404


def test_frames_and_foreign_scripts_are_refused_by_header(client: FlaskClient) -> None:
    for path in ("/login", "/"):
        headers = client.get(path).headers
        assert headers["X-Frame-Options"] == "DENY"
        policy = headers["Content-Security-Policy"]
        assert "frame-ancestors 'none'" in policy
        assert "default-src 'self'" in policy
        assert "'unsafe-inline'" not in policy.split("script-src")[1].split(";")[0]


EVERYWHERE = "0.0.0.0"  # noqa: S104 (the host a server is told, not bound here)


@pytest.mark.parametrize(
    ("host", "setting", "secure"),
    [
        (EVERYWHERE, None, True),
        ("127.0.0.1", None, False),
        (EVERYWHERE, False, False),
        ("127.0.0.1", True, True),
    ],
)
def test_the_cookie_is_secure_beyond_loopback(
    demo_store: SqliteStore, host: str, setting: bool | None, secure: bool
) -> None:
    users = users_with(("ana", "analist", None))
    app = create_app(Settings(secure_cookies=setting), demo_store, users=users)
    secure_cookies(app, host)
    response = app.server.test_client().post("/login", data={"name": "ana", "password": PASSWORD})
    assert ("Secure" in response.headers["Set-Cookie"]) is secure
    assert "HttpOnly" in response.headers["Set-Cookie"]


@pytest.fixture
def served(demo_store: SqliteStore) -> Iterator[int]:
    """The explorer on a real waitress server, with the options ``ketenkaart serve`` uses."""
    app = create_app(Settings(), demo_store)
    server = create_server(app.server, host="127.0.0.1", port=0, **server_options())  # type: ignore[arg-type]

    def run() -> None:
        with contextlib.suppress(OSError, ValueError):  # the loop stops when the socket closes
            server.run()

    threading.Thread(target=run, daemon=True).start()
    yield int(server.effective_port)  # type: ignore[union-attr]
    server.task_dispatcher.shutdown()
    for channel in list(server._map.values()):  # type: ignore[union-attr]
        channel.close()


def _ask(port: int) -> socket.socket:
    sock = socket.create_connection(("127.0.0.1", port), timeout=10)
    sock.sendall(b"GET /_favicon.ico HTTP/1.1\r\nHost: x\r\nConnection: keep-alive\r\n\r\n")
    return sock


def test_200_clients_with_keep_alive_are_all_answered_quickly(served: int) -> None:
    """150 browsers hold idle keep-alive connections; 50 more still get answers at once."""
    holders = [_ask(served) for _ in range(150)]
    try:
        for sock in holders:
            assert sock.recv(64).startswith(b"HTTP/1.1")
        waits = []
        for _ in range(50):
            start = time.perf_counter()
            sock = _ask(served)
            assert sock.recv(64).startswith(b"HTTP/1.1")
            waits.append(time.perf_counter() - start)
            sock.close()
        assert sorted(waits)[int(0.95 * len(waits)) - 1] < 3.0
    finally:
        for sock in holders:
            sock.close()
