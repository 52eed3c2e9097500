"""Write a graph as GEXF or GraphML, the files Gephi (and yEd, Cytoscape, igraph) open.

The graph is ``graph.annotate.annotated_graph``: every attribute a ``str``, ``int``,
``float`` or ``bool``, one type per attribute. Written this way, ``nx.read_gexf`` and
``nx.read_graphml`` give back the same nodes, ties and attributes with the same values
and types. That takes care of these quirks of the formats and of NetworkX's readers:

- GEXF keeps a tie's ``weight`` in the ``<edge weight=...>`` field and reads it back as a
  ``float``; GEXF and GraphML readers give every tie an ``id`` attribute from the file.
  So the graph itself carries float weights and an ``id`` per tie.
- ``read_gexf`` gives every node a ``label`` (the GEXF node label, text): the graph
  carries ``label`` as text. (``relabel=True`` would rename nodes by label; do not use it,
  names are not unique.)
- GEXF declares an attribute's type once, from its first value: an ``int`` on one node and
  a ``float`` on another is written under one type and read back wrong or not at all.
  GraphML would declare the name twice. :func:`check_attributes` refuses such graphs,
  and values GEXF and GraphML cannot hold (``None``, lists).
- Names GEXF's writer takes for itself (``start``, ``end``, ``pid``, ``viz``, ... and a
  tie's ``type``) would turn into time spells or tie kinds: refused too.
- XML 1.0 cannot hold most control characters (a file holding one does not read back) and
  turns a carriage return in text into a line feed: :func:`xml_safe` removes the former
  and writes line ends as ``\\n``, in every text value and id, before writing.
- Graph attributes: GraphML keeps them all, GEXF only ``name``; both readers add
  bookkeeping (``node_default``, ``edge_default``, and ``mode`` for GEXF).

GEXF nodes get a ``viz`` colour per sector when ``colours`` is given; ``read_gexf`` gives
it back as a ``viz`` attribute.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import networkx as nx

__all__ = ["GEXF_VERSION", "check_attributes", "write_gexf", "write_graphml", "xml_safe", "xml_text"]

GEXF_VERSION = "1.2draft"
_SCALARS = (str, int, float, bool)
_NODE_RESERVED = frozenset({"id", "pid", "start", "end", "viz", "parents", "spells", "slices"})
_EDGE_RESERVED = frozenset({"type", "label", "start", "end", "viz", "spells", "slices", "key"})
# Characters XML 1.0 cannot hold (C0 controls but tab, line feed and carriage return;
# surrogates; U+FFFE, U+FFFF).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_LINE_END = re.compile("\r\n?")


def _problems(
    kind: str, items: Sequence[tuple[object, dict[str, Any]]], reserved: frozenset[str]
) -> list[str]:
    found: list[str] = []
    types: dict[str, set[str]] = {}
    for item, data in items:
        for name, value in data.items():
            if name in reserved:
                found.append(f"{kind} {item}: attribute {name!r} is taken by GEXF")
            elif not isinstance(value, _SCALARS):
                found.append(f"{kind} {item}: {name}={value!r} is not text, a number or yes/no")
            else:
                types.setdefault(name, set()).add(type(value).__name__)
    found += [
        f"{kind} attribute {name!r} has more than one type: {', '.join(sorted(kinds))}"
        for name, kinds in sorted(types.items())
        if len(kinds) > 1
    ]
    return found


def check_attributes(graph: nx.Graph[str]) -> None:
    """Check that GEXF and GraphML can hold ``graph`` and read it back unchanged.

    Raises
    ------
    ValueError
        Naming each problem: a value that is not ``str``, ``int``, ``float`` or ``bool``,
        an attribute with more than one type, a name GEXF reserves, a node ``label`` that
        is not text, a tie ``weight`` that is not a float or a tie ``id`` that is not text.

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.Graph([("a", "b", {"weight": 2})])
    >>> G.nodes["a"]["capacity"], G.nodes["b"]["capacity"] = 3, None
    >>> check_attributes(G)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    ValueError: node b: capacity=None is not text, a number or yes/no; tie weight must be a float...
    """
    nodes: list[tuple[str, dict[str, Any]]] = [(node, data) for node, data in graph.nodes(data=True)]
    ties = [((a, b), data) for a, b, data in graph.edges(data=True)]
    found = _problems("node", nodes, _NODE_RESERVED) + _problems("tie", ties, _EDGE_RESERVED)
    if any(not isinstance(data.get("label", ""), str) for _, data in nodes):
        found.append("node label must be text")
    if any(not isinstance(data.get("weight", 1.0), float) for _, data in ties):
        found.append("tie weight must be a float (GEXF reads it back as one)")
    if any(not isinstance(data.get("id", ""), str) for _, data in ties):
        found.append("tie id must be text")
    if found:
        raise ValueError("; ".join(found))


def xml_text(text: str) -> str:
    """``text`` without the characters XML 1.0 cannot hold, with ``\\n`` line ends.

    >>> xml_text("a\\r\\nb\\rc\\x00d")
    'a\\nb\\ncd'
    """
    return _LINE_END.sub("\n", _NOT_XML.sub("", text))


def _clean(value: Any) -> Any:
    return xml_text(value) if isinstance(value, str) else value


def xml_safe(graph: nx.Graph[str]) -> nx.Graph[str]:
    """A copy of ``graph`` whose text XML holds as is: no control characters, ``\\n`` line ends.

    Node ids and every text attribute are cleaned; the graph is otherwise unchanged.

    >>> import networkx as nx
    >>> G = nx.Graph([("a", "b")])
    >>> G.nodes["a"]["label"] = "Zorg\\r\\n& Welzijn\\x0b"
    >>> xml_safe(G).nodes["a"]["label"]
    'Zorg\\n& Welzijn'
    """
    safe: nx.Graph[str] = graph.__class__()
    safe.graph.update({k: _clean(v) for k, v in graph.graph.items()})
    safe.add_nodes_from((_clean(n), {k: _clean(v) for k, v in d.items()}) for n, d in graph.nodes(data=True))
    safe.add_edges_from(
        (_clean(a), _clean(b), {k: _clean(v) for k, v in d.items()}) for a, b, d in graph.edges(data=True)
    )
    return safe


def _rgb(colour: str) -> dict[str, int | float]:
    value = colour.lstrip("#")
    return {"r": int(value[0:2], 16), "g": int(value[2:4], 16), "b": int(value[4:6], 16), "a": 1.0}


def write_gexf(
    graph: nx.Graph[str], path: Path, *, colours: Mapping[str, str] | None = None, colour_by: str = "sector"
) -> Path:
    """Write ``graph`` as GEXF 1.2 (Gephi's own format), with a ``viz`` colour per group.

    Parameters
    ----------
    graph : networkx.Graph
        A graph that passes :func:`check_attributes` (``graph.annotate.annotated_graph``).
    path : Path
        The file to write (its folder is created).
    colours : mapping, optional
        ``#rrggbb`` per value of the node attribute ``colour_by``; nodes whose value has
        no colour get none.
    colour_by : str
        The node attribute that picks the colour (default ``sector``).

    Returns
    -------
    Path
        ``path``.

    Raises
    ------
    ValueError
        If ``graph`` does not pass :func:`check_attributes`.
    """
    safe = xml_safe(graph)
    check_attributes(safe)
    for _, data in safe.nodes(data=True):
        colour = (colours or {}).get(str(data.get(colour_by)))
        if colour is not None:
            data["viz"] = {"color": _rgb(colour)}
    path.parent.mkdir(parents=True, exist_ok=True)
    nx.write_gexf(safe, path, version=GEXF_VERSION)
    return path


def write_graphml(graph: nx.Graph[str], path: Path) -> Path:
    """Write ``graph`` as GraphML; a tie's ``id`` attribute becomes its GraphML edge id.

    Raises ``ValueError`` if ``graph`` does not pass :func:`check_attributes`.
    """
    safe = xml_safe(graph)
    check_attributes(safe)
    path.parent.mkdir(parents=True, exist_ok=True)
    nx.write_graphml(safe, path, edge_id_from_attribute="id")
    return path
