"""The view in the address: reading the query string and setting a page's controls from it."""

from __future__ import annotations

from dash import dcc, html

from app.web import ids
from app.web.urlstate import PAGE_KEYS, apply_page_state, parse, writer_code


def test_parse_keeps_known_keys_typed_and_drops_the_rest() -> None:
    state = parse("?wijk=WK1,WK2&layers=agreements&from=2025-01&org=ORG1&focus=2&min=x&evil=1")
    assert state == {
        "wijk": ["WK1", "WK2"],
        "layers": ["agreements"],
        "from": "2025-01",
        "org": "ORG1",
        "focus": 2,
    }


def test_page_controls_take_only_values_they_offer() -> None:
    tree = html.Div(
        [
            dcc.RadioItems(
                id=ids.Kaart.FOCUS, options=[{"label": "0", "value": 0}, {"label": "1", "value": 1}], value=0
            ),
            dcc.Dropdown(id=ids.Kaart.SIZE_BY, options=[{"label": "a", "value": "degree"}], value="degree"),
            html.Div(dcc.Checklist(id=ids.Kaart.SHOW, options=["bottlenecks", "suggestions"], value=[])),
        ]
    )
    apply_page_state(tree, "/", {"focus": 1, "size": "inflow", "show": ["bottlenecks"]})
    focus, size, box = tree.children
    assert focus.value == 1
    assert size.value == "degree"  # not offered to this viewer: left as it was
    assert box.children.value == ["bottlenecks"]
    apply_page_state(tree, "/gids", {"focus": 0})  # the map's keys mean nothing on another page
    assert focus.value == 1


def test_the_writer_knows_every_map_key() -> None:
    code = writer_code(page_keys=True)
    assert all(f'"{key}"' in code for key in PAGE_KEYS)
    assert "replaceState" in code
