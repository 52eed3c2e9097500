"""Gaps and chances: explained missing-link suggestions and the gaps an alliance manager looks for.

On the undirected organisation graph (``graph.project.organisation_graph``):

- :func:`suggest_links`: pairs that are not tied but should meet, each with readable reasons;
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
>>> best.source, best.target, round(best.score, 3)
('linie', 'schuldhulp', 4.32)
>>> for reason in best.reasons:
...     print(reason.en)
2 shared partners: gemeente and mw
both active in WK01
housing and 'work and income' have no tie in WK01

References
----------
.. [1] Liben-Nowell, D., & Kleinberg, J. (2007). The link-prediction problem for social
   networks. *JASIST* 58(7), 1019-1031.
.. [2] Adamic, L. A., & Adar, E. (2003). Friends and neighbors on the Web. *Social
   Networks* 25(3), 211-230.
.. [3] Zhou, T., Lü, L., & Zhang, Y.-C. (2009). Predicting missing links via local
   information. *The European Physical Journal B* 71(4), 623-630.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

import networkx as nx
import numpy as np
import numpy.typing as npt
from scipy import sparse

from graph import reasons as say
from graph.arrays import FloatArray, IntArray, edge_arrays
from graph.errors import AnalysisError
from graph.preconditions import undirected
from graph.reasons import Reason
from graph.taxonomy import Sector

__all__ = [
    "ALL_CANDIDATES_UP_TO",
    "AbsentSector",
    "LinkScores",
    "SectorGap",
    "Suggestion",
    "Weights",
    "absent_sectors",
    "link_scores",
    "sector_gaps",
    "suggest_links",
]

Pair = tuple[str, str]


# --------------------------------------------------------------------------- results


ALL_CANDIDATES_UP_TO = 50_000  # ties; above, candidates are same-wijk 2-hop pairs only


@dataclass(frozen=True, slots=True)
class Suggestion:
    """A pair that is not tied but should meet; ``source < target``; ``score`` = sum of reason weights."""

    source: str
    target: str
    score: float
    reasons: tuple[Reason, ...]

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
    """How much each kind of reason adds to a suggestion's score (see :func:`suggest_links`)."""

    areas: float = 1.0
    sectors: float = 0.5
    sector_gap: float = 1.0


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
    """The graph as sparse matrices: adjacency, organisation x wijk, sectors and tied sector pairs."""

    nodes: list[str]
    adjacency: sparse.csr_array
    adamic_adar: FloatArray  # 1 / ln(degree) per node, 0 below degree 2
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
    nodes = sorted(G)
    at = {node: i for i, node in enumerate(nodes)}
    arrays = edge_arrays(G)  # G's node order, no self-loops
    position = np.fromiter((at[node] for node in arrays.nodes), dtype=np.int64, count=len(nodes))
    us, vs = position[arrays.sources], position[arrays.targets]
    adjacency = _incidence(np.concatenate([us, vs]), np.concatenate([vs, us]), (len(nodes), len(nodes)))
    degree = np.asarray(adjacency.sum(axis=1)).ravel()
    weight = np.zeros(len(nodes))
    weight[degree > 1] = 1.0 / np.log(degree[degree > 1])
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
    return _Index(nodes, adjacency, weight, areas, wijken, w_at, sector, sectors, tied)


# --------------------------------------------------------------------------- suggestions


@dataclass(frozen=True)
class _Scored:
    rows: IntArray
    cols: IntArray
    partners: FloatArray
    areas: FloatArray
    sectors: FloatArray
    score: FloatArray


def _rows(matrix: sparse.csr_array, chosen: IntArray) -> sparse.csr_array:
    return matrix if len(chosen) == matrix.shape[0] else matrix[chosen]


def _candidates(ix: _Index, chosen: IntArray) -> tuple[IntArray, IntArray, FloatArray, FloatArray]:
    """Pairs (row < col) at distance 2 or sharing a wijk, with one end in ``chosen``; not tied.

    Above ``ALL_CANDIDATES_UP_TO`` ties only pairs at distance 2 *and* sharing a wijk are
    candidates: the union grows to tens of millions of pairs at a province's size.

    ``chosen`` is sorted; returns the pairs with their Adamic-Adar sums and shared wijken.
    """
    partners = _rows(ix.adjacency, chosen) @ sparse.diags_array(ix.adamic_adar) @ ix.adjacency
    shared = _rows(ix.areas, chosen) @ ix.areas.T
    if ix.adjacency.nnz // 2 > ALL_CANDIDATES_UP_TO:  # large graphs: 2-hop pairs that share a wijk
        either = partners.multiply(shared.astype(bool))
    else:
        either = partners + shared
    either = either - either.multiply(_rows(ix.adjacency, chosen))
    either.eliminate_zeros()
    at, cols = either.nonzero()
    rows = chosen[at]
    in_chosen = np.zeros(len(ix.nodes), bool)
    in_chosen[chosen] = True
    keep = (rows != cols) & ((rows < cols) | ~in_chosen[cols])
    at, rows, cols = at[keep], rows[keep], cols[keep]
    if not len(at):
        return rows, cols, np.zeros(0), np.zeros(0)
    partners.sort_indices()
    shared.sort_indices()
    aa, wijken = np.asarray(partners[at, cols], float), np.asarray(shared[at, cols], float)
    return np.minimum(rows, cols), np.maximum(rows, cols), aa, wijken


def _gap_counts(ix: _Index, rows: IntArray, cols: IntArray) -> FloatArray:
    """For each pair: in how many shared wijken its two sectors have no tie."""
    shared = ix.areas[rows].multiply(ix.areas[cols]).tocoo()
    s, t = ix.sector[rows[shared.row]], ix.sector[cols[shared.row]]
    untied = ~ix.tied[shared.col, s, t]
    counts = np.bincount(shared.row, weights=untied.astype(float), minlength=len(rows))
    return np.asarray(counts, float)


def _score(ix: _Index, chosen: IntArray, weights: Weights) -> _Scored:
    rows, cols, partners, shared = _candidates(ix, chosen)
    count = np.asarray(ix.areas.sum(axis=1)).ravel()
    smaller = np.maximum(np.minimum(count[rows], count[cols]), 1)
    areas = weights.areas * shared / smaller
    s, t = ix.sector[rows], ix.sector[cols]
    differ = (s != t) & (s < len(ix.sectors)) & (t < len(ix.sectors))
    gap = differ & (_gap_counts(ix, rows, cols) > 0)
    sectors = weights.sectors * differ + weights.sector_gap * gap
    return _Scored(rows, cols, partners, areas, sectors, partners + areas + sectors)


def _ordered(scored: _Scored, subset: IntArray) -> IntArray:
    """``subset`` by score (descending), then row, then column."""
    return subset[np.lexsort((scored.cols[subset], scored.rows[subset], -scored.score[subset]))]


def _top(scored: _Scored, subset: IntArray, top: int) -> IntArray:
    """The ``top`` best of ``subset``; only those that can make it (ties included) are sorted."""
    values = scored.score[subset]
    if 0 < top < len(subset):
        cut = np.partition(values, len(values) - top)[len(values) - top]
        subset = subset[values >= cut]
    return _ordered(scored, subset)[:top]


def _best(scored: _Scored, top: int, per_organisation: int | None) -> IntArray:
    """The pairs to return: the ``top`` best, among those in one end's ``per_organisation`` best."""
    subset = np.arange(len(scored.rows))
    if per_organisation is not None:
        ends = np.concatenate([scored.rows, scored.cols])
        others = np.concatenate([scored.cols, scored.rows])
        both = np.concatenate([scored.score, scored.score])
        ranked = np.lexsort((others, -both, ends))
        rank = np.arange(len(ranked)) - np.searchsorted(ends[ranked], ends[ranked], "left")
        subset = np.unique(ranked[rank < per_organisation] % len(scored.rows))
    return _top(scored, subset, top)


def _name(G: nx.Graph[str], node: str) -> str:
    return str(G.nodes[node].get("name") or node)


def _reasons(
    G: nx.Graph[str], ix: _Index, scored: _Scored, k: int, names: Mapping[str, str] | None
) -> tuple[Reason, ...]:
    u, v = ix.nodes[scored.rows[k]], ix.nodes[scored.cols[k]]
    found: list[Reason] = []
    common = sorted(set(G[u]) & set(G[v]) - {u, v}, key=lambda z: (G.degree(z), z))
    if common:
        listed = [_name(G, z) for z in common]
        found.append(say.shared_partners(len(common), listed, weight=float(scored.partners[k])))
    wijken = sorted(set(G.nodes[u].get("wijken") or ()) & set(G.nodes[v].get("wijken") or ()))
    if wijken:
        found.append(say.shared_areas(wijken, names, weight=float(scored.areas[k])))
    if scored.sectors[k]:
        s, t = ix.sector[scored.rows[k]], ix.sector[scored.cols[k]]
        a, b = ix.sectors[s], ix.sectors[t]
        gaps = [w for w in wijken if not ix.tied[ix.wijk_at[w], s, t]]
        weight = float(scored.sectors[k])
        found.append(
            say.sector_gap(a, b, gaps, names, weight=weight)
            if gaps
            else say.different_sectors(a, b, weight=weight)
        )
    return tuple(found)


@undirected
def suggest_links(
    G: nx.Graph[str],
    *,
    top: int = 50,
    per_organisation: int | None = None,
    around: Iterable[str] | None = None,
    area_names: Mapping[str, str] | None = None,
    weights: Weights = Weights(),
) -> list[Suggestion]:
    r"""Untied pairs of organisations that should meet, best first, each with its reasons.

    Parameters
    ----------
    G : networkx.Graph
        The undirected organisation graph; node attributes ``sector`` (code) and
        ``wijken`` (wijk codes) are used when present. Self-loops are ignored.
    top : int
        How many suggestions to return at most.
    per_organisation : int, optional
        Keep a pair only if it is among the ``per_organisation`` best pairs of one of its
        two organisations (so a few hubs cannot fill the whole list).
    around : iterable of str, optional
        Only pairs with at least one organisation in here (default: every organisation).
    area_names : mapping, optional
        Wijk code -> name, for the reasons (default: codes).
    weights : Weights
        The weights of the area and sector terms below.

    Returns
    -------
    list of Suggestion
        Sorted by score (descending), then ``source``, then ``target``; ``source < target``.

    Raises
    ------
    AnalysisError
        If an organisation in ``around`` is not in the graph.
    UnsupportedGraph
        If ``G`` is directed or a multigraph.

    Notes
    -----
    Candidates are the pairs at distance 2 plus the pairs serving a common wijk; existing
    edges and self pairs never are; all other non-edges are never looked at. They come
    from masked sparse products: :math:`A D A` (:math:`D = \mathrm{diag}(1/\ln k)`) and
    :math:`B B^T` (:math:`B` organisation x wijk). For a candidate pair :math:`(u, v)`

    .. math::

        s(u, v) = \sum_{z \in \Gamma(u) \cap \Gamma(v)} \frac{1}{\ln k_z}
            + w_a \frac{|W_u \cap W_v|}{\min(|W_u|, |W_v|)}
            + w_s [S_u \ne S_v] + w_g [S_u \ne S_v \wedge \exists\, x \in W_u \cap W_v:
              \text{no tie between } S_u \text{ and } S_v \text{ in } x]

    with :math:`\Gamma` the neighbours, :math:`k` the degree, :math:`W` the wijken served,
    :math:`S` the sector, and :math:`w_a = 1`, :math:`w_s = 0.5`, :math:`w_g = 1` by default
    (``weights``). The first term is the Adamic-Adar index [2]_ of the shared partners
    (it discounts hubs by :math:`1/\ln k`; resource allocation [3]_, :math:`1/k`, would all
    but ignore a shared broker). The second is the overlap of the wijken served: 1 when one
    organisation works everywhere the other does. Two sectors have a tie in wijk :math:`x`
    when an edge joins organisations of those sectors that both serve :math:`x`. Each term
    is one reason; the reason weights add up to the score.

    Examples
    --------
    >>> G = nx.Graph([("a", "z"), ("b", "z"), ("a", "y"), ("b", "y"), ("y", "c")])
    >>> [(s.source, s.target, round(s.score, 3)) for s in suggest_links(G)]
    [('y', 'z', 2.885), ('a', 'b', 2.353), ('a', 'c', 0.91), ('b', 'c', 0.91)]
    >>> [(r.code, round(r.weight, 3), r.en) for r in suggest_links(G)[1].reasons]
    [('shared-partners', 2.353, '2 shared partners: z and y')]

    References
    ----------
    .. [1] Liben-Nowell, D., & Kleinberg, J. (2007). The link-prediction problem for
       social networks. *JASIST* 58(7), 1019-1031.
    .. [2] Adamic, L. A., & Adar, E. (2003). Friends and neighbors on the Web. *Social
       Networks* 25(3), 211-230.
    .. [3] Zhou, T., Lü, L., & Zhang, Y.-C. (2009). Predicting missing links via local
       information. *The European Physical Journal B* 71(4), 623-630.
    """
    if top < 0 or (per_organisation is not None and per_organisation < 1):
        raise ValueError("top must be >= 0 and per_organisation >= 1")
    ix = _index(G)
    chosen = _positions(ix, around)
    scored = _score(ix, chosen, weights)
    return [
        Suggestion(
            ix.nodes[scored.rows[k]],
            ix.nodes[scored.cols[k]],
            float(scored.score[k]),
            _reasons(G, ix, scored, int(k), area_names),
        )
        for k in _best(scored, top, per_organisation)
    ]


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
