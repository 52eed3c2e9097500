"""Gaps and chances: explained missing-link suggestions and the gaps an alliance manager looks for.

On the undirected organisation graph (``graph.project.organisation_graph``):

- :func:`suggest_links`: "kennismaken", untied pairs of complementary sectors that serve
  the same residents, each with readable reasons and an introducer;
- :func:`suggest_overlaps`: "afstemmen", untied pairs of one sector with overlapping
  partners and wijken: possible duplication or competition;
- :func:`suggest_both`: the two lists at once (the analysis uses it);
- :func:`pair_scores`: the one score both lists are ranked by, for every candidate pair
  (what ``benchmarks/bench_ranking.py`` measures);
- :func:`link_scores`: common neighbours, Jaccard, Adamic-Adar and resource allocation of
  given pairs, exactly as NetworkX defines them;
- :func:`sector_gaps`: per wijk, pairs of sectors present there without any tie there;
- :func:`absent_sectors`: per wijk, sectors no organisation serves.

What the referral data says about agreements and practice (agreements without referrals,
ping-pong, shared specialists, ambassadors) is in :mod:`graph.practice`.

Every result is a frozen dataclass with ``reasons`` (``graph.reasons.Reason``, Dutch and
English) and turns into plain JSON data with ``dataclasses.asdict``.

>>> import networkx as nx
>>> G = nx.Graph([("linie", "gemeente"), ("gemeente", "schuldhulp"), ("linie", "mw"), ("mw", "schuldhulp"),
...               ("gemeente", "mw")])
>>> nx.set_node_attributes(G, {"linie": "wonen", "gemeente": "gemeente", "mw": "hulpverlening",
...                            "schuldhulp": "werk_inkomen"}, "sector")
>>> nx.set_node_attributes(G, ("WK01",), "wijken")
>>> best = suggest_links(G, top=1)[0]
>>> best.source, best.target, round(best.score, 3), best.introducer
('linie', 'schuldhulp', 5.771, 'gemeente')
>>> for reason in best.reasons:
...     print(reason.en)
2 shared partners: gemeente and mw
both active in WK01
housing and 'work and income' have no tie in WK01
gemeente can introduce them

References
----------
.. [1] Liben-Nowell, D., & Kleinberg, J. (2007). The link-prediction problem for social
   networks. *JASIST* 58(7), 1019-1031.
.. [2] Adamic, L. A., & Adar, E. (2003). Friends and neighbors on the Web. *Social
   Networks* 25(3), 211-230.
.. [3] Lü, L., & Zhou, T. (2010). Link prediction in weighted networks: The role of weak
   ties. *EPL* 89(1), 18001.
"""

from __future__ import annotations

import heapq
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Final, Literal, Protocol

import networkx as nx
import numpy as np
import numpy.typing as npt
from scipy import sparse

from graph import reasons as say
from graph.arrays import FloatArray, IntArray, edge_arrays, shared_view
from graph.errors import AnalysisError
from graph.preconditions import undirected
from graph.reasons import Reason
from graph.taxonomy import Sector

__all__ = [
    "ALL_CANDIDATES_UP_TO",
    "AT_MOST",
    "KINDS",
    "WINDOW",
    "AbsentSector",
    "Kind",
    "LinkScores",
    "SectorGap",
    "Specialist",
    "Suggestion",
    "Weights",
    "absent_sectors",
    "link_scores",
    "pair_scores",
    "sector_gaps",
    "suggest_both",
    "suggest_links",
    "suggest_overlaps",
]

Pair = tuple[str, str]
Kind = Literal["kennismaken", "afstemmen"]
KINDS: Final[tuple[Kind, Kind]] = ("kennismaken", "afstemmen")


# --------------------------------------------------------------------------- results


ALL_CANDIDATES_UP_TO = 50_000  # ties; above, candidates are same-wijk 2-hop pairs only
WINDOW: Final = 20  # a ranked list holds no organisation more than AT_MOST times in any WINDOW entries
AT_MOST: Final = 2
_NO_TRADE: Final = frozenset({Sector.OVERIG.value})  # a catch-all sector: sharing it says nothing


@dataclass(frozen=True, slots=True)
class Suggestion:
    """An untied pair that should meet; ``source < target``; ``score`` = sum of reason weights.

    ``kind`` is ``"kennismaken"`` (complementary sectors: get to know each other) or
    ``"afstemmen"`` (one sector: coordinate, possible duplication); ``introducer`` is the
    shared partner with the strongest ties to both, who can make the introduction (``None``
    without a shared partner).
    """

    source: str
    target: str
    score: float
    reasons: tuple[Reason, ...]
    introducer: str | None = None
    kind: Kind = "kennismaken"

    def other(self, organisation: str) -> str:
        """The other organisation of the pair."""
        return self.target if organisation == self.source else self.source


@dataclass(frozen=True, slots=True)
class LinkScores:
    """Neighbourhood scores of one pair, as NetworkX defines them."""

    common_neighbours: int
    jaccard: float
    adamic_adar: float
    resource_allocation: float


@dataclass(frozen=True, slots=True)
class Weights:
    """How much the overlap of the wijken served raises a suggestion's score (see :func:`suggest_links`)."""

    areas: float = 1.0


class Specialist(Protocol):
    """A shared-specialist chance (``graph.practice.SpecialistOpportunity``): one role, small posts."""

    @property
    def role(self) -> str: ...
    @property
    def areas(self) -> tuple[str, ...]: ...
    @property
    def organisations(self) -> tuple[str, ...]: ...


@dataclass(frozen=True, slots=True)
class SectorGap:
    """Two sectors both present in a wijk, without a tie between their organisations there."""

    area: str
    sectors: tuple[str, str]
    organisations: tuple[int, int]
    reasons: tuple[Reason, ...]


@dataclass(frozen=True, slots=True)
class AbsentSector:
    """A sector that no organisation serves in a wijk."""

    area: str
    sector: str
    reasons: tuple[Reason, ...]


# --------------------------------------------------------------------------- sparse view


@dataclass(frozen=True)
class _Index:
    """The graph as sparse matrices: adjacency, tie weights, organisation x wijk, sectors."""

    nodes: list[str]
    adjacency: sparse.csr_array
    weighted: sparse.csr_array  # tie weights (1 where the attribute is missing)
    discount: FloatArray  # 1 / ln(1 + strength) per node, 0 without ties
    degree: FloatArray
    areas: sparse.csr_array  # organisation x wijk, 1 where it serves the wijk
    wijken: list[str]
    wijk_at: dict[str, int]
    sector: IntArray  # sector position per node; len(sectors) when unknown
    sectors: list[str]
    tied: npt.NDArray[np.bool_]  # wijk x sector x sector: some tie there between the two sectors


def _incidence(
    rows: Sequence[int] | IntArray, cols: Sequence[int] | IntArray, shape: tuple[int, int]
) -> sparse.csr_array:
    data = np.ones(len(rows))
    matrix = sparse.csr_array((data, (np.asarray(rows, int), np.asarray(cols, int))), shape=shape)
    matrix.data[:] = 1.0  # duplicates were summed
    return matrix


def _index(G: nx.Graph[str]) -> _Index:
    """The sparse view of ``G``: built once per graph inside ``graph.arrays.shared_views``
    (the analysis asks for it in the suggestions, the sector gaps and the absent sectors)."""
    return shared_view("chances_index", G, None, lambda: _built_index(G))


def _built_index(G: nx.Graph[str]) -> _Index:
    nodes = sorted(G)
    at = {node: i for i, node in enumerate(nodes)}
    arrays = edge_arrays(G, weight="weight")  # G's node order, no self-loops
    position = np.fromiter((at[node] for node in arrays.nodes), dtype=np.int64, count=len(nodes))
    us, vs = position[arrays.sources], position[arrays.targets]
    both, other = np.concatenate([us, vs]), np.concatenate([vs, us])
    adjacency = _incidence(both, other, (len(nodes), len(nodes)))
    ties = np.concatenate([arrays.weights, arrays.weights]).astype(float)
    weighted = sparse.csr_array((ties, (both, other)), shape=(len(nodes), len(nodes)))
    degree = np.asarray(adjacency.sum(axis=1), float).ravel()
    strength = np.asarray(weighted.sum(axis=1), float).ravel()
    discount = np.zeros(len(nodes))
    discount[strength > 0] = 1.0 / np.log1p(strength[strength > 0])
    served = [tuple(G.nodes[node].get("wijken") or ()) for node in nodes]
    wijken = sorted({w for ws in served for w in ws})
    w_at = {w: i for i, w in enumerate(wijken)}
    pairs = [(i, w_at[w]) for i, ws in enumerate(served) for w in ws]
    areas = _incidence([p[0] for p in pairs], [p[1] for p in pairs], (len(nodes), len(wijken)))
    codes = [G.nodes[node].get("sector") for node in nodes]
    sectors = sorted({str(c) for c in codes if c is not None})
    sector = np.array([sectors.index(str(c)) if c is not None else len(sectors) for c in codes], int)
    tied = np.zeros((len(wijken), len(sectors) + 1, len(sectors) + 1), bool)
    shared = areas[us].multiply(areas[vs]).tocoo()
    s, t = sector[us[shared.row]], sector[vs[shared.row]]
    tied[shared.col, s, t] = tied[shared.col, t, s] = True
    return _Index(nodes, adjacency, weighted, discount, degree, areas, wijken, w_at, sector, sectors, tied)


# --------------------------------------------------------------------------- suggestions


@dataclass(frozen=True)
class _Scored:
    rows: IntArray
    cols: IntArray
    partners: FloatArray  # weighted Adamic-Adar of the shared partners
    wijken: FloatArray  # number of wijken both serve
    areas: FloatArray  # what the wijk overlap adds
    score: FloatArray
    same: npt.NDArray[np.bool_]  # one sector (afstemmen)


def _rows(matrix: sparse.csr_array, chosen: IntArray) -> sparse.csr_array:
    return matrix if len(chosen) == matrix.shape[0] else matrix[chosen]


def _layered(matrix: sparse.csr_array, rows: IntArray, layers: IntArray, count: int) -> sparse.csr_array:
    """Row ``rows[i]`` of ``matrix`` as row ``i``, its columns moved to layer ``layers[i]`` of ``count``.

    Column ``c`` becomes ``layers[i] * width + c``; a row keeps the order of its entries
    (a product sums in that order).

    >>> M = sparse.csr_array([[0.0, 2.0], [3.0, 0.0]])
    >>> _layered(M, np.array([0, 1, 0]), np.array([1, 0, 0]), 2).toarray()
    array([[0., 0., 0., 2.],
           [3., 0., 0., 0.],
           [0., 2., 0., 0.]])
    """
    width = matrix.shape[1]
    starts = matrix.indptr[rows]
    lengths = matrix.indptr[rows + 1] - starts
    indptr = np.concatenate([[0], np.cumsum(lengths)])
    at = np.arange(indptr[-1]) + np.repeat(starts - indptr[:-1], lengths)
    columns = matrix.indices[at] + np.repeat(layers.astype(np.int64) * width, lengths)
    return sparse.csr_array((matrix.data[at], columns, indptr), shape=(len(rows), count * width))


def _same_wijk_sums(
    ix: _Index, chosen: IntArray, by_weight: sparse.csr_array, by_tie: sparse.csr_array
) -> tuple[IntArray, IntArray, FloatArray]:
    """The partner sums of the pairs that share a wijk, summed one wijk at a time.

    Each wijk of an organisation in ``chosen`` is a row, each wijk of any organisation a
    column, and a shared partner counts only between a row and a column of one wijk (a
    layer of partners per wijk), so the product never holds the pairs without a shared
    wijk. A pair's sum runs over the same partners in the same order as in the product
    over all pairs, so it is the same to the last bit; a pair sharing several wijken has
    it in each and is kept once.
    """
    count = len(ix.wijken)
    mine, every = _rows(ix.areas, chosen).tocoo(), ix.areas.tocoo()
    to_tie = _layered(ix.adjacency, every.row, every.col, count).T
    to_weight = _layered(ix.weighted, every.row, every.col, count).T
    sums = sparse.csr_array(
        _layered(by_weight, mine.row, mine.col, count) @ to_tie
        + _layered(by_tie, mine.row, mine.col, count) @ to_weight
    )
    found = sums.tocoo()
    rows, cols = chosen[mine.row[found.row]], every.row[found.col]
    _, first = np.unique(rows * len(ix.nodes) + cols, return_index=True)
    return rows[first], cols[first], found.data[first]


def _candidates(ix: _Index, chosen: IntArray) -> tuple[IntArray, IntArray, FloatArray, FloatArray]:
    """Untied pairs (row < col) at distance 2, with one end in ``chosen``.

    Above ``ALL_CANDIDATES_UP_TO`` ties only the pairs that also share a wijk: the 2-hop
    pairs grow to tens of millions at a province's size.

    ``chosen`` is sorted; returns the pairs (each once, in no particular order) with
    their weighted Adamic-Adar sums and shared wijken.
    """
    discount = sparse.diags_array(ix.discount)
    by_weight = _rows(ix.weighted, chosen) @ discount  # w(u, z) / ln(1 + s_z)
    by_tie = _rows(ix.adjacency, chosen) @ discount
    if ix.adjacency.nnz // 2 > ALL_CANDIDATES_UP_TO:
        rows, cols, partners = _same_wijk_sums(ix, chosen, by_weight, by_tie)
    else:
        found = sparse.csr_array(by_weight @ ix.adjacency + by_tie @ ix.weighted).tocoo()
        rows, cols, partners = chosen[found.row], found.col, found.data
    in_chosen = np.zeros(len(ix.nodes), bool)
    in_chosen[chosen] = True
    # a pair once, no self pair; a sum of 0 (ties of weight 0) is no shared partner
    keep = (partners != 0) & (rows != cols) & ((rows < cols) | ~in_chosen[cols])
    rows, cols, partners = rows[keep], cols[keep], partners[keep]
    if not len(rows):  # scipy answers an empty pair index with a sparse array
        return rows, cols, partners, np.zeros(0)
    untied = ix.adjacency[rows, cols] == 0
    rows, cols, partners = rows[untied], cols[untied], partners[untied]
    wijken = np.asarray(ix.areas[rows].multiply(ix.areas[cols]).sum(axis=1), float).ravel()
    return np.minimum(rows, cols), np.maximum(rows, cols), partners, wijken


def _score(ix: _Index, chosen: IntArray, weights: Weights) -> _Scored:
    rows, cols, partners, wijken = _candidates(ix, chosen)
    count = np.asarray(ix.areas.sum(axis=1)).ravel()
    smaller = np.maximum(np.minimum(count[rows], count[cols]), 1)
    areas = partners * weights.areas * wijken / smaller
    s, t = ix.sector[rows], ix.sector[cols]
    trade = np.array([code not in _NO_TRADE for code in ix.sectors] + [False], bool)
    same = (s == t) & trade[s]
    return _Scored(rows, cols, partners, wijken, areas, partners + areas, same)


def _introducer_strength(ix: _Index, rows: IntArray, cols: IntArray) -> FloatArray:
    """Per pair: the largest ``min(w(u, z), w(z, v))`` over shared partners ``z``."""
    if not len(rows):
        return np.zeros(0)
    both = ix.weighted[rows].minimum(ix.weighted[cols])
    return np.asarray(both.max(axis=1).todense(), float).ravel()


def _ordered(ix: _Index, scored: _Scored, subset: IntArray) -> IntArray:
    """``subset`` best first: score, then the stronger introducer, more shared wijken, fewer ties, ids."""
    rows, cols = scored.rows[subset], scored.cols[subset]
    strength = _introducer_strength(ix, rows, cols)
    ties = ix.degree[rows] + ix.degree[cols]
    keys = (cols, rows, ties, -scored.wijken[subset], -strength, -scored.score[subset])
    return subset[np.lexsort(keys)]


def _cut(scored: _Scored, subset: IntArray, size: int) -> IntArray:
    """The ``size`` best of ``subset`` by score, plus every pair tied with the last of them."""
    values = scored.score[subset]
    if 0 < size < len(subset):
        cut = np.partition(values, len(values) - size)[len(values) - size]
        kept: IntArray = subset[values >= cut]
        return kept
    return subset


def _spread(order: IntArray, rows: IntArray, cols: IntArray, top: int) -> list[int]:
    """Greedy: at each place the best pair that keeps every organisation at most ``AT_MOST``
    times in the last ``WINDOW`` places; ends early when no remaining pair fits.

    A pair that does not fit waits under an organisation that blocks it and is looked at
    again once that organisation drops out of the window, so each place costs little even
    when thousands of pairs share one organisation (a star).
    """
    us, vs = rows[order].tolist(), cols[order].tolist()
    recent: Counter[int] = Counter()  # appearances in the last WINDOW - 1 places
    waiting: dict[int, list[int]] = {}  # organisation -> positions in ``order`` it blocks
    ready: list[int] = []  # a heap of positions released from waiting
    chosen: list[int] = []
    scan = 0

    def blocker(at: int) -> int | None:
        return next((x for x in (us[at], vs[at]) if recent[x] >= AT_MOST), None)

    def fitting() -> int | None:
        nonlocal scan
        while ready:
            at = heapq.heappop(ready)
            blocked = blocker(at)
            if blocked is None:
                return at
            waiting.setdefault(blocked, []).append(at)
        while scan < len(us):
            at, scan = scan, scan + 1
            blocked = blocker(at)
            if blocked is None:
                return at
            waiting.setdefault(blocked, []).append(at)
        return None

    while len(chosen) < top:
        at = fitting()
        if at is None:
            break
        chosen.append(at)
        recent.update((us[at], vs[at]))
        if len(chosen) >= WINDOW:  # the place that leaves the window of the next place
            old = chosen[-WINDOW]
            for x in (us[old], vs[old]):
                recent[x] -= 1
                if recent[x] == AT_MOST - 1:
                    for released in waiting.pop(x, []):
                        heapq.heappush(ready, released)
    return [int(order[at]) for at in chosen]


def _best(ix: _Index, scored: _Scored, subset: IntArray, top: int, diverse: bool) -> list[int]:
    """The ``top`` pairs to return, in order (diversified when ``diverse``)."""
    if not diverse:
        return [int(k) for k in _ordered(ix, scored, _cut(scored, subset, top))[:top]]
    size = top * WINDOW
    while True:
        order = _ordered(ix, scored, _cut(scored, subset, size))
        chosen = _spread(order, scored.rows, scored.cols, top)
        if len(chosen) >= top or len(order) == len(subset):
            return chosen
        size *= 4


def _name(G: nx.Graph[str], node: str) -> str:
    return str(G.nodes[node].get("name") or node)


def _introducer(G: nx.Graph[str], u: str, v: str, common: Iterable[str]) -> str | None:
    """The shared partner with the strongest ties to both: largest weaker tie, then larger sum,
    then fewer ties (more specific), then id."""
    ties_u, ties_v = G[u], G[v]

    def key(z: str) -> tuple[float, float, int, str]:
        a, b = float(ties_u[z].get("weight", 1.0)), float(ties_v[z].get("weight", 1.0))
        return (-min(a, b), -(a + b), len(G[z]), z)

    return min(common, key=key, default=None)


def _specialist_reasons(
    u: str, v: str, specialists: Sequence[Specialist], names: Mapping[str, str] | None
) -> list[Reason]:
    return [
        say.specialist_overlap(s.role, s.areas, names)
        for s in specialists
        if u in s.organisations and v in s.organisations
    ]


def _suggestion(
    G: nx.Graph[str],
    ix: _Index,
    scored: _Scored,
    k: int,
    names: Mapping[str, str] | None,
    specialists: Sequence[Specialist],
) -> Suggestion:
    u, v = ix.nodes[scored.rows[k]], ix.nodes[scored.cols[k]]
    common = set(G[u]) & set(G[v]) - {u, v}
    introducer = _introducer(G, u, v, common)
    found: list[Reason] = []
    if common:
        listed = [_name(G, z) for z in sorted(common, key=lambda z: (G.degree(z), z))]
        found.append(say.shared_partners(len(common), listed, weight=float(scored.partners[k])))
    wijken = sorted(set(G.nodes[u].get("wijken") or ()) & set(G.nodes[v].get("wijken") or ()))
    if wijken:
        found.append(say.shared_areas(wijken, names, weight=float(scored.areas[k])))
    s, t = ix.sector[scored.rows[k]], ix.sector[scored.cols[k]]
    if scored.same[k]:
        union = set(G[u]) | set(G[v])
        found.append(say.same_sector(ix.sectors[s], len(common) / max(len(union - {u, v}), 1)))
        found += _specialist_reasons(u, v, specialists, names)
    elif s < len(ix.sectors) and t < len(ix.sectors) and s != t:
        a, b = ix.sectors[s], ix.sectors[t]
        gaps = [w for w in wijken if not ix.tied[ix.wijk_at[w], s, t]]
        found.append(say.sector_gap(a, b, gaps, names) if gaps else say.different_sectors(a, b))
    if introducer is not None:
        found.append(say.introduced_by(_name(G, introducer)))
    kind: Kind = "afstemmen" if scored.same[k] else "kennismaken"
    return Suggestion(u, v, float(scored.score[k]), tuple(found), introducer, kind)


def _suggest(
    G: nx.Graph[str],
    kinds: Sequence[Kind],
    *,
    top: int,
    around: Iterable[str] | None,
    area_names: Mapping[str, str] | None,
    weights: Weights,
    specialists: Iterable[Specialist] = (),
) -> list[list[Suggestion]]:
    """One list per kind, from one scoring of the candidates."""
    if top < 0:
        raise ValueError("top must be >= 0")
    ix = _index(G)
    chosen = _positions(ix, around)
    scored = _score(ix, chosen, weights)
    listed = list(specialists)
    found = []
    for kind in kinds:
        subset = np.flatnonzero(scored.same if kind == "afstemmen" else ~scored.same)
        picked = _best(ix, scored, subset, top, diverse=around is None)
        found.append([_suggestion(G, ix, scored, k, area_names, listed) for k in picked])
    return found


@undirected
def suggest_both(
    G: nx.Graph[str],
    *,
    top: int = 50,
    area_names: Mapping[str, str] | None = None,
    weights: Weights = Weights(),
    specialists: Iterable[Specialist] = (),
) -> tuple[list[Suggestion], list[Suggestion]]:
    """:func:`suggest_links` and :func:`suggest_overlaps` at once, scoring the candidates once.

    >>> G = nx.Graph([("a", "z"), ("b", "z"), ("c", "z")])
    >>> nx.set_node_attributes(G, {"a": "zorg", "b": "zorg", "c": "wonen", "z": "jeugd"}, "sector")
    >>> [[(s.source, s.target) for s in found] for found in suggest_both(G)]
    [[('a', 'c'), ('b', 'c')], [('a', 'b')]]
    """
    links, overlaps = _suggest(
        G, KINDS, top=top, around=None, area_names=area_names, weights=weights, specialists=specialists
    )
    return links, overlaps


@undirected
def suggest_links(
    G: nx.Graph[str],
    *,
    top: int = 50,
    around: Iterable[str] | None = None,
    area_names: Mapping[str, str] | None = None,
    weights: Weights = Weights(),
) -> list[Suggestion]:
    r"""Kennismaken: untied pairs of complementary sectors that serve the same residents, best first.

    Parameters
    ----------
    G : networkx.Graph
        The undirected organisation graph; node attributes ``sector`` (code) and
        ``wijken`` (wijk codes) and the edge attribute ``weight`` (default 1) are used.
        Self-loops are ignored.
    top : int
        How many suggestions to return at most.
    around : iterable of str, optional
        Only pairs with at least one organisation in here (default: every organisation);
        the list is then not spread out (see Notes).
    area_names : mapping, optional
        Wijk code -> name, for the reasons (default: codes).
    weights : Weights
        How much the wijk overlap raises the score.

    Returns
    -------
    list of Suggestion
        ``kind`` ``"kennismaken"``, ``source < target``, each with its ``introducer``.

    Raises
    ------
    AnalysisError
        If an organisation in ``around`` is not in the graph.
    UnsupportedGraph
        If ``G`` is directed or a multigraph.

    Notes
    -----
    **Candidates** are the untied pairs with a shared partner (distance 2). **Complementary**
    means: not of one trade, i.e. two different sectors, or a sector unknown, or both
    ``overig`` (a catch-all that says nothing of a shared trade). Every sector of the
    taxonomy serves the same residents from another side, so any two may need each
    other; the pairs of one sector go to :func:`suggest_overlaps`. The sectors are *not*
    weighted by how often they already tie in the data: in a siloed municipality that
    would rank last exactly the ties across silos that an introduction is for.

    **Score** (one formula for both lists, :func:`pair_scores`):

    .. math::

        s(u, v) = \Big(\sum_{z \in \Gamma(u) \cap \Gamma(v)}
            \frac{w_{uz} + w_{zv}}{\ln(1 + s_z)}\Big)
            \Big(1 + w_a \frac{|W_u \cap W_v|}{\min(|W_u|, |W_v|)}\Big)

    with :math:`\Gamma` the partners, :math:`w` the tie weights (shared agreements,
    professionals and referrals), :math:`s_z = \sum_y w_{zy}` a partner's strength,
    :math:`W` the wijken served (the fraction is 0 when either serves none) and
    :math:`w_a = 1` (``weights.areas``). The first factor is the weighted Adamic-Adar
    index of Lü and Zhou [3]_: referrals through a shared partner say the two serve the
    same residents, a busy hub says less than a specialised partner. The second doubles
    it when one organisation works wherever the other does. Without weights and wijken it
    ranks like Adamic-Adar [2]_. The reasons carry the two terms as weights (they add up to
    the score); the sector and the introducer are reasons of weight 0.

    **Order**: by score; equal scores by the stronger introducer (the larger weaker tie
    of the best shared partner: the introduction most likely to be made), then more shared
    wijken, then fewer ties between them (one introduction adds more), then ids (only
    for determinism). The **introducer** is the shared partner with the largest weaker tie
    to the two (then the larger sum, fewer ties, id).

    **Spread**: without ``around``, no organisation appears more than ``AT_MOST`` (2)
    times in any ``WINDOW`` (20) consecutive places: at each place the best remaining pair
    that fits. The list ends early when no remaining pair fits (a star's leaves, say).

    Examples
    --------
    >>> G = nx.Graph([("a", "z"), ("b", "z"), ("a", "y"), ("b", "y"), ("y", "c")])
    >>> [(s.source, s.target, round(s.score, 3), s.introducer) for s in suggest_links(G)]
    [('y', 'z', 3.641, 'a'), ('a', 'b', 3.263, 'z'), ('a', 'c', 1.443, 'y'), ('b', 'c', 1.443, 'y')]
    >>> [(r.code, round(r.weight, 3)) for r in suggest_links(G)[1].reasons]
    [('shared-partners', 3.263), ('introducer', 0.0)]

    References
    ----------
    .. [1] Liben-Nowell, D., & Kleinberg, J. (2007). The link-prediction problem for
       social networks. *JASIST* 58(7), 1019-1031.
    .. [2] Adamic, L. A., & Adar, E. (2003). Friends and neighbors on the Web. *Social
       Networks* 25(3), 211-230.
    .. [3] Lü, L., & Zhou, T. (2010). Link prediction in weighted networks: The role of
       weak ties. *EPL* 89(1), 18001.
    """
    return _suggest(G, ("kennismaken",), top=top, around=around, area_names=area_names, weights=weights)[0]


@undirected
def suggest_overlaps(
    G: nx.Graph[str],
    *,
    top: int = 50,
    around: Iterable[str] | None = None,
    area_names: Mapping[str, str] | None = None,
    weights: Weights = Weights(),
    specialists: Iterable[Specialist] = (),
) -> list[Suggestion]:
    """Afstemmen: untied pairs of one sector with overlapping partners and wijken, best first.

    The same candidates, score, order, introducer and spread as :func:`suggest_links`,
    for the pairs of one sector (``overig`` excepted): organisations that serve the same
    residents with the same trade, so possible duplication or competition to talk about.

    Parameters
    ----------
    G, top, around, area_names, weights
        As in :func:`suggest_links`.
    specialists : iterable
        Shared-specialist chances (``graph.practice.shared_specialist_opportunities``):
        a pair that holds the same small role adds a reason to share one specialist.

    Returns
    -------
    list of Suggestion
        ``kind`` ``"afstemmen"``; the reasons add the share of partners they share.

    Examples
    --------
    >>> G = nx.Graph([("a", "z"), ("b", "z"), ("a", "y"), ("b", "y")])
    >>> nx.set_node_attributes(G, {"a": "zorg", "b": "zorg", "y": "wonen", "z": "jeugd"}, "sector")
    >>> [(s.source, s.target, s.kind, s.introducer) for s in suggest_overlaps(G)]
    [('a', 'b', 'afstemmen', 'y')]
    >>> suggest_overlaps(G)[0].reasons[1].en
    'same sector (care), 100% of partners shared: duplication or competition?'

    References
    ----------
    .. [1] Lü, L., & Zhou, T. (2010). Link prediction in weighted networks: The role of
       weak ties. *EPL* 89(1), 18001.
    """
    return _suggest(
        G,
        ("afstemmen",),
        top=top,
        around=around,
        area_names=area_names,
        weights=weights,
        specialists=specialists,
    )[0]


@undirected
def pair_scores(G: nx.Graph[str], *, weights: Weights = Weights()) -> dict[Pair, float]:
    """The score of :func:`suggest_links` for every candidate pair, of either kind.

    Pairs that are not candidates (tied, or without a shared partner) score 0 and are
    left out. For measuring the ranking (``benchmarks/bench_ranking.py``) on small graphs.

    Examples
    --------
    >>> scores = pair_scores(nx.path_graph(["a", "b", "c"]))
    >>> {pair: round(value, 3) for pair, value in scores.items()}
    {('a', 'c'): 1.82}
    """
    ix = _index(G)
    scored = _score(ix, np.arange(len(ix.nodes)), weights)
    return {
        (ix.nodes[r], ix.nodes[c]): float(s)
        for r, c, s in zip(scored.rows, scored.cols, scored.score, strict=True)
    }


def _positions(ix: _Index, around: Iterable[str] | None) -> IntArray:
    if around is None:
        return np.arange(len(ix.nodes))
    at = {node: i for i, node in enumerate(ix.nodes)}
    wanted = sorted(set(around))
    missing = [node for node in wanted if node not in at]
    if missing:
        raise AnalysisError(f"organisation(s) not in the graph: {', '.join(missing)}")
    return np.array([at[node] for node in wanted], int)


@undirected
def link_scores(G: nx.Graph[str], pairs: Iterable[Pair]) -> dict[Pair, LinkScores]:
    r"""Common neighbours, Jaccard, Adamic-Adar and resource allocation of the given pairs.

    The values are NetworkX's own (``nx.common_neighbors``, ``nx.jaccard_coefficient``,
    ``nx.adamic_adar_index``, ``nx.resource_allocation_index``), computed for the given
    pairs only: never for all non-edges.

    Parameters
    ----------
    G : networkx.Graph
        An undirected graph.
    pairs : iterable of (str, str)
        The pairs to score; the keys of the result, as given.

    Returns
    -------
    dict
        Pair -> :class:`LinkScores`.

    Notes
    -----
    Jaccard is :math:`|\Gamma(u) \cap \Gamma(v)| / |\Gamma(u) \cup \Gamma(v)|` with the
    neighbour sets as they are (0 when both are empty), so for a tied pair the union holds
    ``u`` and ``v`` themselves. R igraph's ``similarity(method = "jaccard", loops = FALSE)``
    gives the same; with ``loops = TRUE`` it adds each vertex to its own set.

    Examples
    --------
    >>> G = nx.Graph([("a", "z"), ("b", "z"), ("a", "y"), ("b", "y"), ("y", "c")])
    >>> scores = link_scores(G, [("a", "b")])[("a", "b")]
    >>> scores.common_neighbours, scores.jaccard, round(scores.adamic_adar, 3)
    (2, 1.0, 2.353)

    References
    ----------
    .. [1] Liben-Nowell, D., & Kleinberg, J. (2007). The link-prediction problem for
       social networks. *JASIST* 58(7), 1019-1031 (common neighbours, Jaccard,
       Adamic-Adar [2]_, resource allocation [3]_ as link predictors).
    .. [2] Adamic, L. A., & Adar, E. (2003). Friends and neighbors on the Web. *Social
       Networks* 25(3), 211-230.
    .. [3] Zhou, T., Lü, L., & Zhang, Y.-C. (2009). Predicting missing links via local
       information. *The European Physical Journal B* 71(4), 623-630.
    """
    asked = list(dict.fromkeys(pairs))
    jaccard = {(u, v): p for u, v, p in nx.jaccard_coefficient(G, asked)}
    adamic = {(u, v): p for u, v, p in nx.adamic_adar_index(G, asked)}
    allocation = {(u, v): p for u, v, p in nx.resource_allocation_index(G, asked)}
    return {
        (u, v): LinkScores(
            len(list(nx.common_neighbors(G, u, v))),
            float(jaccard[u, v]),
            float(adamic[u, v]),
            float(allocation[u, v]),
        )
        for u, v in asked
    }


# --------------------------------------------------------------------------- sectors per wijk


def _presence(ix: _Index) -> npt.NDArray[np.int64]:
    """Wijk x sector: how many organisations of the sector serve the wijk."""
    onehot = _incidence(range(len(ix.nodes)), list(ix.sector), (len(ix.nodes), len(ix.sectors) + 1))
    return np.asarray((ix.areas.T @ onehot).toarray(), np.int64)


@undirected
def sector_gaps(G: nx.Graph[str], *, area_names: Mapping[str, str] | None = None) -> list[SectorGap]:
    """Per wijk, the pairs of sectors both present there with no tie between them there.

    Parameters
    ----------
    G : networkx.Graph
        The organisation graph, with node attributes ``sector`` and ``wijken``.
    area_names : mapping, optional
        Wijk code -> name, for the reasons.

    Returns
    -------
    list of SectorGap
        Sorted by wijk code, then sector codes; ``organisations`` counts the organisations
        of each sector serving the wijk.

    Notes
    -----
    Two sectors have a tie in a wijk when an edge joins an organisation of one sector and
    an organisation of the other, both serving that wijk. These gaps are where
    :func:`suggest_links` gives its sector-gap bonus.

    Examples
    --------
    >>> G = nx.Graph([("a", "b")])
    >>> G.add_node("c")
    >>> nx.set_node_attributes(G, {"a": "wonen", "b": "zorg", "c": "jeugd"}, "sector")
    >>> nx.set_node_attributes(G, ("WK01",), "wijken")
    >>> [(g.area, g.sectors) for g in sector_gaps(G)]
    [('WK01', ('jeugd', 'wonen')), ('WK01', ('jeugd', 'zorg'))]

    References
    ----------
    .. [1] Burt, R. S. (1992). *Structural Holes: The Social Structure of Competition*.
       Harvard University Press (a missing tie between two groups as a structural hole).
    """
    ix = _index(G)
    present = _presence(ix)
    found = []
    for w, wijk in enumerate(ix.wijken):
        for s, t in _sector_pairs(ix, present[w]):
            if not ix.tied[w, s, t]:
                a, b = ix.sectors[s], ix.sectors[t]
                reason = say.sector_gap(
                    a, b, (wijk,), area_names, weight=float(present[w, s] + present[w, t])
                )
                found.append(SectorGap(wijk, (a, b), (int(present[w, s]), int(present[w, t])), (reason,)))
    return found


def _sector_pairs(ix: _Index, present: npt.NDArray[np.int64]) -> list[tuple[int, int]]:
    here = [s for s in range(len(ix.sectors)) if present[s]]
    return [(s, t) for i, s in enumerate(here) for t in here[i + 1 :]]


@undirected
def absent_sectors(
    G: nx.Graph[str],
    *,
    sectors: Iterable[Sector] | None = None,
    wijken: Iterable[str] | None = None,
    area_names: Mapping[str, str] | None = None,
) -> list[AbsentSector]:
    """Per wijk, the sectors that no organisation serves there.

    Parameters
    ----------
    G : networkx.Graph
        The organisation graph, with node attributes ``sector`` and ``wijken``.
    sectors : iterable of Sector, optional
        The sectors to look for (default: every sector present anywhere in ``G``).
    wijken : iterable of str, optional
        The wijken to look at (default: every wijk some organisation serves).
    area_names : mapping, optional
        Wijk code -> name, for the reasons.

    Returns
    -------
    list of AbsentSector
        Sorted by wijk code, then sector code.

    Examples
    --------
    >>> G = nx.Graph()
    >>> G.add_node("a", sector="jeugd", wijken=("WK01",))
    >>> G.add_node("b", sector="zorg", wijken=("WK01", "WK02"))
    >>> [(a.area, a.sector) for a in absent_sectors(G, area_names={"WK02": "Haven"})]
    [('WK02', 'jeugd')]
    >>> absent_sectors(G, area_names={"WK02": "Haven"})[0].reasons[0].en
    'no youth organisation serves Haven (1 serve other districts)'
    """
    ix = _index(G)
    present = _presence(ix)
    wanted = sorted(s.value for s in sectors) if sectors is not None else ix.sectors
    places = sorted(set(wijken)) if wijken is not None else ix.wijken
    found = []
    for wijk in places:
        for code in wanted:
            s = ix.sectors.index(code) if code in ix.sectors else None
            w = ix.wijken.index(wijk) if wijk in ix.wijken else None
            if s is None or w is None or not present[w, s]:
                elsewhere = int(np.count_nonzero(ix.sector == s)) if s is not None else 0
                reason = say.absent_sector(code, wijk, area_names, elsewhere)
                found.append(AbsentSector(wijk, code, (reason,)))
    return found
