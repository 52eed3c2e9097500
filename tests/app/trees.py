"""Walking Dash component trees in tests: every component, table rows, the text a browser gets."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from dash.development.base_component import Component
from plotly.io.json import to_json_plotly


def components(tree: Any) -> Iterator[Any]:
    """Every component in a layout tree."""
    if isinstance(tree, list | tuple):
        for item in tree:
            yield from components(item)
    elif isinstance(tree, Component):
        yield tree
        for name in tree._prop_names:
            value = getattr(tree, name, None)
            if isinstance(value, Component | list | tuple):
                yield from components(value)


def shown_components(tree: Any) -> Iterator[Any]:
    """Every component in a layout tree that the browser shows: none inside a ``hidden`` one."""
    if isinstance(tree, list | tuple):
        for item in tree:
            yield from shown_components(item)
    elif isinstance(tree, Component) and not getattr(tree, "hidden", False):
        yield tree
        for name in tree._prop_names:
            value = getattr(tree, name, None)
            if isinstance(value, Component | list | tuple):
                yield from shown_components(value)


def grid_rows(found: object, name: str) -> list[dict[str, Any]]:
    """The rows of the table ``name`` (``app.web.tables.table``) inside ``found``."""
    for component in components(found):
        if getattr(component, "id", None) == {"type": "table", "name": name}:
            rows: list[dict[str, Any]] = component.rowData
            return rows
    return []


def text_of(found: object) -> str:
    """Every text the browser would get for ``found`` (JSON as Dash sends it, unescaped)."""
    return str(json.loads(to_json_plotly(found)))
