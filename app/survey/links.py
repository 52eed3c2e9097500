"""Personal survey links: a signed token bound to one round and one organisation.

A token is the round id and the organisation id, signed with itsdangerous
(HMAC-SHA1 over the payload, keyed by the link secret and a salt of its own, so a login
cookie signed with the same secret can never pass as a link). Nobody without the secret
can make one, change the organisation in one, or move it to another round. The same
round and organisation always give the same token, so a link sent again (a reminder, a
new CSV) is the link the partner already has.

A token carries no expiry of its own: :func:`check_link` reads the round from the store
at every use and refuses it once the round is closed or past its closing date, so closing
a round ends every link at once.

The secret is ``KETENKAART_SECRET_KEY``; without it, a key file in the data folder
(``survey-link.key``), made once with a random key and kept, so links keep working
across restarts (login cookies, by contrast, may use a fresh key per start). Changing the
secret ends every link sent before.

>>> token = make_token("s3cret-key-for-the-doctest", "najaar-2026", "ORG0043")
>>> read_token("s3cret-key-for-the-doctest", token)
('najaar-2026', 'ORG0043')
>>> survey_url("https://kaart.example.nl/", "abc")
'https://kaart.example.nl/enquete/abc'
"""

from __future__ import annotations

import os
import secrets
import tempfile
from collections.abc import Mapping
from contextlib import suppress
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Final

from itsdangerous import BadSignature, URLSafeSerializer

from app.survey.rounds import find_round
from graph.errors import ConfigError, LinkRefused
from graph.survey import SurveyRound

if TYPE_CHECKING:
    from app.settings import Settings
    from queries.base import Store

__all__ = [
    "KEY_FILE",
    "LinkRow",
    "check_link",
    "link_rows",
    "link_secret",
    "make_token",
    "read_token",
    "survey_url",
]

KEY_FILE: Final = "survey-link.key"
"""The link secret's file in the data folder, when ``KETENKAART_SECRET_KEY`` is not set."""

_SALT: Final = "ketenkaart.survey-link"
_MIN_SECRET: Final = 16


def _serializer(secret: str) -> URLSafeSerializer:
    if len(secret) < _MIN_SECRET:
        raise ValueError(f"a link secret needs at least {_MIN_SECRET} characters")
    return URLSafeSerializer(secret, salt=_SALT)


def make_token(secret: str, round_id: str, organisation: str) -> str:
    """The token of one organisation's link in one round (the same every time)."""
    return str(_serializer(secret).dumps([round_id, organisation]))


def read_token(secret: str, token: str) -> tuple[str, str]:
    """The round id and organisation id a token was made for.

    Raises :class:`graph.errors.LinkRefused` (``forged``) for a token this secret did not
    sign, or one altered in any way.
    """
    try:
        payload = _serializer(secret).loads(token)
    except BadSignature as exc:
        raise LinkRefused("forged", "this survey link is not valid: it was not made by this app") from exc
    if not (isinstance(payload, list) and len(payload) == 2 and all(isinstance(p, str) for p in payload)):
        raise LinkRefused("forged", "this survey link is not valid: it was not made by this app")
    return payload[0], payload[1]


def check_link(store: Store, secret: str, token: str, today: date) -> tuple[SurveyRound, str]:
    """The round and organisation a link is for, if it may be used on ``today``.

    Raises
    ------
    LinkRefused
        ``why`` is ``forged`` (not signed with ``secret``, or altered), ``unknown`` (no
        such round, or the organisation is not invited to it) or ``expired`` (the round
        was closed, or its closing date has passed).
    """
    round_id, organisation = read_token(secret, token)
    found = find_round(store, round_id)
    if found is None:
        raise LinkRefused("unknown", "this survey link is for a round that does not exist (any more)")
    if organisation not in found.invited:
        raise LinkRefused("unknown", f"this survey link is for an organisation not invited to {found.name}")
    if found.closed_at is not None:
        raise LinkRefused("expired", f"the survey {found.name} is closed; answers can no longer be given")
    if today > found.closes:
        raise LinkRefused("expired", f"the survey {found.name} closed on {found.closes.isoformat()}")
    return found, organisation


def survey_url(base_url: str, token: str) -> str:
    """The address of the questionnaire for ``token`` on the app at ``base_url``."""
    return f"{base_url.rstrip('/')}/enquete/{token}"


@dataclass(frozen=True, slots=True)
class LinkRow:
    """One row of the links CSV: an invited organisation and its personal link."""

    organisation: str
    name: str
    url: str


def link_rows(
    survey_round: SurveyRound, names: Mapping[str, str], secret: str, base_url: str
) -> list[LinkRow]:
    """Every invited organisation's link, by name (an organisation no longer stored: by id)."""
    rows = [
        LinkRow(org, names.get(org, org), survey_url(base_url, make_token(secret, survey_round.id, org)))
        for org in survey_round.invited
    ]
    return sorted(rows, key=lambda row: (row.name.casefold(), row.organisation))


def link_secret(settings: Settings) -> str:
    """The secret that signs links: ``KETENKAART_SECRET_KEY``, else the data folder's key file.

    The key file is made once (random, readable by its owner only); when two processes
    make it at the same moment, both end up with the one that was written first.
    """
    if settings.secret_key is not None:
        return settings.secret_key.get_secret_value()
    path = settings.data_dir / KEY_FILE
    if not path.exists():
        _create_key(path)
    key = path.read_text(encoding="utf-8").strip()
    if len(key) < _MIN_SECRET:
        raise ConfigError(f"the survey link key in {path} is too short; delete it to make a new one")
    return key


def _create_key(path: Path) -> None:
    """Write a new random key to ``path`` unless another process wrote one first."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".survey-key-")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(secrets.token_urlsafe(32) + "\n")
        os.chmod(temporary, 0o600)
        with suppress(FileExistsError):  # another process made it first: keep that one
            os.link(temporary, path)  # atomic, and never replaces a key already there
    finally:
        Path(temporary).unlink(missing_ok=True)
