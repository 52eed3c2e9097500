"""Brokerage roles: who stands between which sectors in the referral chain.

An organisation ``b`` *brokers* for ``a`` and ``c`` when ``a -> b -> c`` (``a`` refers to
``b``, ``b`` refers on to ``c``), ``a != c`` and ``a`` has no direct tie to ``c``: the
open two-path runs through ``b``. Gould and Fernandez [1]_ name five roles by the
groups of the three (here: sectors), as R's ``sna::brokerage`` counts them [2]_:

================  ==============  ======================  =====================================
role              sna column      sectors ``a -> b -> c``  in role language
================  ==============  ======================  =====================================
coordinator       ``w_I``         A -> A -> A              coordinates within its own sector
itinerant         ``w_O``         A -> B -> A              connects two organisations of another
representative    ``b_IO``        B -> B -> A              represents its sector towards another
gatekeeper        ``b_OI``        A -> B -> B              lets another sector in to its own
liaison           ``b_O``         A -> B -> C              connects two other sectors
================  ==============  ======================  =====================================

``total`` is the number of open two-paths through ``b`` (``t`` in sna). Raw counts grow
with a sector's size (a large sector has many coordinator paths by chance alone), so
each role also gets ``vs_chance``: the observed count divided by the count expected if
the organisations' sectors were shuffled at random (sector sizes kept, ``b``'s own sector
fixed, the ties as they are): the null model of random group membership against which
Gould and Fernandez compare observed brokerage, and on which sna bases its expected and
standardised scores (``exp.nli``, ``z.nli``) [1]_ [2]_. Above 1, the organisation plays the
role more often than the sizes of the sectors explain. We report this ratio rather than a
z-score: the expectation is exact (tested against every shuffle of small graphs) and reads
as "three times as often as chance", while a z-score needs the variance of a count over
two-paths that share organisations. sna's ``exp.nli`` and ``z.nli`` themselves are not
reproduced or checked here.

>>> G = nx.DiGraph([("w", "z1"), ("z1", "z2"), ("z2", "j")])
>>> nx.set_node_attributes(G, {"w": "wonen", "z1": "zorg", "z2": "zorg", "j": "jeugd"}, "sector")
>>> roles = brokerage(G)
>>> roles["z1"].gatekeeper, roles["z2"].representative, roles["w"].total
(1, 1, 0)

References
----------
.. [1] Gould, R. V., & Fernandez, R. M. (1989). Structures of mediation: A formal
   approach to brokerage in transaction networks. *Sociological Methodology* 19, 89-126.
   https://doi.org/10.2307/270949
.. [2] Butts, C. T. (2008). Social network analysis with sna. *Journal of Statistical
   Software* 24(6); ``brokerage`` in the R package ``sna`` (documentation: "Perform a
   Gould-Fernandez Brokerage Analysis").
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping
from dataclasses import dataclass
from typing import Final

import networkx as nx
import numpy as np

from graph.arrays import IntArray, edge_arrays
from graph.preconditions import not_multigraph

__all__ = ["ROLES", "Brokerage", "MainPair", "brokerage", "role_of"]

Cells = np.ndarray[tuple[int, int, int], np.dtype[np.int64]]
"""Open two-paths per broker, group of the source and group of the target."""

ROLES: Final = ("coordinator", "itinerant", "representative", "gatekeeper", "liaison")
"""The five roles of Gould and Fernandez, in sna's column order (``w_I w_O b_IO b_OI b_O``)."""


@dataclass(frozen=True, slots=True)
class MainPair:
    """What an organisation mostly does across sectors.

    ``role`` is its cross-sector role with the most open two-paths; ``source_sector`` and
    ``target_sector`` the pair of sectors, within that role, with the most (``paths``).
    """

    role: str
    source_sector: Hashable
    target_sector: Hashable
    paths: int


@dataclass(frozen=True, slots=True)
class Brokerage:
    """One organisation's open two-paths per role, their total, ratios to chance and main pair.

    ``vs_chance`` maps each role to observed / expected under random sectors (``None``
    where nothing is expected: no open two-path, or a role the sector sizes rule out).
    ``main`` is the :class:`MainPair`: its cross-sector role (every role but coordinator)
    with the most open two-paths and, within it, the sector pair with the most; ``None``
    when it brokers nothing across sectors.
    """

    coordinator: int
    itinerant: int
    representative: int
    gatekeeper: int
    liaison: int
    total: int
    vs_chance: Mapping[str, float | None]
    main: MainPair | None


def role_of(source: Hashable, broker: Hashable, target: Hashable) -> str:
    """The role of ``broker`` on a two-path from the groups of the three organisations.

    >>> role_of("zorg", "zorg", "wonen"), role_of("wonen", "zorg", "zorg")
    ('representative', 'gatekeeper')
    >>> role_of("wonen", "zorg", "wonen"), role_of("wonen", "zorg", "jeugd")
    ('itinerant', 'liaison')
    """
    if source == broker:
        return "coordinator" if target == broker else "representative"
    if target == broker:
        return "gatekeeper"
    return "itinerant" if source == target else "liaison"


def _arcs(G: nx.Graph[str]) -> tuple[IntArray, IntArray]:
    """Every arc once as node numbers (``G``'s order), self-loops dropped; an undirected tie both ways."""
    arrays = edge_arrays(G)
    if G.is_directed():
        return arrays.sources, arrays.targets
    return np.concatenate([arrays.sources, arrays.targets]), np.concatenate([arrays.targets, arrays.sources])


def _returns_and_closed(sources: IntArray, targets: IntArray, n: int) -> tuple[IntArray, IntArray, IntArray]:
    """Which arcs ``a -> c`` are reciprocated, and the brokers ``b`` of each arc's closed two-paths.

    An arc ``a -> c`` closes the two-paths ``a -> b -> c`` through every ``b`` in
    ``out(a) & in(c)``. Returns the reciprocated mask, the brokers (arc after arc) and
    how many brokers each arc has.
    """
    out: list[set[int]] = [set() for _ in range(n)]
    into: list[set[int]] = [set() for _ in range(n)]
    pairs = list(zip(sources.tolist(), targets.tolist(), strict=True))
    for a, c in pairs:
        out[a].add(c)
        into[c].add(a)
    back = [a in out[c] for a, c in pairs]
    brokers: list[int] = []
    per_arc: list[int] = []
    for a, c in pairs:
        between = out[a] & into[c]
        brokers.extend(between)
        per_arc.append(len(between))
    return np.array(back, dtype=bool), np.array(brokers, dtype=np.int64), np.array(per_arc, dtype=np.int64)


def _open_paths(sources: IntArray, targets: IntArray, groups: IntArray, n: int, k: int) -> Cells:
    """Open two-paths per broker ``b`` and (group of ``a``, group of ``c``): ``n x k x k``.

    All two-paths are (in-neighbours by group) x (out-neighbours by group); less those
    that return to where they started (``a == c``, a reciprocated tie) and the closed ones.
    """
    ins = np.zeros((n, k), dtype=np.int64)
    outs = np.zeros((n, k), dtype=np.int64)
    np.add.at(ins, (targets, groups[sources]), 1)
    np.add.at(outs, (sources, groups[targets]), 1)
    cells: Cells = ins[:, :, None] * outs[:, None, :]
    back, brokers, per_arc = _returns_and_closed(sources, targets, n)
    diagonal = np.arange(k)
    returns = np.zeros((n, k), dtype=np.int64)
    np.add.at(returns, (targets[back], groups[sources[back]]), 1)
    cells[:, diagonal, diagonal] -= returns
    closed = (brokers, np.repeat(groups[sources], per_arc), np.repeat(groups[targets], per_arc))
    np.subtract.at(cells, closed, 1)
    return cells


def _chance(sizes: IntArray, own: int) -> dict[str, int]:
    """Ordered pairs of distinct other organisations that make each role, under shuffled sectors.

    Sectors are shuffled over the organisations other than the broker, whose own sector
    (``own``, of ``sizes[own]`` organisations with the broker) stays; divided by all
    ``(N - 1)(N - 2)`` ordered pairs, these are the probabilities of each role.
    """
    inside = int(sizes[own]) - 1
    others = [int(s) for g, s in enumerate(sizes) if g != own]
    outside = sum(others)
    return {
        "coordinator": inside * (inside - 1),
        "itinerant": sum(s * (s - 1) for s in others),
        "representative": inside * outside,
        "gatekeeper": inside * outside,
        "liaison": outside * outside - sum(s * s for s in others),
    }


def _ratios(
    counts: Mapping[str, int], total: int, pairs: Mapping[str, int], order: int
) -> dict[str, float | None]:
    """Observed / expected per role; expected = ``total * pairs[role] / ((N - 1)(N - 2))``."""
    every = (order - 1) * (order - 2)
    return {
        role: counts[role] * every / (total * pairs[role]) if total and pairs[role] else None
        for role in ROLES
    }


def _role_masks(groups: IntArray, k: int) -> np.ndarray[tuple[int, int, int, int], np.dtype[np.bool_]]:
    """Role x broker x source group x target group: whether such a two-path plays the role.

    The roles are the cross-sector ones, ``ROLES[1:]``, in that order.
    """
    own = np.arange(k)[None, :] == groups[:, None]
    from_own, to_own = own[:, :, None], own[:, None, :]
    same_ends = np.eye(k, dtype=bool)[None, :, :]
    return np.stack(
        [
            same_ends & ~from_own,  # itinerant
            from_own & ~to_own,  # representative
            ~from_own & to_own,  # gatekeeper
            ~from_own & ~to_own & ~same_ends,  # liaison
        ]
    )


def _main_cells(cells: Cells, groups: IntArray, counts: Mapping[str, IntArray]) -> tuple[IntArray, IntArray]:
    """Per broker, its main cell across sectors (-1 where none) and that cell's open two-paths.

    The main role is the cross-sector role with the most open two-paths (ties: in
    :data:`ROLES` order); the main cell is that role's group pair with the most (ties: the
    first in the groups' order, source group first).
    """
    n, k, _ = cells.shape
    cross = np.stack([counts[role] for role in ROLES[1:]], axis=1)
    role = cross.argmax(axis=1)
    mask = _role_masks(groups, k)[role, np.arange(n)]
    flat = np.where(mask, cells, -1).reshape(n, k * k)
    best = flat.argmax(axis=1)
    best[cross.max(axis=1) <= 0] = -1
    return best, flat[np.arange(n), best]


def _role_counts(cells: Cells, groups: IntArray) -> tuple[dict[str, IntArray], IntArray]:
    """Per broker, the open two-paths of each role and in all, from its group-pair cells."""
    n = len(groups)
    own = np.arange(cells.shape[1])[None, :] == groups[:, None]  # broker x group: its own group
    coordinator = cells[np.arange(n), groups, groups]
    same_ends = np.einsum("ngg->n", cells)
    from_own = (cells * own[:, :, None]).sum(axis=(1, 2))
    to_own = (cells * own[:, None, :]).sum(axis=(1, 2))
    totals = cells.sum(axis=(1, 2))
    counts = {
        "coordinator": coordinator,
        "itinerant": same_ends - coordinator,
        "representative": from_own - coordinator,
        "gatekeeper": to_own - coordinator,
        "liaison": totals - from_own - to_own - same_ends + 2 * coordinator,
    }
    return counts, totals


@not_multigraph
def brokerage(G: nx.Graph[str], groups: str = "sector") -> dict[str, Brokerage]:
    """Gould-Fernandez brokerage roles of every organisation, with sectors as groups.

    Parameters
    ----------
    G : networkx.DiGraph
        The referral graph (``graph.project.referral_graph``): ``a -> b`` when ``a``
        referred to ``b``. Weights are not used: a tie is a tie. An undirected graph
        counts each tie both ways; self-loops are ignored.
    groups : str
        The node attribute holding the group (sector code); a node without it forms a
        group ``None`` with the others that lack it.

    Returns
    -------
    dict
        Node -> :class:`Brokerage`, for every node of ``G`` in ``G``'s order: the open
        two-paths through it per role (``coordinator``, ``itinerant``,
        ``representative``, ``gatekeeper``, ``liaison``), their ``total``, each role's
        ratio to chance (``vs_chance``) and ``main``: its main cross-sector role and, within
        that role, the sector pair it brokers most between.

    Raises
    ------
    UnsupportedGraph
        If ``G`` is a multigraph.

    Notes
    -----
    The raw counts are those of ``sna::brokerage``'s ``raw.nli`` [2]_ (checked in the
    tests against sna on the seven EMON networks and a published strike-network
    example). Rather than enumerate every two-path, the counts are computed per broker
    and pair of groups as (in-neighbours of ``a``'s group) x (out-neighbours of
    ``c``'s group), less the two-paths back to where they started and the closed ones,
    which are found from each arc ``a -> c`` as ``out(a) & in(c)``: time about linear in
    the ties plus the closed two-paths.

    The expectation behind ``vs_chance`` keeps the ties and shuffles the sectors of
    the other ``N - 1`` organisations (every node of ``G`` counts for the sector sizes).
    With ``n`` organisations in the broker's sector and ``n_h`` in each other sector
    ``h``, an ordered pair ``(a, c)`` of other organisations is a coordinator pair with
    probability ``(n - 1)(n - 2) / ((N - 1)(N - 2))``, an itinerant pair with
    ``sum n_h (n_h - 1) / ...``, a representative and a gatekeeper pair each with
    ``(n - 1)(N - n) / ...`` and a liaison pair with the rest; times ``total`` this is
    the expected count [1]_.

    Examples
    --------
    A housing organisation refers to a care organisation, which refers on within care:

    >>> G = nx.DiGraph([("w", "z1"), ("z1", "z2"), ("z2", "j")])
    >>> nx.set_node_attributes(G, {"w": "wonen", "z1": "zorg", "z2": "zorg", "j": "jeugd"}, "sector")
    >>> z1 = brokerage(G)["z1"]
    >>> z1.gatekeeper, z1.total, z1.vs_chance["gatekeeper"]
    (1, 1, 3.0)
    >>> z1.main
    MainPair(role='gatekeeper', source_sector='wonen', target_sector='zorg', paths=1)

    References
    ----------
    .. [1] Gould, R. V., & Fernandez, R. M. (1989). Structures of mediation: A formal
       approach to brokerage in transaction networks. *Sociological Methodology* 19, 89-126.
    .. [2] Butts, C. T. (2008). Social network analysis with sna. *Journal of Statistical
       Software* 24(6).
    """
    nodes = list(G)
    n = len(nodes)
    if n == 0:
        return {}
    values = [G.nodes[node].get(groups) for node in nodes]
    labels = sorted(set(values), key=lambda v: (v is not None, str(v)))
    code = {label: i for i, label in enumerate(labels)}
    group = np.array([code[v] for v in values], dtype=np.int64).reshape(n)
    k = len(labels)
    cells = _open_paths(*_arcs(G), group, n, k)
    counts, totals = _role_counts(cells, group)
    chances = [_chance(np.bincount(group, minlength=k), g) for g in range(k)]
    best, paths = _main_cells(cells, group, counts)
    result: dict[str, Brokerage] = {}
    for i, node in enumerate(nodes):
        own = {role: int(counts[role][i]) for role in ROLES}
        total, g, cell = int(totals[i]), int(group[i]), int(best[i])
        main = None
        if cell >= 0:
            source, target = labels[cell // k], labels[cell % k]
            main = MainPair(role_of(source, labels[g], target), source, target, int(paths[i]))
        result[node] = Brokerage(**own, total=total, vs_chance=_ratios(own, total, chances[g], n), main=main)
    return result
