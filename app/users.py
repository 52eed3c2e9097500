"""The app's users: a TOML file of names, roles and hashed passwords.

The file is written by ``ketenkaart user add``; passwords are stored only as salted
scrypt hashes (Werkzeug's ``generate_password_hash``). One rule switches login on: the
users file exists (``KETENKAART_USERS_FILE``, else ``users.toml`` in the data folder).
The running app reads it again whenever it changes (:class:`UsersFile`), so a user added
or removed while it runs can log in (or not) at once; once login is on it stays on, even if
the file disappears (then nobody can log in) or cannot be read (then the last good version holds).

.. code-block:: toml

    [users.anna]
    role = "analist"
    password_hash = "scrypt:32768:8:1$..."

    [users.piet]
    role = "partner"
    organisation = "ORG0043"
    password_hash = "scrypt:32768:8:1$..."
"""

from __future__ import annotations

import threading
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import tomli_w
from werkzeug.security import check_password_hash, generate_password_hash

from app.access import Role, Viewer
from graph.errors import ConfigError

__all__ = ["User", "Users", "UsersFile", "add_user", "read_users"]

MIN_PASSWORD = 10


@dataclass(frozen=True, slots=True)
class User:
    """One user: a viewer plus the hash of their password."""

    viewer: Viewer
    password_hash: str

    def check(self, password: str) -> bool:
        """Whether ``password`` is this user's password."""
        return check_password_hash(self.password_hash, password)


@dataclass(frozen=True, slots=True)
class Users:
    """Every user of one app, by name."""

    by_name: Mapping[str, User]

    def authenticate(self, name: str, password: str) -> Viewer | None:
        """The viewer for a correct name and password, else ``None``."""
        user = self.by_name.get(name)
        return user.viewer if user is not None and user.check(password) else None

    def viewer(self, name: object) -> Viewer | None:
        """The viewer of a (still existing) user name from a login cookie."""
        user = self.by_name.get(str(name)) if name else None
        return user.viewer if user else None


def _user(name: str, entry: Mapping[str, Any], path: Path) -> User:
    try:
        role = Role(entry["role"])
        password_hash = str(entry["password_hash"])
    except (KeyError, ValueError) as exc:
        raise ConfigError(
            f"{path}: user {name!r} needs a role (analist or partner) and a password_hash"
        ) from exc
    organisation = entry.get("organisation")
    if role is Role.PARTNER and not organisation:
        raise ConfigError(f"{path}: partner {name!r} needs an organisation")
    return User(Viewer(name, role, str(organisation) if organisation else None), password_hash)


def _read(path: Path) -> dict[str, Any]:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8")) if path.exists() else {}
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"cannot read the users file {path}: {exc}") from exc


def read_users(path: Path) -> Users:
    """Read a users file.

    Raises
    ------
    ConfigError
        If the file cannot be read, or a user lacks a role, a password or (partners) an organisation.
    """
    entries = _read(path).get("users", {})
    return Users({name: _user(name, entry, path) for name, entry in sorted(entries.items())})


class UsersFile:
    """The users file as the running app sees it: read again when it changes (size or time).

    >>> import tempfile, pathlib
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "users.toml"
    >>> source = UsersFile(path)
    >>> source.current() is None
    True
    >>> add_user(path, "anna", "lang-genoeg-1", Role.ANALIST)
    >>> sorted(source.current().by_name)
    ['anna']
    >>> path.unlink(); source.current().by_name
    {}
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self._seen: tuple[int, int] | None = None
        self._users: Users | None = None
        self._lock = threading.Lock()

    def current(self) -> Users | None:
        """The users now: ``None`` while no file has ever existed (login off)."""
        try:
            stat = self.path.stat()
        except OSError:
            return None if self._users is None else Users({})
        signature = (stat.st_mtime_ns, stat.st_size)
        with self._lock:
            if signature != self._seen:
                try:
                    self._users = read_users(self.path)
                except ConfigError:
                    self._users = self._users or Users({})
                self._seen = signature
            return self._users


def add_user(path: Path, name: str, password: str, role: Role, organisation: str | None = None) -> None:
    """Add a user to a users file (or replace one of the same name), creating the file if needed.

    Raises
    ------
    ConfigError
        If the password is shorter than 10 characters or a partner has no organisation.
    """
    if len(password) < MIN_PASSWORD:
        raise ConfigError(f"the password needs at least {MIN_PASSWORD} characters")
    if role is Role.PARTNER and not organisation:
        raise ConfigError("a partner user needs --organisation")
    document = _read(path)
    entry = {"role": role.value, "password_hash": generate_password_hash(password)}
    document.setdefault("users", {})[name] = entry | ({"organisation": organisation} if organisation else {})
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(tomli_w.dumps(document), encoding="utf-8")
    path.chmod(0o600)
