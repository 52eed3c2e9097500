"""Every page renders, for both roles and both languages; ids are unique and every callback finds its ids."""

from __future__ import annotations

import json
from collections import Counter
from typing import Any

import dash
import pytest
from dash import Dash, html
from dash.development.base_component import Component
from dash.exceptions import PreventUpdate

from app.access import ANALYST, Role, Viewer
from app.i18n import LABELS, MEASURES
from app.views import read_views, save_view
from app.web import ids
from app.web.pages import PAGES
from app.web.shell import layout as shell_layout
from tests.app.conftest import request_as
from tests.app.trees import components

PARTNER = Viewer("piet", Role.PARTNER, "ORG0043")


def layout_ids(tree: Any) -> list[str]:
    """String ids, and the ``type`` of dict ids, in a layout tree."""
    found = []
    for component in components(tree):
        cid = getattr(component, "id", None)
        if isinstance(cid, str):
            found.append(cid)
        elif isinstance(cid, dict):
            found.append(str(cid.get("type")))
    return found


@pytest.mark.parametrize("viewer", [ANALYST, PARTNER], ids=["analist", "partner"])
@pytest.mark.parametrize("lang", ["nl", "en"])
def test_every_page_renders_for_every_role(demo_app: Dash, lang: Any, viewer: Viewer) -> None:
    with request_as(demo_app):
        for page in PAGES:
            if page.opens_for(viewer):
                tree = page.layout(lang, viewer)
                assert isinstance(tree, Component)
                page_ids = getattr(ids, page.layout.__module__.rsplit(".", 1)[-1].capitalize())
                assert getattr(tree, "id", None) == page_ids.PAGE


def test_no_id_is_declared_or_used_twice(demo_app: Dash) -> None:
    declared = ids.all_ids()
    assert [i for i, n in Counter(declared).items() if n > 1] == []
    with request_as(demo_app):
        trees = [shell_layout()] + [page.layout("nl", ANALYST) for page in PAGES]
    used = [cid for tree in trees for cid in set(layout_ids(tree))]
    assert [i for i, n in Counter(used).items() if n > 1 and not i.startswith("table")] == []


def _callback_ids(app: Dash) -> set[str]:
    wanted = set()
    for spec in app._callback_list:
        for dep in [*spec["inputs"], *spec["state"]]:
            wanted.add(dep["id"])
        for out in spec["output"].strip(".").split("..."):
            wanted.add(out.rsplit(".", 1)[0])
    return {w for w in wanted if not w.startswith("{")}


def test_every_callback_id_is_in_a_layout(demo_app: Dash) -> None:
    with request_as(demo_app):
        trees = [shell_layout()] + [page.layout("nl", ANALYST) for page in PAGES]
    present = {cid for tree in trees for cid in layout_ids(tree)}
    assert sorted(_callback_ids(demo_app) - present) == []


def test_every_text_has_both_languages() -> None:
    for key in LABELS.keys():  # noqa: SIM118 (Texts is not a mapping)
        assert LABELS(key, "nl")
        assert LABELS(key, "en")
    for measure in MEASURES.values():
        assert all([measure.name("nl"), measure.name("en"), measure.action("nl"), measure.action("en")])
    assert {p.name("nl") for p in PAGES} >= {
        "Kaart",
        "Overzicht",
        "Knelpunten",
        "Kansen",
        "Wijken",
        "Koffie",
        "Gegevens",
    }


def test_an_empty_store_says_what_to_do_and_a_link_restores_filter_and_selection(demo_app: Dash) -> None:
    from app.settings import Settings  # noqa: PLC0415
    from app.web import shell  # noqa: PLC0415
    from app.web.factory import create_app  # noqa: PLC0415
    from queries.sqlite import SqliteStore  # noqa: PLC0415

    empty = create_app(Settings(), SqliteStore())
    with request_as(empty):
        notice = str(shell.empty_store("/", "nl"))
    assert "ketenkaart demo" in notice
    assert "Gegevens" in notice
    with request_as(demo_app):
        assert shell.empty_store("/", "nl") is None
        query = "?wijk=WK990102,XX&layers=agreements&from=2025-03&to=2099-01&org=ORG0043"
        restored = shell.restore("/", query)
        assert restored[:5] == (["WK990102"], ["agreements"], "2025-03", None, "ORG0043")
        assert restored[5] == {"path": "/", "search": query}  # the page renders after the restore
        assert all(value is dash.no_update for value in shell.restore("/kansen", "")[:5])


def test_a_user_saves_a_view_and_gets_it_back(demo_app: Dash) -> None:
    from app.web import shell  # noqa: PLC0415

    request = {"name": "Noord, jeugd", "url": "/kansen?wijk=WK990102"}
    with request_as(demo_app, triggered_id=ids.Shell.VIEW_REQUEST):
        options, *_ = shell.saved_views("nl", request)
        cleared = shell.saved_views("nl", request)[5]
    assert options == [{"label": "Noord, jeugd", "value": "/kansen?wijk=WK990102"}]
    assert cleared == ""
    with request_as(demo_app, triggered_id=ids.Shell.VIEW_REQUEST):
        refused, *_ = shell.saved_views("en", {"name": "elders", "url": "https://elders.example/"})
    assert refused == options  # only addresses on this app are kept


def _delete_button(name: str) -> str:
    """The prop id of a view's delete button, as Dash writes a dict id."""
    return json.dumps({"name": name, "type": ids.Shell.VIEW_DELETE}, separators=(",", ":"))


def test_a_user_deletes_a_view_and_can_undo_it_and_others_views_stay(demo_app: Dash) -> None:
    from app.web import shell  # noqa: PLC0415

    with request_as(demo_app, triggered_id=ids.Shell.VIEW_REQUEST):
        for name in ("Zuid", "Noord"):
            shell.saved_views("nl", {"name": name, "url": f"/?wijk={name}"})
        path = shell._views_path()
    save_view(path, "piet", "Zuid", "/koffie")
    with request_as(demo_app, triggered_id=_delete_button("Zuid")):
        deleted = shell.change_views([1, 0], 0, None)
    assert deleted == {"name": "Zuid", "url": "/?wijk=Zuid", "undone": False}
    assert read_views(path, "analist") == {"Noord": "/?wijk=Noord"}
    assert read_views(path, "piet") == {"Zuid": "/koffie"}  # another user's view of the same name stays
    with request_as(demo_app, triggered_id=ids.Shell.VIEW_DELETED):
        shown = shell.saved_views("nl", None, deleted)
    items = [component for component in components(shown[7]) if isinstance(component, html.Li)]
    assert [item.children[0].children for item in items] == ["Noord"]
    assert (shown[8], shown[10]) == ("Weergave ‘Zuid’ verwijderd.", False)  # the undo offer shows
    with request_as(demo_app, triggered_id=ids.Shell.VIEW_UNDO):
        undone = shell.change_views([0], 1, deleted)
    assert undone["undone"] is True
    assert read_views(path, "analist") == {"Noord": "/?wijk=Noord", "Zuid": "/?wijk=Zuid"}
    with request_as(demo_app, triggered_id=ids.Shell.VIEW_DELETED):
        assert shell.saved_views("en", None, undone)[10] is True  # nothing left to undo
    with request_as(demo_app, triggered_id=ids.Shell.VIEW_UNDO), pytest.raises(PreventUpdate):
        shell.change_views([0, 0], 2, undone)  # undone once only
