"""Agreements versus practice: what the referral data says about how organisations really work together.

On an ``Ecosystem`` (agreements, professionals and referral flows):

- :func:`agreement_gaps`: agreements without referrals, heavy flows without an agreement;
- :func:`ping_pong`: heavy referral flows both ways between two organisations (also on a
  referral graph);
- :func:`shared_specialist_opportunities`: one role at several organisations in a wijk;
- :func:`ambassador_index`: how much a wijkteam member refers to their own employer.

The structural chances on the organisation graph (missing links, sector gaps, absent
sectors) are in :mod:`graph.chances`.

Every result is a frozen dataclass with ``reasons`` (``graph.reasons.Reason``, Dutch and
English) and turns into plain JSON data with ``dataclasses.asdict``.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Iterator, Mapping
from dataclasses import dataclass
from datetime import date
from functools import cache
from itertools import combinations

import networkx as nx
import numpy as np

from graph import reasons as say
from graph.arrays import FloatArray, IntArray, edge_arrays, shared_view
from graph.chances import Pair
from graph.model import Agreement, Ecosystem, Professional
from graph.periods import PeriodRange
from graph.project import Layers, agreement_in_force, organisation_graph, referral_graph
from graph.reasons import Reason
from graph.taxonomy import ActorKind, AgreementKind, Sector  # noqa: F401 - Sector: used by the doctests

__all__ = [
    "AgreementGaps",
    "Ambassador",
    "PaperAgreement",
    "PingPong",
    "SpecialistOpportunity",
    "UnagreedFlow",
    "agreement_gaps",
    "ambassador_index",
    "ping_pong",
    "shared_specialist_opportunities",
]


# --------------------------------------------------------------------------- results


@dataclass(frozen=True, slots=True)
class PaperAgreement:
    """An agreement whose parties do not refer to each other."""

    agreement: str
    name: str
    kind: str
    parties: tuple[str, ...]
    reasons: tuple[Reason, ...]


@dataclass(frozen=True, slots=True)
class UnagreedFlow:
    """Heavy referral volume between ``a < b`` that share no agreement."""

    a: str
    b: str
    a_to_b: int
    b_to_a: int
    volume: int
    reasons: tuple[Reason, ...]


@dataclass(frozen=True, slots=True)
class AgreementGaps:
    """Agreements without practice and practice without agreement; ``heavy`` is the threshold used."""

    paper_agreements: tuple[PaperAgreement, ...]
    unagreed_flows: tuple[UnagreedFlow, ...]
    heavy: float


@dataclass(frozen=True, slots=True)
class SpecialistOpportunity:
    """One role held at several organisations serving the same wijken, each at a small fte."""

    role: str
    areas: tuple[str, ...]
    organisations: tuple[str, ...]
    professionals: tuple[str, ...]
    fte: float
    reasons: tuple[Reason, ...]


@dataclass(frozen=True, slots=True)
class Ambassador:
    """A wijkteam member and the share of their referrals that go to their own employer(s)."""

    professional: str
    name: str
    employers: tuple[str, ...]
    teams: tuple[str, ...]
    referrals: int
    to_employer: int
    share: float
    reasons: tuple[Reason, ...]


@dataclass(frozen=True, slots=True)
class PingPong:
    """Two organisations ``a < b`` with heavy referral flows both ways."""

    a: str
    b: str
    a_to_b: int
    b_to_a: int
    reasons: tuple[Reason, ...]


# --------------------------------------------------------------------------- agreements and flows


@dataclass(frozen=True, slots=True)
class _PairVolumes:
    """Referrals per pair of organisations with referrals, as arrays.

    Pair ``k`` joins ``nodes[lo[k]]`` and ``nodes[hi[k]]`` (``lo[k] < hi[k]``, node numbers
    of the referral graph); ``up[k]`` referrals went from the first to the second,
    ``down[k]`` back; ``totals`` is their sum.
    """

    nodes: tuple[str, ...]
    lo: IntArray
    hi: IntArray
    up: FloatArray
    down: FloatArray
    totals: FloatArray

    def pairs(self, chosen: IntArray) -> Iterator[tuple[Pair, int, int]]:
        """``((a, b), a -> b, b -> a)`` with ``a < b`` (by id) for the ``chosen`` pairs."""
        for i, j, up, down in zip(
            self.lo[chosen].tolist(),
            self.hi[chosen].tolist(),
            self.up[chosen].astype(np.int64).tolist(),
            self.down[chosen].astype(np.int64).tolist(),
            strict=True,
        ):
            a, b = self.nodes[i], self.nodes[j]
            yield ((a, b), up, down) if a < b else ((b, a), down, up)


def _pair_volumes(graph: nx.DiGraph[str]) -> _PairVolumes:
    """The referrals of a referral graph per pair, both ways, from its edge arrays.

    One ``np.unique`` pass over the edge arrays (``graph.arrays.edge_arrays``, weights as
    whole counts, self-loops dropped) joins the two directions of a pair; built once per
    graph inside ``graph.arrays.shared_views`` (:func:`agreement_gaps` and :func:`ping_pong`).
    """

    def build() -> _PairVolumes:
        arrays = edge_arrays(graph, weight="weight")
        sources, targets, weights = arrays.sources, arrays.targets, arrays.weights
        n = len(arrays.nodes)
        upward = sources < targets
        codes, inverse = np.unique(
            np.where(upward, sources * n + targets, targets * n + sources), return_inverse=True
        )
        up = np.bincount(inverse, np.where(upward, weights, 0.0), len(codes)).astype(np.float64, copy=False)
        down = np.bincount(inverse, np.where(upward, 0.0, weights), len(codes)).astype(np.float64, copy=False)
        return _PairVolumes(arrays.nodes, codes // n, codes % n, up, down, up + down)

    return shared_view("pair_volumes", graph, None, build)


_MEDIAN_FLOOR = 2  # a heavy flow carries at least this many times the median volume


def _threshold(values: Collection[float], percentile: float) -> float:
    """The ``percentile`` of the volumes, but at least twice their median.

    The percentile alone is met by every flow when the volumes are uniform (all pairs with
    one referral each: the 90th percentile is 1, so every flow would be heavy). The floor
    keeps "heavy" meaning heavier than a typical pair: with equal volumes nothing is heavy,
    and a volume of 1 is never heavy (the median is at least 1). On skewed volumes, the
    usual case, the percentile is the higher of the two and decides.

    >>> _threshold([1, 1, 1, 1], 90), round(_threshold([1, 1, 2, 40], 90), 1)
    (2.0, 28.6)
    """
    data = np.fromiter(values, float, count=len(values))
    if not data.size:
        return 0.0
    return float(max(np.percentile(data, percentile), _MEDIAN_FLOOR * np.median(data)))


def _in_force(eco: Ecosystem, periods: PeriodRange) -> Iterator[tuple[Agreement, tuple[str, ...]]]:
    """The agreements in force in ``periods`` with at least two known parties, each with those parties.

    Parties are sorted and unique (``graph.model``), so the known ones are too. Whether an
    agreement is in force depends only on its dates: decided once per pair of dates.
    """
    known = {o.id for o in eco.organisations}
    in_force: dict[tuple[date | None, date | None], bool] = {}
    for ag in eco.agreements:
        dates = (ag.start, ag.end)
        chosen = in_force.get(dates)
        if chosen is None:
            chosen = in_force[dates] = agreement_in_force(ag, periods)
        if chosen:
            parties = (
                ag.parties if known.issuperset(ag.parties) else tuple(p for p in ag.parties if p in known)
            )
            if len(parties) >= 2:
                yield ag, parties


# one reason per number of parties, shared by the paper agreements (27k at 10k organisations)
_no_referrals = cache(say.no_referrals)


def agreement_gaps(
    eco: Ecosystem,
    *,
    periods: PeriodRange = PeriodRange(),
    heavy: int | None = None,
    referrals: nx.DiGraph[str] | None = None,
) -> AgreementGaps:
    """Agreements without referrals, and heavy referral flows without an agreement.

    Parameters
    ----------
    eco : Ecosystem
        A snapshot.
    periods : PeriodRange
        Referrals and agreements count only in (and when in force during) this range.
    heavy : int, optional
        The volume (both directions summed) from which a pair's flow is heavy. Default:
        the 90th percentile (``numpy.percentile``, linear interpolation) of the volumes of
        all organisation pairs with referrals in ``periods``, but at least twice their
        median, so that equal volumes make no flow heavy.
    referrals : networkx.DiGraph, optional
        ``graph.project.referral_graph(eco, periods=periods)``, when the caller has built it
        already (``graph.analysis.analyse``); built here otherwise.

    Returns
    -------
    AgreementGaps
        ``paper_agreements``: agreements in force with >= 2 parties and no referral
        between any two of their parties, by id; ``unagreed_flows``: pairs with volume
        >= ``heavy`` and no agreement in force in common, heaviest first; ``heavy``: the
        threshold used.

    Notes
    -----
    A professional's referrals count for each of their employers
    (``graph.project.organisation_flows``).

    Examples
    --------
    >>> from graph.model import Organisation, ReferralFlow
    >>> from graph.periods import Period
    >>> orgs = tuple(Organisation(i, i, Sector.ZORG) for i in "ABCD")
    >>> covenant = Agreement("X", "Convenant", AgreementKind.COVENANT, parties=("B", "C"))
    >>> jan = Period.parse("2025-01")
    >>> flows = tuple(ReferralFlow(ActorKind.ORGANISATION, s, t, jan, "", n)
    ...               for s, t, n in (("A", "B", 30), ("A", "D", 1), ("D", "B", 2)))
    >>> gaps = agreement_gaps(Ecosystem(organisations=orgs, agreements=(covenant,), flows=flows))
    >>> [p.agreement for p in gaps.paper_agreements], [(f.a, f.b, f.volume) for f in gaps.unagreed_flows]
    (['X'], [('A', 'B', 30)])

    References
    ----------
    .. [1] Provan, K. G., & Milward, H. B. (1995). A preliminary theory of
       interorganizational network effectiveness. *Administrative Science Quarterly*
       40(1), 1-33.
    """
    if referrals is None:
        referrals = referral_graph(eco, periods=periods)
    volumes = _pair_volumes(referrals)
    threshold = float(heavy) if heavy is not None else _threshold(volumes.totals, 90)
    heavy_pairs = volumes.pairs(np.flatnonzero(volumes.totals >= threshold))
    unagreed = {pair: (up, down) for pair, up, down in heavy_pairs}  # less those agreed, below
    sent = dict(referrals.adjacency())  # organisation -> {organisation referred to: tie}
    paper = []
    for ag, parties in _in_force(eco, periods):
        for pair in combinations(ag.parties, 2):
            unagreed.pop(pair, None)
        for a, b in combinations(parties, 2):
            if b in sent.get(a, ()) or a in sent.get(b, ()):
                break
        else:  # no two parties referred to each other, either way
            reason = _no_referrals(len(parties))
            paper.append(PaperAgreement(ag.id, ag.name, ag.kind.value, parties, (reason,)))
    flows = [
        UnagreedFlow(a, b, up, down, up + down, (say.unagreed_volume(up, down, threshold),))
        for (a, b), (up, down) in sorted(unagreed.items(), key=lambda item: (-sum(item[1]), item[0]))
    ]
    return AgreementGaps(tuple(paper), tuple(flows), threshold)


def ping_pong(
    source: Ecosystem | nx.DiGraph[str],
    *,
    periods: PeriodRange = PeriodRange(),
    min_each_way: int | None = None,
) -> list[PingPong]:
    """Pairs of organisations with heavy referral flows both ways (hand-off ping-pong).

    Parameters
    ----------
    source : Ecosystem or networkx.DiGraph
        A snapshot, or a referral graph (``graph.project.referral_graph``, edge ``weight``
        = referrals sent).
    periods : PeriodRange
        Only flows in this range; only for an ``Ecosystem`` (a referral graph already
        holds its periods).
    min_each_way : int, optional
        The volume both directions must reach. Default: the 95th percentile
        (``numpy.percentile``, linear interpolation) of the volumes of all directed
        organisation pairs with referrals, but at least twice their median, so that equal
        volumes (every pair one referral each way) are no ping-pong.

    Returns
    -------
    list of PingPong
        ``a < b``; sorted by the smaller of the two volumes (descending), then the total.

    Raises
    ------
    ValueError
        If ``periods`` is given with a referral graph.

    Examples
    --------
    >>> G = nx.DiGraph()
    >>> G.add_weighted_edges_from([("A", "B", 30), ("B", "A", 25), ("A", "C", 40), ("C", "B", 2)])
    >>> [(p.a, p.b, p.a_to_b, p.b_to_a) for p in ping_pong(G, min_each_way=20)]
    [('A', 'B', 30, 25)]

    References
    ----------
    .. [1] Provan, K. G., & Milward, H. B. (1995). A preliminary theory of
       interorganizational network effectiveness. *Administrative Science Quarterly*
       40(1), 1-33.
    """
    if isinstance(source, Ecosystem):
        source = referral_graph(source, periods=periods)
    elif periods != PeriodRange():
        raise ValueError("periods only applies to an Ecosystem; a referral graph already has its periods")
    volumes = _pair_volumes(source)
    sent = edge_arrays(source, weight="weight").weights  # per ordered pair, no self-loops
    threshold = float(min_each_way) if min_each_way is not None else _threshold(sent, 95)
    both = np.minimum(volumes.up, volumes.down)
    found = [
        PingPong(a, b, forward, backward, (say.ping_pong_volumes(forward, backward, threshold),))
        for (a, b), forward, backward in volumes.pairs(np.flatnonzero((both >= threshold) & (both > 0)))
    ]
    return sorted(found, key=lambda p: (-min(p.a_to_b, p.b_to_a), -(p.a_to_b + p.b_to_a), p.a, p.b))


# --------------------------------------------------------------------------- professionals


def _wijken_served(eco: Ecosystem) -> dict[str, tuple[str, ...]]:
    """Organisation -> wijk codes served, folded exactly as the projection folds them."""
    nodes_only = organisation_graph(eco, layers=Layers.parse([]))
    return {node: tuple(wijken) for node, wijken in nodes_only.nodes(data="wijken")}


def shared_specialist_opportunities(
    eco: Ecosystem, *, min_organisations: int = 3, max_fte: float = 0.5
) -> list[SpecialistOpportunity]:
    """The same role held at several organisations serving one wijk, each at a small fte.

    Such a role could be one shared specialist instead of several small jobs.

    Parameters
    ----------
    eco : Ecosystem
        A snapshot; wijk names come from ``eco.areas``.
    min_organisations : int
        How many different organisations must hold the role in the wijk.
    max_fte : float
        Only jobs of at most this fte count.

    Returns
    -------
    list of SpecialistOpportunity
        One per role and set of organisations; ``areas`` lists every wijk where exactly
        these organisations hold the role; ``fte`` is the total of their small jobs.
        Sorted by number of organisations (descending), role, areas.

    Notes
    -----
    Roles match case-insensitively, after trimming spaces.

    Examples
    --------
    >>> from graph.model import Employment, Organisation, Professional
    >>> orgs = tuple(Organisation(i, i, Sector.WELZIJN, areas=("WK990103",)) for i in "ABC")
    >>> pros = tuple(Professional(f"P{i}", f"P{i}", role="vastgoedbeheerder",
    ...              employments=(Employment(o, 0.2),)) for i, o in enumerate("ABC"))
    >>> found = shared_specialist_opportunities(Ecosystem(organisations=orgs, professionals=pros))
    >>> found[0].role, found[0].areas, found[0].organisations, round(found[0].fte, 2)
    ('vastgoedbeheerder', ('WK990103',), ('A', 'B', 'C'), 0.6)

    References
    ----------
    .. [1] Provan, K. G., & Kenis, P. (2008). Modes of network governance: Structure,
       management, and effectiveness. *Journal of Public Administration Research and
       Theory* 18(2), 229-252.
    """
    served = _wijken_served(eco)
    groups: dict[tuple[str, str], dict[tuple[str, str], float]] = defaultdict(dict)
    spelling: dict[str, str] = {}
    for pro in eco.professionals:
        key = pro.role.strip().casefold()
        spelling[key] = min(spelling.get(key, pro.role.strip()), pro.role.strip())
        for job in pro.employments:
            if key and job.fte <= max_fte:
                for wijk in served.get(job.organisation_id, ()):
                    groups[key, wijk][job.organisation_id, pro.id] = job.fte
    merged: dict[tuple[str, tuple[str, ...]], list[str]] = defaultdict(list)
    for (key, wijk), jobs in sorted(groups.items()):
        organisations = tuple(sorted({org for org, _ in jobs}))
        if len(organisations) >= min_organisations:
            merged[key, organisations].append(wijk)
    names = {a.code: a.name for a in eco.areas}
    found = [
        _opportunity(spelling[key], orgs, wijken, groups[key, wijken[0]], names)
        for (key, orgs), wijken in merged.items()
    ]
    return sorted(found, key=lambda f: (-len(f.organisations), f.role, f.areas))


def _opportunity(
    role: str,
    orgs: tuple[str, ...],
    wijken: list[str],
    jobs: Mapping[tuple[str, str], float],
    names: Mapping[str, str],
) -> SpecialistOpportunity:
    fte = float(sum(jobs.values()))
    reason = say.shared_role(role, len(orgs), wijken, names, fte)
    professionals = tuple(sorted({pro for _, pro in jobs}))
    return SpecialistOpportunity(role, tuple(wijken), orgs, professionals, fte, (reason,))


def ambassador_index(
    eco: Ecosystem, *, periods: PeriodRange = PeriodRange(), min_referrals: int = 10
) -> list[Ambassador]:
    """For wijkteam members: the share of their referrals that go to their own employer(s).

    Parameters
    ----------
    eco : Ecosystem
        A snapshot.
    periods : PeriodRange
        Only referrals in this range, and wijkteams in force during it.
    min_referrals : int
        Leave out members who sent fewer referrals (a share of 3 means little).

    Returns
    -------
    list of Ambassador
        Members of an agreement of kind ``wijkteam``, by share (descending), then
        referrals (descending), then id. Only referrals a professional sent themselves
        (``source_kind`` professional) count.

    Examples
    --------
    >>> from graph.model import Employment, Organisation, Professional, ReferralFlow
    >>> from graph.periods import Period
    >>> orgs = tuple(Organisation(i, i, Sector.ZORG) for i in "AB")
    >>> pro = Professional("P1", "Wijkverpleegkundige", employments=(Employment("A", 0.8),))
    >>> team = Agreement("T", "Sociaal Wijkteam", AgreementKind.WIJKTEAM, parties=("A", "B"), members=("P1",))
    >>> jan = Period.parse("2025-01")
    >>> flows = (ReferralFlow(ActorKind.PROFESSIONAL, "P1", "A", jan, "", 9),
    ...          ReferralFlow(ActorKind.PROFESSIONAL, "P1", "B", jan, "", 3))
    >>> eco = Ecosystem(organisations=orgs, professionals=(pro,), agreements=(team,), flows=flows)
    >>> [(a.professional, a.share) for a in ambassador_index(eco)]
    [('P1', 0.75)]

    References
    ----------
    .. [1] Williams, P. (2002). The competent boundary spanner. *Public Administration*
       80(1), 103-124.
    """
    teams: dict[str, list[str]] = defaultdict(list)
    for ag in eco.agreements:
        if ag.kind is AgreementKind.WIJKTEAM and agreement_in_force(ag, periods):
            for member in ag.members:
                teams[member].append(ag.id)
    pros = {p.id: p for p in eco.professionals}
    employers = {p: {e.organisation_id for e in pros[p].employments} if p in pros else set() for p in teams}
    sent: dict[str, list[int]] = {}
    for flow in eco.flows:
        if flow.source_kind is ActorKind.PROFESSIONAL and flow.source_id in teams and flow.period in periods:
            counts = sent.setdefault(flow.source_id, [0, 0])
            counts[0] += flow.count
            counts[1] += flow.count if flow.target_id in employers[flow.source_id] else 0
    names = {o.id: o.name for o in eco.organisations}
    found = [
        _ambassador(pros.get(p), p, teams[p], total, own, names)
        for p, (total, own) in sent.items()
        if total >= min_referrals
    ]
    return sorted(found, key=lambda a: (-a.share, -a.referrals, a.professional))


def _ambassador(
    pro: Professional | None, pro_id: str, teams: list[str], total: int, own: int, names: Mapping[str, str]
) -> Ambassador:
    employers = tuple(sorted({e.organisation_id for e in pro.employments})) if pro else ()
    reason = say.ambassador_share(own / total, total, [names.get(e, e) for e in employers])
    return Ambassador(
        pro_id,
        pro.name if pro else pro_id,
        employers,
        tuple(sorted(teams)),
        total,
        own,
        own / total,
        (reason,),
    )
