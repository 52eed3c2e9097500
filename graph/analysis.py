"""The whole analysis of one ecosystem, as plain data.

``analyse`` is what ``ketenkaart analyse --json`` prints and what the report and the app
show: density and silos, bottlenecks, chances and gaps, and change over time, for the
chosen layers and periods. Every value is plain JSON data (dicts, lists, numbers,
strings; ``None`` where a measure is undefined). ``docs/analytics.md`` explains each key
for an alliance manager.

Betweenness is exact while ``n * m`` stays within ``exact_budget`` (1,000 organisations
with 10,000 ties); above it, it is estimated with a guarantee: KADABRA samples shortest
paths until every organisation's value lies within an error (:data:`BETWEENNESS_ERROR`,
finer for larger graphs) of the exact one with probability 0.9 (``error=`` of
``graph.bottlenecks.betweenness``), clipped to [0, 1], and ``scope.betweenness`` says so.
The rank agreement of the estimate with exact betweenness is measured in
``benchmarks/bench_analytics.py --agreement``.
Weighted betweenness is only computed when exact, to keep large analyses interactive.
(:func:`betweenness_samples` and :data:`SAMPLES` keep the former pivot counts for
callers that sample pivots themselves.)

>>> from graph.model import Agreement, Ecosystem, Organisation
>>> from graph.taxonomy import AgreementKind, Sector
>>> sectors = (Sector.ZORG, Sector.ZORG, Sector.WONEN)
>>> orgs = tuple(Organisation(i, f"Org {i}", s) for i, s in zip("ABC", sectors))
>>> ties = (Agreement("X", "x", AgreementKind.COVENANT, parties=("A", "B")),
...         Agreement("Y", "y", AgreementKind.COVENANT, parties=("B", "C")))
>>> result = analyse(Ecosystem(organisations=orgs, agreements=ties))
>>> result["density"], result["articulation_points"], result["bridges"]
(0.6666666666666666, ['B'], [['A', 'B'], ['B', 'C']])
>>> [s["source"] + "-" + s["target"] for s in result["suggestions"]]
['A-C']
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import fields, is_dataclass
from typing import Any

import networkx as nx

from graph.arrays import shared_views
from graph.bottlenecks import (
    articulation_points,
    bridges,
    kern,
    node_measures,
    referral_load,
    sole_tie_professionals,
)
from graph.brokerage import brokerage
from graph.chances import Specialist, absent_sectors, sector_gaps, suggest_both
from graph.density import density, density_by_area, sector_matrix
from graph.mixing import ei_by_group, ei_index, mixing_defined, silo_index
from graph.model import Ecosystem
from graph.periods import Period, PeriodRange
from graph.practice import agreement_gaps, ambassador_index, ping_pong, shared_specialist_opportunities
from graph.project import Layers, organisation_graph, referral_graph
from graph.survey import Response, SurveyRound
from graph.timeline import diff, periods_of, previous_range, trend

__all__ = [
    "BETWEENNESS_ERROR",
    "EXACT_BUDGET",
    "FEW_SAMPLES",
    "FINE_ERROR",
    "SAMPLES",
    "analyse",
    "analyse_graph",
    "betweenness_error",
    "betweenness_samples",
    "period_label",
    "plain",
]

EXACT_BUDGET = 10_000_000  # n * m up to 1k organisations / 10k ties: exact betweenness
# Sampled source organisations above that, by number of ties (Spearman with exact, measured
# in benchmarks/bench_analytics.py: 0.99 at 2k/20k with 1000, 0.958 at 10k/200k with 500,
# 0.959 on a 10k region of 50k/1M with 200).
SAMPLES = ((50_000, 1_000), (250_000, 500))
FEW_SAMPLES = 200
BETWEENNESS_ERROR = ((5_000, 0.0025),)
"""Above the exact budget: the largest error of an estimated (normalised) betweenness, with
probability 0.9, by number of organisations; :data:`FINE_ERROR` above. Ranks need a finer
error in a larger graph, where most values are smaller. Measured against exact betweenness on
the synthetic ecosystems (``benchmarks/bench_analytics.py --agreement``): at 2k / 20k ties
0.0025 gave Spearman 0.979 and 20 of the top 20 in a fifth of exact's time; at 10k / 200k
0.0025 gave only 0.893, 0.00125 gave 0.960 and 20 of the top 20 (500 pivots: 0.958, 19 of
20, 1.3x slower)."""
FINE_ERROR = 0.00125


def plain(value: Any) -> Any:
    """Turn analysis results into JSON data: dataclasses to dicts, tuples to lists, NaN to None.

    >>> plain({"a": (1, float("nan"))})
    {'a': [1, None]}
    """
    kind = type(value)  # the exact built-in types first: most of a result (measured: 2x faster)
    if kind is str or kind is int or kind is bool or value is None:
        return value
    if kind is float:
        return value if math.isfinite(value) else None
    if kind is dict:
        return {str(k): plain(v) for k, v in value.items()}
    if kind is list or kind is tuple:
        return [plain(v) for v in value]
    names = _FIELDS.get(kind)
    if names is not None:
        return {name: plain(getattr(value, name)) for name in names}
    return _plain_other(value)


_FIELDS: dict[type, tuple[str, ...]] = {}
"""Field names per dataclass type met by :func:`plain`."""


def _plain_other(value: Any) -> Any:
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if value is None or isinstance(value, str | int):
        return value
    if is_dataclass(value) and not isinstance(value, type):  # field by field: no deep copy
        names = _FIELDS[type(value)] = tuple(f.name for f in fields(value))
        return {name: plain(getattr(value, name)) for name in names}
    if isinstance(value, Mapping):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        items = sorted(value) if isinstance(value, set | frozenset) else value
        return [plain(v) for v in items]
    return value


def betweenness_samples(graph: nx.Graph[str], exact_budget: int) -> int | None:
    """How many source organisations betweenness samples on ``graph``; ``None``: exact.

    Exact while organisations x ties stays within ``exact_budget``; above it, the number
    from :data:`SAMPLES` for the graph's ties (at most the number of organisations).

    >>> betweenness_samples(nx.path_graph(5), EXACT_BUDGET) is None
    True
    """
    work = graph.number_of_nodes() * graph.number_of_edges()
    if work <= exact_budget:
        return None
    ties = graph.number_of_edges()
    samples = next((k for limit, k in SAMPLES if ties <= limit), FEW_SAMPLES)
    return min(samples, graph.number_of_nodes())


def betweenness_error(graph: nx.Graph[str], exact_budget: int) -> float | None:
    """The error betweenness is estimated within on ``graph`` (:data:`BETWEENNESS_ERROR`); ``None``: exact.

    >>> betweenness_error(nx.path_graph(5), EXACT_BUDGET) is None
    True
    >>> betweenness_error(nx.path_graph(5), 0)
    0.0025
    """
    if graph.number_of_nodes() * graph.number_of_edges() <= exact_budget:
        return None
    n = graph.number_of_nodes()
    return next((error for limit, error in BETWEENNESS_ERROR if n <= limit), FINE_ERROR)


def _nodes(graph: nx.Graph[str], error: float | None, seed: int) -> list[dict[str, Any]]:
    exact = error is None
    measures = node_measures(graph, weight="weight", error=error, seed=seed, weighted_betweenness=exact)
    rows = []
    for m in measures:
        row = plain(m)
        row["name"] = graph.nodes[m.id].get("name", m.id)
        row["sector"] = graph.nodes[m.id].get("sector")
        rows.append(row)
    return rows


@shared_views()
def analyse_graph(
    graph: nx.Graph[str],
    *,
    seed: int = 0,
    top: int = 50,
    area_names: Mapping[str, str] | None = None,
    exact_budget: int = EXACT_BUDGET,
    specialists: Sequence[Specialist] = (),
) -> dict[str, Any]:
    """Every measure that needs only the organisation graph.

    Parameters
    ----------
    graph : networkx.Graph
        An organisation graph (``graph.project.organisation_graph``).
    seed : int
        Seed for community detection and betweenness sampling: same seed, same output.
    top : int
        How many link suggestions to return (``suggestions`` and ``overlaps`` each).
    area_names : mapping, optional
        Wijk code to name, for readable reasons.
    exact_budget : int
        Largest ``nodes * ties`` for which betweenness is computed exactly.
    specialists : sequence, optional
        Shared-specialist chances, for the reasons of ``overlaps``.

    Returns
    -------
    dict
        The keys ``density``, ``ei_index``, ``silo_index``, ``silo``, ``sector_matrix``,
        ``density_by_area``, ``nodes``, ``articulation_points``, ``bridges``, ``kern``,
        ``suggestions`` (kennismaken), ``overlaps`` (afstemmen) and ``gaps``
        (``absent_sectors``, ``sector_gaps``), plus
        ``scope`` with the graph's size and the betweenness method.
    """
    error = betweenness_error(graph, exact_budget)
    defined = mixing_defined(graph)  # a tie and two sectors; else E-I and silo index say nothing
    silo = silo_index(graph, weight="weight", seed=seed) if defined else None
    links, overlaps = suggest_both(graph, top=top, area_names=area_names, specialists=specialists)
    return {
        "scope": {
            "organisations": graph.number_of_nodes(),
            "ties": graph.number_of_edges(),
            "betweenness": "exact"
            if error is None
            else f"estimated within {error} (KADABRA, 90% confidence)",
        },
        "density": density(graph),
        "ei_index": ei_index(graph) if defined else None,
        "silo_index": silo.sector_modularity if silo else None,
        "silo": plain(silo) | {"ei_by_sector": ei_by_group(graph, weight="weight")} if silo else None,
        "sector_matrix": plain(sector_matrix(graph)),
        "density_by_area": plain(density_by_area(graph)),
        "density_by_buurt": plain(density_by_area(graph, level="buurt")),
        "nodes": _nodes(graph, error, seed),
        "articulation_points": articulation_points(graph),
        "bridges": plain(bridges(graph)),
        "kern": kern(graph),
        "suggestions": plain(links),
        "overlaps": plain(overlaps),
        "gaps": {
            "absent_sectors": plain(absent_sectors(graph, area_names=area_names)),
            "sector_gaps": plain(sector_gaps(graph, area_names=area_names)),
        },
    }


def _practice_gaps(
    eco: Ecosystem,
    periods: PeriodRange,
    all_layers: nx.Graph[str] | None,
    referrals: nx.DiGraph[str],
    specialists: Sequence[Specialist],
) -> dict[str, Any]:
    agreements = agreement_gaps(eco, periods=periods, referrals=referrals)
    return {
        "paper_agreements": plain(agreements.paper_agreements),
        "unagreed_flows": plain(agreements.unagreed_flows),
        "ping_pong": plain(ping_pong(referrals)),
        "shared_specialists": plain(specialists),
        "ambassadors": plain(ambassador_index(eco, periods=periods)),
        "sole_ties": plain(sole_tie_professionals(eco, periods=periods, graph=all_layers)),
        "referral_load": plain(referral_load(eco, periods=periods)),
    }


def _change(
    eco: Ecosystem, layers: Layers, periods: PeriodRange, graph: nx.Graph[str]
) -> dict[str, Any] | None:
    """The selected range against the range of equal length before it (``timeline.previous_range``);
    ``graph``, the selected range's graph, gives its side's cut points when the range is closed."""
    ranges = previous_range(periods, periods_of(eco))
    if ranges is None:
        return None
    change = diff(eco, *ranges, layers=layers, built=(periods, graph))
    result: dict[str, Any] = plain(change)
    return result | {"density_change": change.density_change, "silo_change": change.silo_change}


def period_label(periods: PeriodRange) -> str:
    """A short label for a period range: ``all``, or ``start..end`` with ``...`` for open ends.

    >>> period_label(PeriodRange())
    'all'
    """
    if periods.start is None and periods.end is None:
        return "all"
    return f"{periods.start.code if periods.start else '...'}..{periods.end.code if periods.end else '...'}"


@shared_views()  # each view of a graph (arrays, engine graph) built once per analysis
def analyse(
    eco: Ecosystem,
    *,
    layers: Layers = Layers(),
    periods: PeriodRange = PeriodRange(),
    seed: int = 0,
    top: int = 50,
    exact_budget: int = EXACT_BUDGET,
    rounds: Sequence[SurveyRound] = (),
    responses: Mapping[str, Sequence[Response]] | None = None,
) -> dict[str, Any]:
    """The whole analysis of an ecosystem for the chosen layers and periods.

    Everything of :func:`analyse_graph`, plus the gaps that need the records themselves
    (paper agreements, heavy flows without an agreement, ping-pong, shared-specialist
    chances, ambassadors, sole ties, referral load), each node's ``brokerage`` roles on
    the directed referral graph of the periods (``graph.brokerage``, whatever the
    layers), the trend per period and the change
    from the range of equal length before the selected one (a quarter against the quarter
    before; with an open range, its latest period against the one before).

    With survey ``rounds`` (and their ``responses``, by round id), ``survey`` holds what
    partners reported (:func:`graph.reported.survey_summary`: every round in brief, the
    latest closed round in full, held against the ties of the chosen layers and periods);
    without rounds there is no ``survey`` key.
    """
    graph = organisation_graph(eco, layers=layers, periods=periods)
    area_names = {a.code: a.name for a in eco.areas}
    specialists = shared_specialist_opportunities(eco)
    result = analyse_graph(
        graph, seed=seed, top=top, area_names=area_names, exact_budget=exact_budget, specialists=specialists
    )
    result["scope"] |= {"layers": layers.names(), "periods": period_label(periods)}
    result["areas"] = dict(sorted(area_names.items()))
    referrals = referral_graph(eco, periods=periods)  # directed, whatever the layers
    roles = brokerage(referrals)
    for node in result["nodes"]:
        node["brokerage"] = plain(roles[node["id"]])
    all_layers = graph if layers == Layers() else None
    result["gaps"] |= _practice_gaps(eco, periods, all_layers, referrals, specialists)
    result["trend"] = plain([p for p in trend(eco, layers=layers) if _in(p.period, periods)])
    result["change"] = _change(eco, layers, periods, graph)
    if rounds:
        from graph.reported import survey_summary  # noqa: PLC0415 - only a store with survey rounds needs it

        result["survey"] = plain(survey_summary(rounds, responses or {}, eco.organisations, graph))
    return result


def _in(code: str, periods: PeriodRange) -> bool:
    return Period.parse(code) in periods
