"""The organisation graph with every attribute a plain scalar, ready for Gephi and Kumu.

Network files (GEXF, GraphML) and spreadsheets hold one number, text or yes/no per cell:
no lists, no ``None``. :func:`annotated_graph` takes the organisation graph of
``graph.project`` and gives each node and tie only such values, with the measures of
``graph.bottlenecks`` added. Lists are joined with ``|`` (``LIST_SEPARATOR``); an absent
value (no KvK number, no capacity, Burt's measures of an organisation without ties) is
left out rather than written as ``None`` or ``nan``, because neither format can hold it.

Node attributes
    ``label`` (name), ``sector`` (code), ``sector_label``, ``municipality``, ``areas``
    (codes), ``area_names`` (same order as ``areas``; the code where the name is
    unknown), ``kvk``, ``capacity``, ``parent_id``, ``expertise``, ``description``;
    measures ``degree`` (ties), ``weighted_degree`` (sum of tie weights, also called
    strength), ``betweenness`` (hops), ``weighted_betweenness`` (tie length
    ``1 / weight``), ``constraint`` and ``effective_size`` (Burt), ``articulation_point``
    and ``referrals_in`` / ``referrals_out`` (referrals between organisations in the
    chosen periods); the brokerage roles on the referral graph of those periods
    (``graph.brokerage``) as ``brokerage_coordinator``, ``brokerage_itinerant``,
    ``brokerage_representative``, ``brokerage_gatekeeper``, ``brokerage_liaison`` and
    ``brokerage_total``.
Tie attributes
    ``id`` (``"a|b"``, the ids in order), ``weight`` (a float, as GEXF and Gephi hold it),
    the layer counts ``agreements``, ``professionals`` and ``referrals`` (as
    ``graph.project`` counts them) and ``layers`` (the layers with a count above 0).
Graph attributes
    ``name``, ``layers``, ``periods`` and ``betweenness`` (``exact`` or how it was sampled).

Each attribute has one type on every node (or tie): ``str``, ``int``, ``float`` or
``bool``. Betweenness follows ``ketenkaart analyse``: exact up to its budget, estimated
above it (KADABRA; the weighted one then stays exact).

>>> from graph.model import Agreement, Ecosystem, Organisation
>>> from graph.taxonomy import AgreementKind, Sector
>>> orgs = (Organisation("A", "Zorg & Co", Sector.ZORG, areas=("WK1", "WK2"), kvk="123"),
...         Organisation("B", "Wonen \\"Thuis\\"", Sector.WONEN), Organisation("C", "Café", Sector.WELZIJN))
>>> pact = Agreement("X", "Convenant", AgreementKind.COVENANT, parties=("A", "B"))
>>> G = annotated_graph(Ecosystem(organisations=orgs, agreements=(pact,)))
>>> G.nodes["A"]["areas"], G.nodes["A"]["sector_label"], G.nodes["A"]["degree"]
('WK1|WK2', 'Zorg', 1)
>>> "kvk" in G.nodes["B"], "constraint" in G.nodes["C"]
(False, False)
>>> G.edges["A", "B"]["id"], G.edges["A", "B"]["weight"], G.edges["A", "B"]["layers"]
('A|B', 1.0, 'agreements')
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from typing import Any

import networkx as nx

from graph.analysis import EXACT_BUDGET, betweenness_error, period_label
from graph.bottlenecks import NodeMeasures, node_measures
from graph.brokerage import ROLES, Brokerage, brokerage
from graph.model import Ecosystem, Organisation
from graph.periods import PeriodRange
from graph.project import LAYER_NAMES, Layers, organisation_graph, referral_graph
from graph.taxonomy import Language

__all__ = ["SEPARATOR", "Scalar", "annotated_graph"]

SEPARATOR = "|"
"""Joins list values into one text value (as ``loaders.tables.LIST_SEPARATOR`` and Kumu)."""

Scalar = str | int | float | bool


def _joined(values: Iterable[str]) -> str:
    return SEPARATOR.join(values)


def _present(values: Mapping[str, Scalar | None]) -> dict[str, Scalar]:
    """Drop absent values: ``None``, empty text and ``nan``."""
    return {
        key: value
        for key, value in values.items()
        if value is not None and value != "" and not (isinstance(value, float) and math.isnan(value))
    }


def _describe(org: Organisation, area_names: Mapping[str, str], language: Language) -> dict[str, Scalar]:
    return _present(
        {
            "label": org.name,
            "sector": org.sector.value,
            "sector_label": org.sector.label(language),
            "municipality": org.municipality,
            "areas": _joined(org.areas),
            "area_names": _joined(area_names.get(code, code) for code in org.areas),
            "kvk": org.kvk,
            "capacity": org.capacity,
            "parent_id": org.parent_id,
            "expertise": _joined(org.expertise),
            "description": org.description,
        }
    )


def _roles(found: Brokerage) -> dict[str, Scalar]:
    """The brokerage role counts as ``brokerage_<role>`` and ``brokerage_total``."""
    return {f"brokerage_{role}": int(getattr(found, role)) for role in (*ROLES, "total")}


def _measures(
    graph: nx.Graph[str], node: str, m: NodeMeasures, referrals: nx.DiGraph[str]
) -> dict[str, Scalar]:
    return _present(
        {
            "degree": int(graph.degree(node)),
            "weighted_degree": float(graph.degree(node, weight="weight")),
            "betweenness": float(m.betweenness),
            "weighted_betweenness": float(m.weighted_betweenness or 0.0),
            "constraint": float(m.constraint),
            "effective_size": float(m.effective_size),
            "articulation_point": bool(m.articulation_point),
            "referrals_in": int(referrals.in_degree(node, weight="weight")),
            "referrals_out": int(referrals.out_degree(node, weight="weight")),
        }
    )


def _tie(a: str, b: str, data: Mapping[str, Any]) -> dict[str, Scalar]:
    counts = {name: int(data[name]) for name in LAYER_NAMES}
    return {
        "id": f"{a}{SEPARATOR}{b}",
        "weight": float(data["weight"]),
        **counts,
        "layers": _joined(name for name in LAYER_NAMES if counts[name] > 0),
    }


def annotated_graph(
    eco: Ecosystem,
    *,
    layers: Layers = Layers(),
    periods: PeriodRange = PeriodRange(),
    seed: int = 0,
    language: Language = "nl",
    exact_budget: int = EXACT_BUDGET,
    referrals: nx.DiGraph[str] | None = None,
) -> nx.Graph[str]:
    """The organisation graph with scalar attributes and measures, for network files.

    Parameters
    ----------
    eco : Ecosystem
        A snapshot from a store.
    layers : Layers
        Which kinds of tie make up the graph (``graph.project.organisation_graph``).
    periods : PeriodRange
        Agreements in force and referrals within this range count; so do
        ``referrals_in`` and ``referrals_out``.
    seed : int
        Seed of the betweenness sample on large graphs: same seed, same values.
    language : {"nl", "en"}
        Language of ``sector_label``.
    exact_budget : int
        Largest ``organisations * ties`` for which betweenness is exact (as ``analyse``).
    referrals : networkx.DiGraph, optional
        ``graph.project.referral_graph(eco, periods=periods)`` when the caller has it
        already; built here otherwise.

    Returns
    -------
    networkx.Graph
        One node per organisation in id order, one tie per tied pair in id order; the
        attributes of the module docstring, absent values left out. ``betweenness``,
        ``constraint``, ``effective_size`` and ``articulation_point`` equal those of
        ``ketenkaart analyse --json`` for the same layers, periods and seed; so does
        ``weighted_betweenness`` while betweenness is exact (``analyse`` leaves it out
        when sampled, this estimates it from the same sample).

    Raises
    ------
    AnalysisError
        If a tie weight is not a positive number (never for a valid ecosystem).

    Notes
    -----
    ``betweenness`` counts hops; ``weighted_betweenness`` takes a tie's length to be
    ``1 / weight``, so routes over strong ties are short [1]_ [2]_. ``constraint`` and
    ``effective_size`` use the weights as Burt does [3]_ and are undefined (left out)
    for an organisation without ties. ``referrals_in`` and ``referrals_out`` follow
    ``graph.project.organisation_flows``: a professional's referral counts for each of
    their employers and referrals to oneself are left out, whichever layers are chosen.
    So do the ``brokerage_*`` counts, which equal ``nodes[].brokerage`` of ``analyse``.

    Examples
    --------
    >>> from graph.model import Ecosystem, Organisation, ReferralFlow
    >>> from graph.periods import Period
    >>> from graph.taxonomy import ActorKind, Sector
    >>> orgs = tuple(Organisation(i, f"Org {i}", Sector.ZORG, capacity=5) for i in "ABC")
    >>> m = Period.parse("2025-01")
    >>> flows = (ReferralFlow(ActorKind.ORGANISATION, "A", "B", m, "", 3),
    ...          ReferralFlow(ActorKind.ORGANISATION, "B", "C", m, "", 2))
    >>> G = annotated_graph(Ecosystem(organisations=orgs, flows=flows), language="en")
    >>> b = G.nodes["B"]
    >>> b["sector_label"], b["capacity"], b["referrals_in"], b["referrals_out"]
    ('Care', 5, 3, 2)
    >>> b["betweenness"], b["articulation_point"], b["weighted_degree"]
    (1.0, True, 5.0)
    >>> b["brokerage_coordinator"], b["brokerage_total"]
    (1, 1)
    >>> G.graph["betweenness"], G.graph["layers"]
    ('exact', 'agreements|professionals|referrals|reported')

    References
    ----------
    .. [1] Freeman, L. C. (1977). A set of measures of centrality based on betweenness.
       *Sociometry* 40(1), 35-41.
    .. [2] Opsahl, T., Agneessens, F., & Skvoretz, J. (2010). Node centrality in weighted
       networks: generalizing degree and shortest paths. *Social Networks* 32(3), 245-251.
    .. [3] Burt, R. S. (1992). *Structural Holes: The Social Structure of Competition.*
       Cambridge, MA: Harvard University Press.
    """
    source = organisation_graph(eco, layers=layers, periods=periods)
    error = betweenness_error(source, exact_budget)  # as graph.analysis: KADABRA above the budget
    measures = {m.id: m for m in node_measures(source, weight="weight", error=error, seed=seed)}
    if referrals is None:
        referrals = referral_graph(eco, periods=periods)
    roles = brokerage(referrals)
    area_names = {area.code: area.name for area in eco.areas}
    graph: nx.Graph[str] = nx.Graph(
        name="Ketenkaart",
        layers=_joined(layers.names()),
        periods=period_label(periods),
        betweenness="exact" if error is None else f"estimated within {error} (KADABRA, 90% confidence)",
    )
    for org in eco.organisations:
        graph.add_node(
            org.id,
            **_describe(org, area_names, language),
            **_measures(source, org.id, measures[org.id], referrals),
            **_roles(roles[org.id]),
        )
    ties = sorted((((min(a, b), max(a, b)), data) for a, b, data in source.edges(data=True)), key=_pair)
    graph.add_edges_from((a, b, _tie(a, b, data)) for (a, b), data in ties)
    return graph


def _pair(tie: tuple[tuple[str, str], Any]) -> tuple[str, str]:
    return tie[0]
