"""Named saved views per user."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.views import delete_view, read_views, save_view
from graph.errors import ConfigError


def test_views_are_per_user_replace_by_name_and_are_local_addresses(tmp_path: Path) -> None:
    path = tmp_path / "views.json"
    save_view(path, "ana", "Noord", "/?wijk=WK1")
    save_view(path, "ana", "Noord", "/kansen?wijk=WK1")
    save_view(path, "piet", "Mijn kaart", "/?org=ORG1")
    assert read_views(path, "ana") == {"Noord": "/kansen?wijk=WK1"}
    assert read_views(path, "piet") == {"Mijn kaart": "/?org=ORG1"}
    for bad in ("https://elders.example/", "//elders.example/x", "javascript:alert(1)"):
        with pytest.raises(ConfigError):
            save_view(path, "ana", "x", bad)
    with pytest.raises(ConfigError):
        save_view(path, "ana", "   ", "/")
    delete_view(path, "ana", "Noord")
    assert read_views(path, "ana") == {}
