"""Projections: from an ``Ecosystem`` snapshot to the graphs the analytics work on.

The organisation graph has three layers that a user switches on and off:

- ``agreements`` (formal): two organisations are tied when both are party to an
  agreement active in the chosen periods;
- ``professionals`` (people): tied when one professional works for both;
- ``referrals`` (practice): tied when referrals flowed between them, either way, in the
  chosen periods. A referral by a professional counts for each of their employers.

Edge attributes count each layer (``agreements``, ``professionals``, ``referrals``) and
``weight`` is their sum: one shared agreement, one shared professional and one referral
each weigh 1. Node attributes carry ``name``, ``sector`` (code), ``municipality``,
``areas``, ``wijken`` (wijk codes served, buurten folded into their wijk) and
``capacity``; ``buurten`` lists the buurten served, a wijk standing for all its buurten.

>>> from graph.model import Ecosystem, Organisation, Agreement
>>> from graph.taxonomy import Sector, AgreementKind
>>> eco = Ecosystem(
...     organisations=(Organisation("A", "Alfa", Sector.ZORG), Organisation("B", "Beta", Sector.WONEN)),
...     agreements=(Agreement("X", "Convenant", AgreementKind.COVENANT, parties=("A", "B")),),
... )
>>> G = organisation_graph(eco)
>>> G.edges["A", "B"]["agreements"], G.edges["A", "B"]["weight"]
(1, 1)
>>> G.nodes["B"]["sector"]
'wonen'

References
----------
.. [1] Borgatti, S. P., & Halgin, D. S. (2011). Analyzing affiliation networks. In
   *The SAGE Handbook of Social Network Analysis*, 417-433 (two-mode data and projections).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from datetime import date
from itertools import combinations

import networkx as nx

from graph.areacodes import wijk_of
from graph.layers import LAYER_NAMES, Layers
from graph.model import Agreement, Ecosystem, Organisation, ReferralFlow
from graph.periods import Period, PeriodRange
from graph.taxonomy import ActorKind

__all__ = [
    "LAYER_NAMES",
    "Layers",
    "agreement_in_force",
    "organisation_agreement_graph",
    "organisation_flow_cells",
    "organisation_flows",
    "organisation_graph",
    "organisation_professional_graph",
    "period_graphs",
    "referral_graph",
]


def _buurten_of(eco: Ecosystem) -> dict[str, tuple[str, ...]]:
    """Wijk code -> the buurt codes below it, from the area tree."""
    below: dict[str, list[str]] = defaultdict(list)
    for area in eco.areas:
        if area.code.startswith("BU") and area.parent:
            below[area.parent].append(area.code)
    return {wijk: tuple(sorted(codes)) for wijk, codes in below.items()}


def _add_organisations(graph: nx.Graph[str] | nx.DiGraph[str], eco: Ecosystem) -> None:
    buurten_of = _buurten_of(eco)
    graph.add_nodes_from((org.id, _organisation_attributes(org, buurten_of)) for org in eco.organisations)


def _organisation_attributes(org: Organisation, buurten_of: dict[str, tuple[str, ...]]) -> dict[str, object]:
    codes = [code for code in org.areas if not code.startswith("GM")]
    wijken = sorted({wijk_of(code) or code for code in codes})
    buurten = sorted(
        {code for code in codes if code.startswith("BU")}
        | {b for code in codes if code.startswith("WK") for b in buurten_of.get(code, ())}
    )
    return {
        "name": org.name,
        "sector": org.sector.value,
        "municipality": org.municipality,
        "areas": org.areas,
        "wijken": tuple(wijken),
        "buurten": tuple(buurten),
        "capacity": org.capacity,
    }


def _month_dates(periods: PeriodRange) -> tuple[date | None, date | None]:
    first, last = periods.bounds
    start = None if first is None else date(first // 12, first % 12 + 1, 1)
    end = None if last is None else date((last + 1) // 12, (last + 1) % 12 + 1, 1)
    return start, end  # end is the first day after the range


def agreement_in_force(agreement: Agreement, periods: PeriodRange) -> bool:
    """Whether an agreement is in force at some time within ``periods`` (always, when open)."""
    start, end = _month_dates(periods)
    begins_in_time = agreement.start is None or end is None or agreement.start < end
    lasts_long_enough = agreement.end is None or start is None or agreement.end >= start
    return begins_in_time and lasts_long_enough


def _employers(eco: Ecosystem) -> dict[str, tuple[str, ...]]:
    return {p.id: tuple(e.organisation_id for e in p.employments) for p in eco.professionals}


def organisation_flows(
    eco: Ecosystem, periods: PeriodRange = PeriodRange()
) -> Iterator[tuple[str, str, int]]:
    """Referral counts as ``(source organisation, target organisation, count)``.

    Flows from a professional count for each of their employers; flows to oneself are
    dropped. Only flows whose period lies in ``periods``.
    """
    for source, target, _period, count in _organisation_flow_rows(eco, periods):
        yield source, target, count


def _organisation_flow_rows(eco: Ecosystem, periods: PeriodRange) -> Iterator[tuple[str, str, Period, int]]:
    """``(source organisation, target organisation, period, count)`` for every flow in ``periods``."""
    employers = _employers(eco)
    inside: dict[Period, bool] = {}  # few distinct periods: decide each once
    for flow in eco.flows:
        period = flow.period
        chosen = inside.get(period)
        if chosen is None:
            chosen = inside[period] = period in periods
        if not chosen:
            continue
        if flow.source_kind is ActorKind.ORGANISATION:
            if flow.source_id != flow.target_id:
                yield flow.source_id, flow.target_id, period, flow.count
            continue
        for source in employers.get(flow.source_id, ()):
            if source != flow.target_id:
                yield source, flow.target_id, period, flow.count


def organisation_flow_cells(
    eco: Ecosystem, periods: PeriodRange = PeriodRange()
) -> dict[tuple[str, str], dict[Period, int]]:
    """Referral counts per ``(source, target)`` organisation pair and per period: the cells of the data.

    The same counts as :func:`organisation_flows`, kept apart by the period they were given for
    (a month or a quarter), summed over domains and over the professionals of an employer. A
    count shown to a partner is built from these cells (``app.access``), so that totals of
    different period ranges cannot be subtracted to find one cell.

    Examples
    --------
    >>> from graph.model import ReferralFlow
    >>> jan, feb = Period.parse("2025-01"), Period.parse("2025-02")
    >>> eco = Ecosystem(flows=(
    ...     ReferralFlow(ActorKind.ORGANISATION, "A", "B", jan, "schuld", 3),
    ...     ReferralFlow(ActorKind.ORGANISATION, "A", "B", jan, "jeugd", 2),
    ...     ReferralFlow(ActorKind.ORGANISATION, "A", "B", feb, "schuld", 4)))
    >>> {str(p): n for p, n in organisation_flow_cells(eco)["A", "B"].items()}
    {'2025-01': 5, '2025-02': 4}
    """
    cells: dict[tuple[str, str], dict[Period, int]] = defaultdict(lambda: defaultdict(int))
    for source, target, period, count in _organisation_flow_rows(eco, periods):
        cells[source, target][period] += count
    return {pair: dict(by_period) for pair, by_period in cells.items()}


Ties = dict[tuple[str, str], list[int]]
"""Per tied pair ``(a, b)``, ``a < b``: ``[agreements, professionals, referrals]``."""


def _add(ties: Ties, pair: tuple[str, str], layer: int, count: int) -> None:
    row = ties.get(pair)
    if row is None:
        row = ties[pair] = [0, 0, 0]
    row[layer] += count


def _agreement_ties(ties: Ties, agreements: list[tuple[Agreement, list[str]]], periods: PeriodRange) -> None:
    """Count each pair of parties (those in the graph, sorted) of each agreement in force."""
    start, end = _month_dates(periods)
    for agreement, parties in agreements:
        in_force = (agreement.start is None or end is None or agreement.start < end) and (
            agreement.end is None or start is None or agreement.end >= start
        )
        if in_force:
            for pair in combinations(parties, 2):
                _add(ties, pair, 0, 1)


def _staff_ties(eco: Ecosystem, known: set[str]) -> dict[tuple[str, str], int]:
    """Shared professionals per pair of organisations, pairs in the order first met."""
    shared: dict[tuple[str, str], int] = {}
    for orgs in _employers(eco).values():
        if len(orgs) > 1:
            for pair in combinations(sorted(set(orgs) & known), 2):
                shared[pair] = shared.get(pair, 0) + 1
    return shared


def _count_ties(
    eco: Ecosystem, layers: Layers, periods: PeriodRange, staff: dict[tuple[str, str], int] | None = None
) -> Ties:
    """The ties of ``organisation_graph``: one pass per layer.

    Pairs come in the order they are first met (agreements, then professionals, then
    referrals), which fixes the graph's edge order. ``staff``: the professionals layer
    already counted (``_staff_ties``), as it does not depend on the periods.
    """
    ties: Ties = {}
    known = {o.id for o in eco.organisations}
    if layers.agreements:  # parties are sorted and unique (graph.model)
        parties = [(a, [p for p in a.parties if p in known]) for a in eco.agreements]
        _agreement_ties(ties, parties, periods)
    if layers.professionals:
        for pair, count in (_staff_ties(eco, known) if staff is None else staff).items():
            _add(ties, pair, 1, count)
    if layers.referrals:
        for source, target, count in organisation_flows(eco, periods):
            if count > 0 and source in known and target in known:
                _add(ties, (source, target) if source < target else (target, source), 2, count)
    return ties


def _graph_of(nodes: list[tuple[str, dict[str, object]]], ties: Ties) -> nx.Graph[str]:
    graph: nx.Graph[str] = nx.Graph()
    graph.add_nodes_from(nodes)  # NetworkX copies each attribute dict
    graph.add_edges_from(
        (a, b, {"weight": x + y + z, "agreements": x, "professionals": y, "referrals": z})
        for (a, b), (x, y, z) in ties.items()
    )  # every pair counted has a weight of at least 1
    return graph


def period_graphs(eco: Ecosystem, *, layers: Layers = Layers()) -> Iterator[tuple[Period, nx.Graph[str]]]:
    """The organisation graph of each referral period, in time order: what a trend draws.

    For each period that has referral flows, the same graph as ``organisation_graph`` of
    the ecosystem with only that period's flows, for that period: agreements in force in
    it, shared professionals, its referrals. What does not change from period to period
    (organisations, shared professionals, agreement parties) is worked out once.

    Examples
    --------
    >>> from graph.model import Organisation, ReferralFlow
    >>> from graph.taxonomy import Sector
    >>> orgs = tuple(Organisation(i, i, Sector.ZORG) for i in "ABC")
    >>> jan, feb = Period.parse("2025-01"), Period.parse("2025-02")
    >>> flows = (ReferralFlow(ActorKind.ORGANISATION, "A", "B", jan, "", 3),
    ...          ReferralFlow(ActorKind.ORGANISATION, "A", "C", feb, "", 2))
    >>> [(p.code, sorted(G.edges)) for p, G in period_graphs(Ecosystem(organisations=orgs, flows=flows))]
    [('2025-01', [('A', 'B')]), ('2025-02', [('A', 'C')])]
    """
    by_period: dict[Period, list[ReferralFlow]] = defaultdict(list)
    for flow in eco.flows:
        by_period[flow.period].append(flow)
    known = {o.id for o in eco.organisations}
    buurten_of = _buurten_of(eco)
    nodes = [(org.id, _organisation_attributes(org, buurten_of)) for org in eco.organisations]
    parties = [(a, [p for p in a.parties if p in known]) for a in eco.agreements] if layers.agreements else []
    staff = _staff_ties(eco, known) if layers.professionals else {}
    employers = _employers(eco)
    for period in sorted(by_period):
        ties: Ties = {}
        _agreement_ties(ties, parties, PeriodRange(period, period))
        for pair, count in staff.items():
            _add(ties, pair, 1, count)
        if layers.referrals:
            for flow in by_period[period]:
                sources = (
                    (flow.source_id,)
                    if flow.source_kind is ActorKind.ORGANISATION
                    else employers.get(flow.source_id, ())
                )
                for source in sources:
                    target = flow.target_id
                    if source != target and flow.count > 0 and source in known and target in known:
                        _add(ties, (source, target) if source < target else (target, source), 2, flow.count)
        yield period, _graph_of(nodes, ties)


def organisation_graph(
    eco: Ecosystem, *, layers: Layers = Layers(), periods: PeriodRange = PeriodRange()
) -> nx.Graph[str]:
    """The undirected organisation graph of the chosen layers and periods.

    Parameters
    ----------
    eco : Ecosystem
        A snapshot from a store.
    layers : Layers
        Which kinds of tie to include.
    periods : PeriodRange
        Referral flows and agreements outside this range are left out.

    Returns
    -------
    networkx.Graph
        One node per organisation (also those without ties), one edge per tied pair,
        with the per-layer counts and ``weight`` (their sum) as attributes.
    """
    buurten_of = _buurten_of(eco)
    nodes = [(org.id, _organisation_attributes(org, buurten_of)) for org in eco.organisations]
    return _graph_of(nodes, _count_ties(eco, layers, periods))


def referral_graph(eco: Ecosystem, *, periods: PeriodRange = PeriodRange()) -> nx.DiGraph[str]:
    """The directed referral graph: an edge ``a -> b`` weighted by the referrals sent.

    >>> from graph.model import Ecosystem, Organisation, ReferralFlow
    >>> from graph.periods import Period
    >>> from graph.taxonomy import ActorKind, Sector
    >>> orgs = (Organisation("A", "Alfa", Sector.ZORG), Organisation("B", "Beta", Sector.WONEN))
    >>> m = Period.parse("2025-01")
    >>> eco = Ecosystem(organisations=orgs, flows=(ReferralFlow(ActorKind.ORGANISATION, "A", "B", m, "", 4),))
    >>> referral_graph(eco).edges["A", "B"]["weight"]
    4
    """
    graph: nx.DiGraph[str] = nx.DiGraph()
    _add_organisations(graph, eco)
    known = set(graph)
    for source, target, count in organisation_flows(eco, periods):
        if source in known and target in known and count > 0:
            previous = graph.edges[source, target]["weight"] if graph.has_edge(source, target) else 0
            graph.add_edge(source, target, weight=previous + count)
    return graph


def organisation_agreement_graph(eco: Ecosystem) -> nx.Graph[str]:
    """The two-mode graph of organisations and the agreements they are party to.

    Organisation nodes keep their id and have ``bipartite=0``; agreement nodes are
    ``"agreement:<id>"`` with ``bipartite=1``.
    """
    graph: nx.Graph[str] = nx.Graph()
    _add_organisations(graph, eco)
    nx.set_node_attributes(graph, dict.fromkeys(graph, 0), "bipartite")
    known = set(graph)
    for agreement in eco.agreements:
        node = f"agreement:{agreement.id}"
        graph.add_node(node, bipartite=1, name=agreement.name, kind=agreement.kind.value)
        graph.add_edges_from((party, node) for party in agreement.parties if party in known)
    return graph


def organisation_professional_graph(eco: Ecosystem) -> nx.Graph[str]:
    """The two-mode graph of organisations and the professionals working there (edge ``fte``).

    Professional nodes are ``"professional:<id>"`` with ``bipartite=1``.
    """
    graph: nx.Graph[str] = nx.Graph()
    _add_organisations(graph, eco)
    nx.set_node_attributes(graph, dict.fromkeys(graph, 0), "bipartite")
    known = set(graph)
    for pro in eco.professionals:
        node = f"professional:{pro.id}"
        graph.add_node(node, bipartite=1, name=pro.name, role=pro.role)
        for job in pro.employments:
            if job.organisation_id in known:
                graph.add_edge(job.organisation_id, node, fte=job.fte)
    return graph
