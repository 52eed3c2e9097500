"""The view in the address: page, filter, selection, focus and map options in the query string.

``/?wijk=WK099001&layers=agreements,professionals&from=2025-01&to=2025-06&org=ORG0043&focus=1``
opens the map of that wijk and period, focused on one organisation, in any browser. The
shell writes the query as the controls change (``history.replaceState``: no new history
entry per click) and restores it when a page is opened or reloaded. Values are checked
against what the viewer may choose (a control's own options, the wijken, periods and
organisations in the store), so a link made by an analyst shows a partner only what a
partner may see.

Shell keys hold the shared filter and selection; page keys belong to one page's controls
(:data:`PAGE_KEYS`), are applied to its layout before it is sent, and are dropped from
the address on other pages.

>>> parse("?wijk=WK1,WK2&focus=2&min=3&show=bottlenecks&bogus=1")
{'wijk': ['WK1', 'WK2'], 'focus': 2, 'min': 3.0, 'show': ['bottlenecks']}
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any, Final, Literal
from urllib.parse import parse_qs

from dash.development.base_component import Component

from app.web import ids
from graph.layers import LAYER_NAMES

__all__ = ["PAGE_KEYS", "SHELL_KEYS", "apply_page_state", "parse", "writer_code"]

Kind = Literal["list", "str", "int", "float"]

SHELL_KEYS: Final[Mapping[str, Kind]] = {
    "wijk": "list",
    "layers": "list",
    "from": "str",
    "to": "str",
    "org": "str",
}
"""The shared filter (wijken, kinds of tie, period range) and the selected organisation."""

PAGE_KEYS: Final[Mapping[str, tuple[str, str, Kind, Any]]] = {
    "search": ("/", ids.Kaart.SEARCH, "str", None),
    "sectors": ("/", ids.Kaart.SECTORS, "list", []),
    "min": ("/", ids.Kaart.MIN_WEIGHT, "float", 1),
    "size": ("/", ids.Kaart.SIZE_BY, "str", "degree"),
    "focus": ("/", ids.Kaart.FOCUS, "int", 0),
    "show": ("/", ids.Kaart.SHOW, "list", []),
    "group": ("/", ids.Kaart.GROUP_BY, "str", "sector"),
    "ties": ("/", ids.Kaart.TIES, "str", "backbone"),
    "colour": ("/", ids.Kaart.COLOUR_BY, "str", "sector"),
    "arrange": ("/", ids.Kaart.LAYOUT, "str", "network"),
}
"""Query key -> (page path, control id, kind, the control's default) of page controls."""

_KINDS: Final[Mapping[str, Kind]] = {**SHELL_KEYS, **{k: v[2] for k, v in PAGE_KEYS.items()}}


def _value(kind: Kind, text: str) -> Any:
    if kind == "list":
        return [part for part in text.split(",") if part]
    if kind == "int":
        return int(text)
    if kind == "float":
        return float(text)
    return text


def parse(search: str | None) -> dict[str, Any]:
    """The known keys of a query string, typed; unknown keys and bad numbers are dropped.

    >>> parse(""), parse("?focus=x&org=ORG1")
    ({}, {'org': 'ORG1'})
    """
    found: dict[str, Any] = {}
    for key, values in parse_qs((search or "").lstrip("?"), keep_blank_values=False).items():
        if key not in _KINDS or not values:
            continue
        try:
            found[key] = _value(_KINDS[key], values[-1])
        except ValueError:
            continue
    return found


def _allowed(component: Component, value: Any) -> bool:
    """Whether ``value`` is one the control offers (controls without options take any value)."""
    options = getattr(component, "options", None)
    if not options:
        return True
    offered = {o.get("value") if isinstance(o, Mapping) else o for o in options}
    return all(v in offered for v in value) if isinstance(value, list) else value in offered


def apply_page_state(tree: Component, path: str, state: Mapping[str, Any]) -> Component:
    """``tree`` with its page controls set from ``state`` (only values the controls offer)."""
    wanted = {
        control: state[key]
        for key, (page, control, _, _) in PAGE_KEYS.items()
        if page == path and key in state
    }
    if wanted:
        _walk(tree, wanted)
    return tree


def _walk(node: Any, wanted: Mapping[str, Any]) -> None:
    if isinstance(node, list | tuple):
        for item in node:
            _walk(item, wanted)
        return
    if not isinstance(node, Component):
        return
    identity = getattr(node, "id", None)
    if isinstance(identity, str) and identity in wanted and _allowed(node, wanted[identity]):
        node.value = wanted[identity]  # type: ignore[attr-defined]
    _walk(getattr(node, "children", None), wanted)


def writer_code(page_keys: bool) -> str:
    """The clientside function that writes the controls into the address without reloading.

    ``page_keys``: the map's controls (in :data:`PAGE_KEYS` order) instead of the shell's
    filter and selection (wijken, layers, from, to, org, then the path as a trigger).
    """
    keys = list(PAGE_KEYS) if page_keys else list(SHELL_KEYS)
    defaults = {k: v[3] for k, v in PAGE_KEYS.items()} if page_keys else {"layers": "__all__"}
    pages = {k: v[0] for k, v in PAGE_KEYS.items()}
    return f"""function() {{
    const keys = {json.dumps(keys)}, defaults = {json.dumps(defaults)}, pages = {json.dumps(pages)};
    const values = Array.from(arguments).slice(0, keys.length);
    const query = new URLSearchParams(window.location.search);
    const path = window.location.pathname;
    keys.forEach(function (key, i) {{
        let value = values[i];
        const fallback = defaults[key];
        const all = fallback === "__all__" && Array.isArray(value) && value.length >= {len(LAYER_NAMES)};
        if (all) {{ value = null; }}
        if (JSON.stringify(value) === JSON.stringify(fallback)) {{ value = null; }}
        const blank = value === null || value === undefined || value === "";
        if (blank || (Array.isArray(value) && !value.length)) {{
            query.delete(key);
        }} else {{
            query.set(key, Array.isArray(value) ? value.join(",") : String(value));
        }}
    }});
    Object.keys(pages).forEach(function (key) {{ if (pages[key] !== path) {{ query.delete(key); }} }});
    const text = query.toString().replace(/%2C/g, ",");
    window.history.replaceState(window.history.state, "", path + (text ? "?" + text : ""));
    return text;
}}"""
