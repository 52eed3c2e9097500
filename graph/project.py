"""Projections: from an ``Ecosystem`` snapshot to the graphs the analytics work on.

The organisation graph has four layers that a user switches on and off:

- ``agreements`` (formal): two organisations are tied when both are party to an
  agreement active in the chosen periods;
- ``professionals`` (people): tied when one professional works for both;
- ``referrals`` (practice): tied when referrals flowed between them, either way, in the
  chosen periods. A referral by a professional counts for each of their employers;
- ``reported`` (*gemeld*): tied when either of them reported the other in a survey round
  (``Ecosystem.reported``) whose period lies in the chosen periods. The count is the
  number of the two that reported it (1 or 2), however many rounds did.

Edge attributes count each layer (``agreements``, ``professionals``, ``referrals``,
``reported``) and ``weight`` is their sum: one shared agreement, one shared professional,
one referral and one reporting partner each weigh 1. Node attributes carry ``name``,
``sector`` (code), ``municipality``, ``areas``, ``wijken`` (wijk codes served, buurten
folded into their wijk) and ``capacity``; ``buurten`` lists the buurten served, a wijk
standing for all its buurten.

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

from array import array
from collections import defaultdict
from collections.abc import Container, Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from itertools import combinations

import networkx as nx
import numpy as np
import numpy.typing as npt

from graph.areacodes import wijk_of
from graph.arrays import FloatArray, IntArray, shared_view, snapshot_view
from graph.layers import LAYER_NAMES, Layers
from graph.model import Agreement, Ecosystem, Organisation
from graph.periods import Period, PeriodRange
from graph.survey import ReportedTie
from graph.taxonomy import ActorKind

__all__ = [
    "LAYER_NAMES",
    "Layers",
    "PeriodTies",
    "TieArrays",
    "agreement_in_force",
    "organisation_agreement_graph",
    "organisation_flow_cells",
    "organisation_flows",
    "organisation_graph",
    "organisation_nodes",
    "organisation_professional_graph",
    "organisation_ties",
    "period_graphs",
    "period_tie_arrays",
    "referral_graph",
    "referrals_by_period",
    "reported_pairs",
]


def _buurten_of(eco: Ecosystem) -> dict[str, tuple[str, ...]]:
    """Wijk code -> the buurt codes below it, from the area tree."""
    below: dict[str, list[str]] = defaultdict(list)
    for area in eco.areas:
        if area.code.startswith("BU") and area.parent:
            below[area.parent].append(area.code)
    return {wijk: tuple(sorted(codes)) for wijk, codes in below.items()}


def organisation_nodes(eco: Ecosystem) -> list[tuple[str, dict[str, object]]]:
    """Each organisation with the node attributes of the graphs here (see the module docstring).

    Worked out once per ecosystem inside ``graph.arrays.shared_views``; NetworkX copies the
    attribute dicts into each graph, so treat them as read-only.

    >>> from graph.taxonomy import Sector
    >>> eco = Ecosystem(organisations=(Organisation("A", "Alfa", Sector.ZORG, areas=("WK036301",)),))
    >>> organisation_nodes(eco)[0][1]["wijken"]
    ('WK036301',)
    """

    def build() -> list[tuple[str, dict[str, object]]]:
        buurten_of = _buurten_of(eco)
        return [(org.id, _organisation_attributes(org, buurten_of)) for org in eco.organisations]

    return shared_view("organisation_nodes", eco, None, build)


def _add_organisations(graph: nx.Graph[str] | nx.DiGraph[str], eco: Ecosystem) -> None:
    graph.add_nodes_from(organisation_nodes(eco))


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
    """Professional -> the organisations employing them (once per ecosystem: ``snapshot_view``)."""
    return snapshot_view(
        "employers",
        eco,
        lambda: {p.id: tuple(e.organisation_id for e in p.employments) for p in eco.professionals},
    )


def _places(eco: Ecosystem) -> dict[str, int]:
    """Organisation id -> its place in ``Ecosystem.organisations``: the node numbers of tie arrays
    (once per ecosystem: ``snapshot_view``)."""
    return snapshot_view(
        "organisation_places", eco, lambda: {org.id: i for i, org in enumerate(eco.organisations)}
    )


def _codes(lo: IntArray, hi: IntArray, n: int) -> IntArray:
    """One number per unordered pair of places, ``min * n + max``."""
    codes: IntArray = np.minimum(lo, hi) * n + np.maximum(lo, hi)
    return codes


def _first_met(codes: IntArray) -> tuple[IntArray, IntArray]:
    """The distinct ``codes`` in the order first met, and the slot of each code among them.

    >>> distinct, slot = _first_met(np.array([7, 3, 7, 5, 3]))
    >>> distinct.tolist(), slot.tolist()
    ([7, 3, 5], [0, 1, 0, 2, 1])
    """
    distinct, first, inverse = np.unique(codes, return_index=True, return_inverse=True)
    order = np.argsort(first)
    slot_of = np.empty_like(order)
    slot_of[order] = np.arange(len(order))
    return distinct[order], slot_of[inverse.ravel()]


def _read_only(values: IntArray) -> IntArray:
    values.setflags(write=False)
    return values


@dataclass(frozen=True, slots=True)
class _FlowRows:
    """The referral flows of an ecosystem at organisation level, in the order of ``Ecosystem.flows``.

    A flow from a professional gives a row for each of their employers; rows to oneself are
    left out. Row ``k`` comes from the flow ``Ecosystem.flows[flows[k]]`` and runs from
    organisation ``ids[sources[k]]`` to ``ids[targets[k]]`` with ``counts[k]`` referrals.
    ``ids`` holds the ids of ``Ecosystem.organisations`` in order (so a number below
    ``known`` is the organisation's place, ``_places``), then the ids of the rows' ends that
    are not organisations of the snapshot. ``by_period`` holds each period's row numbers,
    ascending, for every period of the flows in time order (also one whose flows give no
    row); ``recorded`` the referrals recorded for each period, the sum of its flows' counts.
    """

    ids: tuple[str, ...]
    known: int
    flows: IntArray
    sources: IntArray
    targets: IntArray
    counts: IntArray
    by_period: dict[Period, IntArray]
    recorded: dict[Period, int]


def _flow_rows(eco: Ecosystem) -> _FlowRows:
    """The flows expanded to organisations and bucketed by period, once per ecosystem (``snapshot_view``)."""
    return snapshot_view("organisation_flow_rows", eco, lambda: _expand_flows(eco))


def _expand_flows(eco: Ecosystem) -> _FlowRows:
    employers, places = _employers(eco), _places(eco)
    known = len(eco.organisations)
    others: dict[str, int] = {}  # the ends that are no organisation of the snapshot, numbered after them

    def number(organisation: str) -> int:
        found = places.get(organisation)
        if found is None:
            found = others.setdefault(organisation, known + len(others))
        return found

    flows, sources, targets, counts = array("q"), array("q"), array("q"), array("q")
    buckets: dict[Period, array[int]] = {}  # each period's row numbers
    recorded: dict[Period, int] = {}
    for i, flow in enumerate(eco.flows):
        period, count = flow.period, flow.count
        bucket = buckets.get(period)
        if bucket is None:
            bucket = buckets[period] = array("q")
        recorded[period] = recorded.get(period, 0) + count
        if flow.source_kind is ActorKind.ORGANISATION:
            senders: tuple[str, ...] = (flow.source_id,)
        else:
            senders = employers.get(flow.source_id, ())
        target = number(flow.target_id)
        for sender in senders:
            source = number(sender)
            if source != target:
                bucket.append(len(flows))
                flows.append(i)
                sources.append(source)
                targets.append(target)
                counts.append(count)
    periods = sorted(buckets)
    return _FlowRows(
        tuple(org.id for org in eco.organisations) + tuple(others),
        known,
        _column(flows),
        _column(sources),
        _column(targets),
        _column(counts),
        {period: _column(buckets[period]) for period in periods},
        {period: recorded[period] for period in periods},
    )


def _column(values: array[int]) -> IntArray:
    """A read-only NumPy copy of an array of row values."""
    return _read_only(np.array(values, dtype=np.int64))


def _rows_in(flows: _FlowRows, periods: PeriodRange) -> IntArray:
    """The numbers of the rows whose period lies in ``periods``, ascending (the order of the flows).

    Only the buckets of the chosen periods are touched; merged, they are sorted back into
    the order of ``Ecosystem.flows``, which need not be sorted by period.
    """
    chosen = [rows for period, rows in flows.by_period.items() if period in periods]
    if len(chosen) == 1:
        return chosen[0]
    return np.sort(np.concatenate(chosen)) if chosen else np.empty(0, dtype=np.int64)


def _referral_rows(flows: _FlowRows, rows: IntArray) -> tuple[IntArray, IntArray, IntArray]:
    """Sources, targets and counts of the flow rows ``rows`` that count as referrals between two
    organisations of the snapshot (a count above 0, both ends known), in row order."""
    sources, targets, sent = flows.sources[rows], flows.targets[rows], flows.counts[rows]
    kept = (sent > 0) & (sources < flows.known) & (targets < flows.known)
    return sources[kept], targets[kept], sent[kept]


def referrals_by_period(eco: Ecosystem) -> dict[Period, int]:
    """Each period of the referral flows, in time order, with the referrals recorded for it.

    The sum of the counts of the period's flows as recorded: a professional's flow once,
    whoever employs them. Worked out once per ecosystem (``graph.arrays.snapshot_view``);
    the dict returned is the caller's own.

    >>> from graph.model import ReferralFlow
    >>> jan, feb = Period.parse("2025-01"), Period.parse("2025-02")
    >>> eco = Ecosystem(flows=(ReferralFlow(ActorKind.ORGANISATION, "A", "B", feb, "", 3),
    ...                        ReferralFlow(ActorKind.ORGANISATION, "A", "B", jan, "", 2),
    ...                        ReferralFlow(ActorKind.ORGANISATION, "B", "A", feb, "", 1)))
    >>> {p.code: n for p, n in referrals_by_period(eco).items()}
    {'2025-01': 2, '2025-02': 4}
    """
    return dict(_flow_rows(eco).recorded)


def organisation_flows(
    eco: Ecosystem, periods: PeriodRange = PeriodRange()
) -> Iterator[tuple[str, str, int]]:
    """Referral counts as ``(source organisation, target organisation, count)``.

    Flows from a professional count for each of their employers; flows to oneself are
    dropped. Only flows whose period lies in ``periods``, in the order of ``Ecosystem.flows``.
    """
    flows = _flow_rows(eco)
    ids, rows = flows.ids, _rows_in(flows, periods)
    for source, target, count in zip(
        flows.sources[rows].tolist(), flows.targets[rows].tolist(), flows.counts[rows].tolist(), strict=True
    ):
        yield ids[source], ids[target], count


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
    flows = _flow_rows(eco)
    ids, rows = flows.ids, _rows_in(flows, periods)
    cells: dict[tuple[str, str], dict[Period, int]] = {}
    for flow, i, j, count in zip(
        flows.flows[rows].tolist(),
        flows.sources[rows].tolist(),
        flows.targets[rows].tolist(),
        flows.counts[rows].tolist(),
        strict=True,
    ):
        source, target, period = ids[i], ids[j], eco.flows[flow].period
        by_period = cells.get((source, target))
        if by_period is None:
            cells[source, target] = {period: count}
        else:
            by_period[period] = by_period.get(period, 0) + count
    return cells


def reported_pairs(
    reported: Iterable[ReportedTie], periods: PeriodRange = PeriodRange(), known: Container[str] | None = None
) -> dict[tuple[str, str], int]:
    """Per pair (ids in :func:`graph.survey.pair_key` order): how many of the two reported the tie.

    Only ties of rounds whose period lies in ``periods``, between two different
    organisations (both in ``known``, when given). A pair reported by one side in two
    rounds counts 1; reported by both sides, 2.

    Examples
    --------
    >>> q3, q4 = Period.parse("2026-Q3"), Period.parse("2026-Q4")
    >>> ties = [ReportedTie("A", "B", "R1", q3), ReportedTie("A", "B", "R2", q4),
    ...         ReportedTie("B", "A", "R2", q4), ReportedTie("C", "A", "R1", q3)]
    >>> reported_pairs(ties)
    {('A', 'B'): 2, ('A', 'C'): 1}
    >>> reported_pairs(ties, PeriodRange(q3, q3))
    {('A', 'B'): 1, ('A', 'C'): 1}
    """
    reporters: dict[tuple[str, str], set[str]] = {}
    for tie in reported:
        if tie.reporter == tie.partner or tie.period not in periods:
            continue
        if known is not None and (tie.reporter not in known or tie.partner not in known):
            continue
        pair = (tie.reporter, tie.partner) if tie.reporter < tie.partner else (tie.partner, tie.reporter)
        reporters.setdefault(pair, set()).add(tie.reporter)
    return {pair: len(who) for pair, who in sorted(reporters.items())}


@dataclass(frozen=True, slots=True)
class _AgreementPairs:
    """Each pair of parties (organisations of the snapshot) of each agreement, in agreement order.

    ``codes`` numbers the pairs (``_codes``), ``owner`` holds each pair's agreement
    (its place in ``Ecosystem.agreements``); ``first_day`` and ``last_day`` each agreement's
    start and end as ordinals (-1 and ``date.max`` where open).
    """

    codes: IntArray
    owner: IntArray
    first_day: IntArray
    last_day: IntArray

    def in_force(self, periods: PeriodRange) -> npt.NDArray[np.bool_]:
        """Per agreement: whether it is in force within ``periods`` (as :func:`agreement_in_force`)."""
        start, end = _month_dates(periods)
        first = start.toordinal() if start else 0
        after = end.toordinal() if end else date.max.toordinal() + 1
        in_force: npt.NDArray[np.bool_] = (self.first_day < after) & (self.last_day >= first)
        return in_force


def _agreement_pairs(eco: Ecosystem) -> _AgreementPairs:
    """The pairs of parties of the agreements, once per ecosystem (``snapshot_view``)."""

    def build() -> _AgreementPairs:
        places, n = _places(eco), max(len(eco.organisations), 1)
        lo: list[int] = []
        hi: list[int] = []
        owner: list[int] = []
        for i, agreement in enumerate(eco.agreements):  # parties are sorted and unique (graph.model)
            parties = [places[p] for p in agreement.parties if p in places]
            for a, b in combinations(parties, 2):
                lo.append(a)
                hi.append(b)
                owner.append(i)
        starts = [a.start.toordinal() if a.start else -1 for a in eco.agreements]
        ends = [a.end.toordinal() if a.end else date.max.toordinal() for a in eco.agreements]
        return _AgreementPairs(
            _read_only(_codes(np.array(lo, dtype=np.int64), np.array(hi, dtype=np.int64), n)),
            _read_only(np.array(owner, dtype=np.int64)),
            _read_only(np.array(starts, dtype=np.int64)),
            _read_only(np.array(ends, dtype=np.int64)),
        )

    return snapshot_view("agreement_pairs", eco, build)


def _staff_pairs(eco: Ecosystem) -> tuple[IntArray, IntArray]:
    """Pairs of organisations sharing professionals (``_codes``, in the order first met) and how
    many they share; once per ecosystem (``snapshot_view``), as it does not depend on the periods."""

    def build() -> tuple[IntArray, IntArray]:
        places, n = _places(eco), max(len(eco.organisations), 1)
        shared: dict[tuple[str, str], int] = {}
        for orgs in _employers(eco).values():
            if len(orgs) > 1:
                for pair in combinations(sorted(set(orgs) & places.keys()), 2):
                    shared[pair] = shared.get(pair, 0) + 1
        lo = np.fromiter((places[a] for a, _ in shared), dtype=np.int64, count=len(shared))
        hi = np.fromiter((places[b] for _, b in shared), dtype=np.int64, count=len(shared))
        counts = np.fromiter(shared.values(), dtype=np.int64, count=len(shared))
        return _read_only(_codes(lo, hi, n)), _read_only(counts)

    return snapshot_view("staff_pairs", eco, build)


@dataclass(frozen=True, slots=True)
class TieArrays:
    """The ties of an organisation graph as arrays, in the order the graph holds them.

    Tie ``j`` joins organisations ``lo[j] < hi[j]``, numbered by their place in
    ``Ecosystem.organisations``; ``counts[:, j]`` holds its count in each layer, in
    ``LAYER_NAMES`` order (agreements, professionals, referrals, reported).
    """

    lo: IntArray
    hi: IntArray
    counts: IntArray

    @property
    def weights(self) -> FloatArray:
        """Each tie's ``weight``: the sum of its layers' counts."""
        weights: FloatArray = self.counts.sum(axis=0).astype(np.float64)
        return weights


_NO_ROWS: IntArray = _read_only(np.empty(0, dtype=np.int64))


def _layer_pairs(
    eco: Ecosystem, layers: Layers, periods: PeriodRange, rows: IntArray
) -> tuple[IntArray, list[IntArray]]:
    """The pairs (``_codes``) of the chosen layers in ``periods``, the referrals being the flow rows ``rows``.

    One array of the pairs of all layers in the order the graph meets them (the agreements
    in force, the shared professionals, the referrals, the reported ties), and per layer
    the counts of its part of that array.
    """
    n = max(len(eco.organisations), 1)
    codes = [_NO_ROWS] * len(LAYER_NAMES)
    counts = [_NO_ROWS] * len(LAYER_NAMES)
    if layers.agreements:
        pairs = _agreement_pairs(eco)
        codes[0] = pairs.codes[pairs.in_force(periods)[pairs.owner]]
        counts[0] = np.ones(len(codes[0]), dtype=np.int64)
    if layers.professionals:
        codes[1], counts[1] = _staff_pairs(eco)
    if layers.referrals:
        sources, targets, sent = _referral_rows(_flow_rows(eco), rows)
        codes[2], counts[2] = _codes(sources, targets, n), sent
    if layers.reported and eco.reported:
        places = _places(eco)
        reported = reported_pairs(eco.reported, periods, places)
        lo = np.fromiter((places[a] for a, _ in reported), dtype=np.int64, count=len(reported))
        hi = np.fromiter((places[b] for _, b in reported), dtype=np.int64, count=len(reported))
        codes[3] = _codes(lo, hi, n)
        counts[3] = np.fromiter(reported.values(), dtype=np.int64, count=len(reported))
    return np.concatenate(codes), counts


def _tie_arrays(eco: Ecosystem, layers: Layers, periods: PeriodRange, rows: IntArray) -> TieArrays:
    """The ties of the chosen layers in ``periods``, the referrals being the flow rows ``rows``:
    each tie where its pair is first met (``_layer_pairs``), its counts summed per layer."""
    n = max(len(eco.organisations), 1)
    codes, counts = _layer_pairs(eco, layers, periods, rows)
    pair_codes, slots = _first_met(codes)
    per_layer = np.zeros((len(LAYER_NAMES), len(pair_codes)), dtype=np.int64)
    start = 0
    for layer, found in enumerate(counts):
        np.add.at(per_layer[layer], slots[start : start + len(found)], found)
        start += len(found)
    return TieArrays(pair_codes // n, pair_codes % n, per_layer)


def organisation_ties(
    eco: Ecosystem, *, layers: Layers = Layers(), periods: PeriodRange = PeriodRange()
) -> TieArrays:
    """The ties of :func:`organisation_graph` as arrays, without building the graph.

    The same ties, in the same order, with the same counts per layer (tested against the
    graphs): for what needs only the ties, such as :func:`graph.timeline.diff`.

    Examples
    --------
    >>> from graph.model import Organisation, ReferralFlow
    >>> from graph.taxonomy import Sector
    >>> orgs = tuple(Organisation(i, i, Sector.ZORG) for i in "ABC")
    >>> jan = Period.parse("2025-01")
    >>> flows = (ReferralFlow(ActorKind.ORGANISATION, "C", "A", jan, "", 3),
    ...          ReferralFlow(ActorKind.ORGANISATION, "B", "C", jan, "", 1),
    ...          ReferralFlow(ActorKind.ORGANISATION, "A", "C", jan, "", 2))
    >>> ties = organisation_ties(Ecosystem(organisations=orgs, flows=flows))
    >>> ties.lo.tolist(), ties.hi.tolist(), ties.counts[2].tolist()
    ([0, 1], [2, 2], [5, 1])
    """
    rows = _rows_in(_flow_rows(eco), periods) if layers.referrals else _NO_ROWS
    return _tie_arrays(eco, layers, periods, rows)


def _graph_of(eco: Ecosystem, ties: TieArrays) -> nx.Graph[str]:
    graph: nx.Graph[str] = nx.Graph()
    graph.add_nodes_from(organisation_nodes(eco))  # NetworkX copies each attribute dict
    ids = [org.id for org in eco.organisations]

    def edges() -> Iterator[tuple[str, str, dict[str, int]]]:
        for i, j, x, y, z, r in zip(ties.lo.tolist(), ties.hi.tolist(), *ties.counts.tolist(), strict=True):
            a, b = ids[i], ids[j]
            if b < a:  # each pair as (a, b) with a < b, as the layers count it
                a, b = b, a
            yield (
                a,
                b,
                {"weight": x + y + z + r, "agreements": x, "professionals": y, "referrals": z, "reported": r},
            )

    graph.add_edges_from(edges())  # every pair counted has a weight of at least 1
    return graph


def period_graphs(eco: Ecosystem, *, layers: Layers = Layers()) -> Iterator[tuple[Period, nx.Graph[str]]]:
    """The organisation graph of each referral period, in time order: what a trend draws.

    For each period that has referral flows, the same graph as ``organisation_graph`` of
    the ecosystem with only that period's flows, for that period: agreements in force in
    it, shared professionals, its referrals, the ties reported in rounds of a period that
    lies within it. What does not change from period to period (organisations, shared
    professionals, agreement parties, the flows of each period) is worked out once.

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
    for period, rows in _flow_rows(eco).by_period.items():
        yield period, _graph_of(eco, _tie_arrays(eco, layers, PeriodRange(period, period), rows))


@dataclass(frozen=True, slots=True)
class PeriodTies:
    """The ties of one period as arrays: tie ``j`` joins organisations ``lo[j] < hi[j]``.

    Organisations are numbered by their place in ``Ecosystem.organisations``; ``weights``
    holds each tie's ``weight`` (the sum of its layers' counts), ties sorted by ``(lo, hi)``.
    """

    period: Period
    lo: IntArray
    hi: IntArray
    weights: FloatArray


def period_tie_arrays(eco: Ecosystem, *, layers: Layers = Layers()) -> Iterator[PeriodTies]:
    """The ties of :func:`period_graphs`, period by period, as arrays, without building graphs.

    The same ties and weights as the graphs of :func:`period_graphs` (tested against them),
    for what a trend counts: per period, the pairs of the agreements in force, the shared
    professionals (both worked out once), the period's referrals (its bucket of flow rows)
    and the ties reported in it, merged in one ``np.unique`` pass.

    Examples
    --------
    >>> from graph.model import Organisation, ReferralFlow
    >>> from graph.taxonomy import Sector
    >>> orgs = tuple(Organisation(i, i, Sector.ZORG) for i in "ABC")
    >>> jan = Period.parse("2025-01")
    >>> flows = (ReferralFlow(ActorKind.ORGANISATION, "C", "A", jan, "", 3),
    ...          ReferralFlow(ActorKind.ORGANISATION, "A", "C", jan, "", 2))
    >>> [(t.period.code, t.lo.tolist(), t.hi.tolist(), t.weights.tolist())
    ...  for t in period_tie_arrays(Ecosystem(organisations=orgs, flows=flows))]
    [('2025-01', [0], [2], [5.0])]
    """
    n = max(len(eco.organisations), 1)
    for period, rows in _flow_rows(eco).by_period.items():
        codes, counts = _layer_pairs(eco, layers, PeriodRange(period, period), rows)
        pairs, inverse = np.unique(codes, return_inverse=True)
        weights = np.bincount(inverse.ravel(), weights=np.concatenate(counts), minlength=len(pairs))
        yield PeriodTies(period, pairs // n, pairs % n, weights.astype(np.float64))


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
        with the per-layer counts and ``weight`` (their sum) as attributes. Edges come in
        the order their pairs are first met: agreements, shared professionals, referrals
        (in the order of the flows), reported ties.
    """
    return _graph_of(eco, organisation_ties(eco, layers=layers, periods=periods))


def referral_graph(eco: Ecosystem, *, periods: PeriodRange = PeriodRange()) -> nx.DiGraph[str]:
    """The directed referral graph: an edge ``a -> b`` weighted by the referrals sent.

    Edges come in the order of their first flow (:func:`organisation_flows`).

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
    flows, n = _flow_rows(eco), max(len(eco.organisations), 1)
    sources, targets, sent = _referral_rows(flows, _rows_in(flows, periods))
    pair_codes, slots = _first_met(sources * n + targets)
    weights = np.zeros(len(pair_codes), dtype=np.int64)
    np.add.at(weights, slots, sent)
    ids = [org.id for org in eco.organisations]
    graph.add_edges_from(
        (ids[code // n], ids[code % n], {"weight": weight})
        for code, weight in zip(pair_codes.tolist(), weights.tolist(), strict=True)
    )
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
