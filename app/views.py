"""Named saved views per user: a page and its query string (filters, selection, map options).

They live in one JSON file in the data folder (``views.json``), by user name; without
login the one local user is ``analist``. A view is only ever a local address (``/path?query``),
so opening one can never lead elsewhere, and it holds no data: whoever opens it sees what
their own role allows.

>>> import tempfile, pathlib
>>> path = pathlib.Path(tempfile.mkdtemp()) / "views.json"
>>> save_view(path, "ana", "Noord", "/overzicht?wijk=WK1")
>>> read_views(path, "ana"), read_views(path, "piet")
({'Noord': '/overzicht?wijk=WK1'}, {})
>>> is_local("//evil.example/x"), is_local("/kansen?wijk=WK1")
(False, True)
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from typing import Final

from graph.errors import ConfigError

__all__ = ["MAX_NAME", "delete_view", "is_local", "read_views", "save_view"]

MAX_NAME: Final = 60
_MAX_URL: Final = 2000


def is_local(url: str) -> bool:
    """Whether ``url`` is an address on this app (a path, never another site)."""
    return url.startswith("/") and not url.startswith("//") and "\\" not in url and len(url) <= _MAX_URL


def _read(path: Path) -> dict[str, dict[str, str]]:
    try:
        data = json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}
    except (OSError, ValueError) as exc:
        raise ConfigError(f"cannot read the saved views in {path}: {exc}") from exc
    return {str(user): {str(k): str(v) for k, v in views.items()} for user, views in dict(data).items()}


def _write(path: Path, data: dict[str, dict[str, str]]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".views-", suffix=".json")
    with os.fdopen(handle, "w", encoding="utf-8") as out:
        json.dump(data, out, ensure_ascii=False, indent=1, sort_keys=True)
    Path(temporary).replace(path)


def read_views(path: Path, user: str) -> dict[str, str]:
    """The views ``user`` saved, by name (sorted)."""
    return dict(sorted(_read(path).get(user, {}).items()))


def save_view(path: Path, user: str, name: str, url: str) -> None:
    """Save (or replace) the view ``name`` of ``user``.

    Raises
    ------
    ConfigError
        If the name is empty or too long, or ``url`` is not an address on this app.
    """
    name = " ".join(name.split())
    if not name or len(name) > MAX_NAME:
        raise ConfigError(f"a view needs a name of 1 to {MAX_NAME} characters")
    if not is_local(url):
        raise ConfigError("a view is an address on this app")
    data = _read(path)
    data.setdefault(user, {})[name] = url
    _write(path, data)


def delete_view(path: Path, user: str, name: str) -> None:
    """Forget the view ``name`` of ``user`` (nothing happens when there is none)."""
    data = _read(path)
    if data.get(user, {}).pop(name, None) is not None:
        _write(path, data)
