"""The whole analysis of one ecosystem, as plain data.

``analyse`` is what ``ketenkaart analyse --json`` prints and what the report and the app
show: density and silos, bottlenecks, chances and gaps, and change over time, for the
chosen layers and periods. Every value is plain JSON data (dicts, lists, numbers,
strings; ``None`` where a measure is undefined). ``docs/analytics.md`` explains each key
for an alliance manager.

Betweenness is exact while ``n * m`` stays within ``exact_budget`` (1,000 organisations
with 10,000 ties); above it, it is estimated from sampled source organisations (1,000 up
to 50,000 ties, 500 up to 250,000, 200 above) and ``scope.betweenness`` says so. The rank
agreement of the estimate with exact betweenness is measured in
``benchmarks/bench_analytics.py`` (Spearman 0.99 at 2k organisations, 0.958 at 10k, 0.959
on a 10k region of 50k).
Weighted betweenness is only computed when exact, to keep large analyses interactive.

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
from collections.abc import Mapping
from dataclasses import asdict, is_dataclass
from typing import Any

import networkx as nx

from graph.bottlenecks import (
    articulation_points,
    bridges,
    node_measures,
    referral_load,
    sole_tie_professionals,
)
from graph.chances import absent_sectors, sector_gaps, suggest_links
from graph.density import density, density_by_area, sector_matrix
from graph.mixing import ei_by_group, ei_index, silo_index
from graph.model import Ecosystem
from graph.periods import Period, PeriodRange
from graph.practice import agreement_gaps, ambassador_index, ping_pong, shared_specialist_opportunities
from graph.project import Layers, organisation_graph
from graph.timeline import diff, periods_of, trend

__all__ = [
    "EXACT_BUDGET",
    "FEW_SAMPLES",
    "SAMPLES",
    "analyse",
    "analyse_graph",
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


def plain(value: Any) -> Any:
    """Turn analysis results into JSON data: dataclasses to dicts, tuples to lists, NaN to None.

    >>> plain({"a": (1, float("nan"))})
    {'a': [1, None]}
    """
    if is_dataclass(value) and not isinstance(value, type):
        return plain(asdict(value))
    if isinstance(value, Mapping):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        items = sorted(value) if isinstance(value, set | frozenset) else value
        return [plain(v) for v in items]
    if isinstance(value, float) and not math.isfinite(value):
        return None
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


def _nodes(graph: nx.Graph[str], k: int | None, seed: int) -> list[dict[str, Any]]:
    measures = node_measures(graph, weight="weight", k=k, seed=seed, weighted_betweenness=k is None)
    rows = []
    for m in measures:
        row = plain(m)
        row["name"] = graph.nodes[m.id].get("name", m.id)
        row["sector"] = graph.nodes[m.id].get("sector")
        rows.append(row)
    return rows


def analyse_graph(
    graph: nx.Graph[str],
    *,
    seed: int = 0,
    top: int = 50,
    area_names: Mapping[str, str] | None = None,
    exact_budget: int = EXACT_BUDGET,
) -> dict[str, Any]:
    """Every measure that needs only the organisation graph.

    Parameters
    ----------
    graph : networkx.Graph
        An organisation graph (``graph.project.organisation_graph``).
    seed : int
        Seed for community detection and betweenness sampling: same seed, same output.
    top : int
        How many link suggestions to return.
    area_names : mapping, optional
        Wijk code to name, for readable reasons.
    exact_budget : int
        Largest ``nodes * ties`` for which betweenness is computed exactly.

    Returns
    -------
    dict
        The keys ``density``, ``ei_index``, ``silo_index``, ``silo``, ``sector_matrix``,
        ``density_by_area``, ``nodes``, ``articulation_points``, ``bridges``,
        ``suggestions`` and ``gaps`` (``absent_sectors``, ``sector_gaps``), plus
        ``scope`` with the graph's size and the betweenness method.
    """
    k = betweenness_samples(graph, exact_budget)
    has_ties = graph.number_of_edges() > 0
    silo = silo_index(graph, weight="weight", seed=seed) if has_ties else None
    return {
        "scope": {
            "organisations": graph.number_of_nodes(),
            "ties": graph.number_of_edges(),
            "betweenness": "exact" if k is None else f"sampled from {k} organisations",
        },
        "density": density(graph),
        "ei_index": ei_index(graph) if has_ties else None,
        "silo_index": silo.sector_modularity if silo else None,
        "silo": plain(silo) | {"ei_by_sector": ei_by_group(graph, weight="weight")} if silo else None,
        "sector_matrix": plain(sector_matrix(graph)),
        "density_by_area": plain(density_by_area(graph)),
        "density_by_buurt": plain(density_by_area(graph, level="buurt")),
        "nodes": _nodes(graph, k, seed),
        "articulation_points": articulation_points(graph),
        "bridges": plain(bridges(graph)),
        "suggestions": plain(suggest_links(graph, top=top, area_names=area_names)),
        "gaps": {
            "absent_sectors": plain(absent_sectors(graph, area_names=area_names)),
            "sector_gaps": plain(sector_gaps(graph, area_names=area_names)),
        },
    }


def _practice_gaps(eco: Ecosystem, periods: PeriodRange, all_layers: nx.Graph[str] | None) -> dict[str, Any]:
    agreements = agreement_gaps(eco, periods=periods)
    return {
        "paper_agreements": plain(agreements.paper_agreements),
        "unagreed_flows": plain(agreements.unagreed_flows),
        "ping_pong": plain(ping_pong(eco, periods=periods)),
        "shared_specialists": plain(shared_specialist_opportunities(eco)),
        "ambassadors": plain(ambassador_index(eco, periods=periods)),
        "sole_ties": plain(sole_tie_professionals(eco, periods=periods, graph=all_layers)),
        "referral_load": plain(referral_load(eco, periods=periods)),
    }


def _change(eco: Ecosystem, layers: Layers, periods: PeriodRange) -> dict[str, Any] | None:
    """The last period in range against the one before it."""
    months = [p for p in periods_of(eco) if p in periods]
    if len(months) < 2:
        return None
    change = diff(
        eco, PeriodRange(months[-2], months[-2]), PeriodRange(months[-1], months[-1]), layers=layers
    )
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


def analyse(
    eco: Ecosystem,
    *,
    layers: Layers = Layers(),
    periods: PeriodRange = PeriodRange(),
    seed: int = 0,
    top: int = 50,
    exact_budget: int = EXACT_BUDGET,
) -> dict[str, Any]:
    """The whole analysis of an ecosystem for the chosen layers and periods.

    Everything of :func:`analyse_graph`, plus the gaps that need the records themselves
    (paper agreements, heavy flows without an agreement, ping-pong, shared-specialist
    chances, ambassadors, sole ties, referral load), the trend per period and the change
    from the previous period to the last one in range.
    """
    graph = organisation_graph(eco, layers=layers, periods=periods)
    area_names = {a.code: a.name for a in eco.areas}
    result = analyse_graph(graph, seed=seed, top=top, area_names=area_names, exact_budget=exact_budget)
    result["scope"] |= {"layers": layers.names(), "periods": period_label(periods)}
    result["areas"] = dict(sorted(area_names.items()))
    result["gaps"] |= _practice_gaps(eco, periods, graph if layers == Layers() else None)
    result["trend"] = plain([p for p in trend(eco, layers=layers) if _in(p.period, periods)])
    result["change"] = _change(eco, layers, periods)
    return result


def _in(code: str, periods: PeriodRange) -> bool:
    return Period.parse(code) in periods
