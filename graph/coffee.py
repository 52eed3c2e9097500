"""Coffee: whom one organisation should meet, and a briefing card for a pair.

:func:`suggest_meetings` is :func:`graph.chances.suggest_links` restricted to one
organisation's candidates (the same score, the same reasons); :func:`briefing` gathers
what two organisations have in common before they meet.

>>> import networkx as nx
>>> G = nx.Graph([("linie", "gemeente"), ("gemeente", "schuldhulp"), ("linie", "mw"), ("mw", "schuldhulp")])
>>> [s.other("linie") for s in suggest_meetings(G, "linie")]
['schuldhulp']
>>> briefing(G, "linie", "schuldhulp").path
('linie', 'gemeente', 'schuldhulp')

References
----------
.. [1] Liben-Nowell, D., & Kleinberg, J. (2007). The link-prediction problem for social
   networks. *JASIST* 58(7), 1019-1031.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Final

import networkx as nx

from graph import reasons as say
from graph.chances import (
    KINDS,
    Kind,
    LinkScores,
    Suggestion,
    Weights,
    link_scores,
    suggest_links,
    suggest_overlaps,
)
from graph.errors import AnalysisError
from graph.model import Ecosystem
from graph.periods import PeriodRange
from graph.preconditions import undirected
from graph.project import agreement_in_force, organisation_flow_cells
from graph.reasons import Reason

__all__ = ["Briefing", "briefing", "suggest_meetings"]

_DEFAULT_WEIGHTS: Final = Weights()


@dataclass(frozen=True, slots=True)
class Briefing:
    """What two organisations ``a`` and ``b`` have in common: the content of a briefing card.

    ``shared_partners`` are ordered most specific first (fewest ties, then id);
    ``path`` is a shortest path ``a ... b`` (node ids) when they are not tied, else
    ``()``; ``joint_agreements``, ``a_to_b`` and ``b_to_a`` are ``None`` without an
    ecosystem; ``score`` is the suggestion score (``None`` when tied or no candidate).
    ``a_to_b_cells`` and ``b_to_a_cells`` are the same referrals per period (month or quarter,
    in order; see ``graph.project.organisation_flow_cells``), from which a partner's view is built.
    """

    a: str
    b: str
    names: tuple[str, str]
    tied: bool
    shared_partners: tuple[str, ...]
    shared_areas: tuple[str, ...]
    scores: LinkScores
    path: tuple[str, ...]
    joint_agreements: tuple[str, ...] | None
    a_to_b: int | None
    b_to_a: int | None
    score: float | None
    reasons: tuple[Reason, ...]
    a_to_b_cells: tuple[int, ...] | None = None
    b_to_a_cells: tuple[int, ...] | None = None


@undirected
def suggest_meetings(
    G: nx.Graph[str],
    organisation: str,
    *,
    top: int = 5,
    area_names: Mapping[str, str] | None = None,
    weights: Weights = _DEFAULT_WEIGHTS,
    kind: Kind = "kennismaken",
) -> list[Suggestion]:
    """Whom this organisation should meet, best first, and why.

    Parameters
    ----------
    G : networkx.Graph
        The undirected organisation graph (node attributes ``sector``, ``wijken``).
    organisation : str
        The organisation asking.
    top : int
        How many suggestions at most.
    area_names : mapping, optional
        Wijk code -> name, for the reasons.
    weights : Weights
        As in :func:`graph.chances.suggest_links`.
    kind : {"kennismaken", "afstemmen"}
        Complementary sectors (:func:`graph.chances.suggest_links`) or the own sector
        (:func:`graph.chances.suggest_overlaps`).

    Returns
    -------
    list of Suggestion
        The pairs of ``organisation`` as :func:`graph.chances.suggest_links` scores and
        orders them (``source < target``; use ``Suggestion.other``).

    Raises
    ------
    AnalysisError
        If the organisation is not in the graph.
    UnsupportedGraph
        If ``G`` is directed or a multigraph.

    Notes
    -----
    The candidates are the organisation's 2-hop neighbours; the score, the order, the
    introducer and the reasons are those of ``suggest_links`` (one formula, documented
    there); the list is not spread out, as the organisation is in every pair.

    Examples
    --------
    >>> G = nx.Graph([("a", "z"), ("b", "z"), ("a", "y"), ("b", "y"), ("y", "c")])
    >>> [(s.other("a"), round(s.score, 3), s.introducer) for s in suggest_meetings(G, "a")]
    [('b', 3.263, 'z'), ('c', 1.443, 'y')]

    References
    ----------
    .. [1] Adamic, L. A., & Adar, E. (2003). Friends and neighbors on the Web. *Social
       Networks* 25(3), 211-230.
    """
    suggest = suggest_links if kind == "kennismaken" else suggest_overlaps
    return suggest(G, top=top, around=(organisation,), area_names=area_names, weights=weights)


def _flows(eco: Ecosystem, a: str, b: str, periods: PeriodRange) -> tuple[tuple[int, ...], tuple[int, ...]]:
    """The referrals a -> b and b -> a per period (the cells of the data, in period order)."""
    cells = organisation_flow_cells(eco, periods)
    forward, backward = cells.get((a, b), {}), cells.get((b, a), {})
    return tuple(forward[p] for p in sorted(forward)), tuple(backward[p] for p in sorted(backward))


def _practice(
    eco: Ecosystem | None, a: str, b: str, periods: PeriodRange
) -> tuple[tuple[str, ...] | None, int | None, int | None, list[Reason]]:
    """Joint agreements in force, referrals both ways, and their reasons (``None`` without eco)."""
    if eco is None:
        return None, None, None, []
    joint = [ag for ag in eco.agreements if {a, b} <= set(ag.parties) and agreement_in_force(ag, periods)]
    forward, backward = (sum(cells) for cells in _flows(eco, a, b, periods))
    reasons = [say.joint_agreements([ag.name for ag in joint])] if joint else []
    reasons += [say.referrals_both_ways(forward, backward)] if forward or backward else []
    return tuple(ag.id for ag in joint), forward, backward, reasons


def _path(G: nx.Graph[str], a: str, b: str) -> tuple[str, ...]:
    try:
        return tuple(nx.shortest_path(G, a, b))
    except nx.NetworkXNoPath:
        return ()


def _name(G: nx.Graph[str], node: str) -> str:
    return str(G.nodes[node].get("name") or node)


def _shared(G: nx.Graph[str], a: str, b: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Shared partners (fewest ties first, then id) and shared wijken."""
    partners = sorted(set(G[a]) & set(G[b]) - {a, b}, key=lambda z: (G.degree(z), z))
    wijken = sorted(set(G.nodes[a].get("wijken") or ()) & set(G.nodes[b].get("wijken") or ()))
    return tuple(partners), tuple(wijken)


def _what_they_share(
    G: nx.Graph[str], partners: tuple[str, ...], wijken: tuple[str, ...], area_names: Mapping[str, str] | None
) -> list[Reason]:
    found = [say.shared_partners(len(partners), [_name(G, z) for z in partners])] if partners else []
    return found + ([say.shared_areas(wijken, area_names)] if wijken else [])


@undirected
def briefing(
    G: nx.Graph[str],
    a: str,
    b: str,
    *,
    eco: Ecosystem | None = None,
    periods: PeriodRange = PeriodRange(),
    area_names: Mapping[str, str] | None = None,
) -> Briefing:
    """A briefing for a meeting of ``a`` and ``b``: what they share and how they connect.

    Parameters
    ----------
    G : networkx.Graph
        The undirected organisation graph.
    a, b : str
        The two organisations.
    eco : Ecosystem, optional
        The snapshot ``G`` came from; needed for joint agreements and referral flows.
    periods : PeriodRange
        With ``eco``: only flows in, and agreements in force during, this range.
    area_names : mapping, optional
        Wijk code -> name, for the reasons.

    Returns
    -------
    Briefing
        Shared partners, shared wijken, NetworkX link scores, a shortest path when not
        tied, joint agreements and flows both ways (with ``eco``), and reasons: the
        suggestion's reasons when the pair is a candidate of
        :func:`graph.chances.suggest_links`, else what they share; then the tie or the
        path, the agreements and the flows.

    Raises
    ------
    AnalysisError
        If ``a`` or ``b`` is not in the graph, or ``a == b``.
    UnsupportedGraph
        If ``G`` is directed or a multigraph.

    Examples
    --------
    >>> G = nx.Graph([("a", "z"), ("b", "z"), ("a", "y"), ("b", "y")])
    >>> card = briefing(G, "a", "b")
    >>> card.shared_partners, card.path, card.tied
    (('y', 'z'), ('a', 'z', 'b'), False)
    >>> [r.en for r in card.reasons]
    ['2 shared partners: y and z', 'y can introduce them', 'connected through z']

    References
    ----------
    .. [1] Liben-Nowell, D., & Kleinberg, J. (2007). The link-prediction problem for
       social networks. *JASIST* 58(7), 1019-1031.
    """
    if a == b or a not in G or b not in G:
        raise AnalysisError(f"a briefing needs two different organisations in the graph, not {a!r} and {b!r}")
    tied, (partners, wijken) = G.has_edge(a, b), _shared(G, a, b)
    mine = [s for kind in KINDS for s in suggest_meetings(G, a, top=len(G), area_names=area_names, kind=kind)]
    found = next((s for s in mine if s.other(a) == b), None)
    path = () if tied else _path(G, a, b)
    reasons = list(found.reasons) if found else _what_they_share(G, partners, wijken, area_names)
    reasons.append(say.direct_tie() if tied else say.path_through([_name(G, z) for z in path[1:-1]]))
    joint, forward, backward, practice = _practice(eco, a, b, periods)
    cells = _flows(eco, a, b, periods) if eco is not None else (None, None)
    names = (_name(G, a), _name(G, b))
    scores = link_scores(G, [(a, b)])[a, b]
    score = found.score if found else None
    return Briefing(
        a,
        b,
        names,
        tied,
        partners,
        wijken,
        scores,
        path,
        joint,
        forward,
        backward,
        score,
        (*reasons, *practice),
        *cells,
    )
