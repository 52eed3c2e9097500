"""Personal survey links: only this app's tokens, for this round and organisation, while it is open."""

from __future__ import annotations

import base64
import stat
from datetime import timedelta
from pathlib import Path

import pytest
from itsdangerous import URLSafeSerializer
from pydantic import SecretStr

from app.settings import Settings
from app.survey.links import KEY_FILE, check_link, link_rows, link_secret, make_token, read_token, survey_url
from graph.errors import ConfigError, LinkRefused
from queries.sqlite import SqliteStore
from tests.app.survey.conftest import CLOSES, NOW, SECRET, TODAY, autumn


def _refused(store: SqliteStore, token: str, today: object = TODAY, secret: str = SECRET) -> LinkRefused:
    with pytest.raises(LinkRefused) as caught:
        check_link(store, secret, token, today)  # type: ignore[arg-type]
    return caught.value


def test_a_link_gives_its_round_and_organisation(mini_store: SqliteStore) -> None:
    token = make_token(SECRET, "najaar-2026", "B")
    found, organisation = check_link(mini_store, SECRET, token, TODAY)
    assert (found.id, organisation) == ("najaar-2026", "B")
    assert make_token(SECRET, "najaar-2026", "B") == token  # the same link every time
    assert make_token(SECRET, "najaar-2026", "C") != token


def test_a_link_works_up_to_and_on_its_closing_day(mini_store: SqliteStore) -> None:
    token = make_token(SECRET, "najaar-2026", "A")
    assert check_link(mini_store, SECRET, token, CLOSES)[1] == "A"
    refusal = _refused(mini_store, token, CLOSES + timedelta(days=1))
    assert refusal.why == "expired"
    assert "closed on 2026-12-20" in str(refusal)


def test_a_closed_round_refuses_every_link(mini_store: SqliteStore) -> None:
    tokens = [make_token(SECRET, "najaar-2026", org) for org in "ABCD"]
    mini_store.close_round("najaar-2026", NOW)
    for token in tokens:
        refusal = _refused(mini_store, token)
        assert refusal.why == "expired"
        assert "Najaar 2026 is closed" in str(refusal)


@pytest.mark.parametrize(
    "token",
    [
        "",
        "abc",
        "not.a.token",
        make_token("another-secret-of-enough-length", "najaar-2026", "A"),
        # signed with our secret but without the links' salt: what a login cookie looks like
        URLSafeSerializer(SECRET).dumps(["najaar-2026", "A"]),
        # signed as a link, but not a round and an organisation
        URLSafeSerializer(SECRET, salt="ketenkaart.survey-link").dumps({"round": "najaar-2026"}),
    ],
    ids=["empty", "garbage", "dotted", "other-secret", "cookie-salt", "wrong-shape"],
)
def test_a_token_this_app_did_not_make_is_forged(mini_store: SqliteStore, token: str) -> None:
    refusal = _refused(mini_store, token)
    assert refusal.why == "forged"
    assert "not valid" in str(refusal)


def test_a_link_cannot_be_changed_to_another_organisation_or_round(mini_store: SqliteStore) -> None:
    token = make_token(SECRET, "najaar-2026", "A")
    payload, signature = token.rsplit(".", 1)
    for other in (["najaar-2026", "B"], ["voorjaar-2027", "A"]):
        forged_payload = base64.urlsafe_b64encode(repr(other).replace("'", '"').replace(" ", "").encode())
        altered = forged_payload.decode().rstrip("=") + "." + signature
        unchecked = URLSafeSerializer(SECRET, salt="ketenkaart.survey-link").loads_unsafe(altered)
        assert unchecked == (False, other)  # the altered token does name the other one ...
        assert _refused(mini_store, altered).why == "forged"  # ... and is refused
    flipped = payload[:-1] + ("A" if payload[-1] != "A" else "B") + "." + signature
    assert _refused(mini_store, flipped).why == "forged"
    assert _refused(mini_store, payload + "." + signature[::-1]).why == "forged"


def test_a_link_for_an_organisation_not_invited_is_refused(mini_store: SqliteStore) -> None:
    refusal = _refused(mini_store, make_token(SECRET, "najaar-2026", "E"))  # E is not invited
    assert refusal.why == "unknown"
    assert "not invited" in str(refusal)


def test_a_link_to_a_round_that_does_not_exist_is_refused(mini_store: SqliteStore) -> None:
    refusal = _refused(mini_store, make_token(SECRET, "voorjaar-2027", "A"))
    assert refusal.why == "unknown"


def test_read_token_needs_a_secret_of_some_length() -> None:
    with pytest.raises(ValueError, match="at least 16"):
        read_token("short", "x")


def test_link_rows_hold_every_invited_organisation_by_name() -> None:
    names = {"A": "Alfa Zorg", "B": "Beta Wonen", "C": "Gamma Welzijn", "D": "Delta Jeugd"}
    rows = link_rows(autumn(), names, SECRET, "https://kaart.example.nl/")
    assert [r.name for r in rows] == ["Alfa Zorg", "Beta Wonen", "Delta Jeugd", "Gamma Welzijn"]
    for row in rows:
        assert row.url == survey_url(
            "https://kaart.example.nl", make_token(SECRET, "najaar-2026", row.organisation)
        )
        assert row.url.startswith("https://kaart.example.nl/enquete/")
        assert read_token(SECRET, row.url.rsplit("/", 1)[1]) == ("najaar-2026", row.organisation)


def test_the_secret_is_the_setting_when_given(tmp_path: Path) -> None:
    settings = Settings(secret_key=SecretStr("set-by-the-administrator"), data_dir=tmp_path)
    assert link_secret(settings) == "set-by-the-administrator"
    assert not (tmp_path / KEY_FILE).exists()


def test_without_a_setting_the_secret_is_a_key_file_made_once(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path / "data")
    first = link_secret(settings)
    path = tmp_path / "data" / KEY_FILE
    assert len(first) >= 32
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert link_secret(Settings(data_dir=tmp_path / "data")) == first  # a restart keeps the links working
    assert link_secret(Settings(data_dir=tmp_path / "other")) != first
    assert [p.name for p in path.parent.iterdir()] == [KEY_FILE]  # no temporary file left behind


def test_a_damaged_key_file_is_a_configuration_error(tmp_path: Path) -> None:
    (tmp_path / KEY_FILE).write_text("short\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="delete it"):
        link_secret(Settings(data_dir=tmp_path))
