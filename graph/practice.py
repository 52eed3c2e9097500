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
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import networkx as nx
import numpy as np

from graph import reasons as say
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


def _directed_volumes(
    eco: Ecosystem, periods: PeriodRange, graph: nx.DiGraph[str] | None = None
) -> dict[Pair, int]:
    """Referrals sent per ordered pair: the edge weights of the referral graph (``graph``, if built)."""
    if graph is None:
        graph = referral_graph(eco, periods=periods)
    return {(a, b): int(tie["weight"]) for a, b, tie in graph.edges(data=True)}


_MEDIAN_FLOOR = 2  # a heavy flow carries at least this many times the median volume


def _threshold(values: Iterable[float], percentile: float) -> float:
    """The ``percentile`` of the volumes, but at least twice their median.

    The percentile alone is met by every flow when the volumes are uniform (all pairs with
    one referral each: the 90th percentile is 1, so every flow would be heavy). The floor
    keeps "heavy" meaning heavier than a typical pair: with equal volumes nothing is heavy,
    and a volume of 1 is never heavy (the median is at least 1). On skewed volumes, the
    usual case, the percentile is the higher of the two and decides.

    >>> _threshold([1, 1, 1, 1], 90), round(_threshold([1, 1, 2, 40], 90), 1)
    (2.0, 28.6)
    """
    data = np.fromiter(values, float)
    if not data.size:
        return 0.0
    return float(max(np.percentile(data, percentile), _MEDIAN_FLOOR * np.median(data)))


def _in_force(eco: Ecosystem, periods: PeriodRange) -> list[Agreement]:
    known = {o.id for o in eco.organisations}
    return [
        ag for ag in eco.agreements if agreement_in_force(ag, periods) and len(set(ag.parties) & known) >= 2
    ]


def _paper(agreement: Agreement, volumes: Mapping[Pair, int], known: set[str]) -> PaperAgreement | None:
    parties = sorted(set(agreement.parties) & known)
    if any((a, b) in volumes or (b, a) in volumes for i, a in enumerate(parties) for b in parties[i + 1 :]):
        return None
    reasons = (say.no_referrals(len(parties)),)
    return PaperAgreement(agreement.id, agreement.name, agreement.kind.value, tuple(parties), reasons)


def _unagreed(volumes: Mapping[Pair, int], agreed: set[Pair], heavy: float) -> list[UnagreedFlow]:
    found = []
    for a, b in sorted({(min(s, t), max(s, t)) for s, t in volumes}):
        forward, backward = volumes.get((a, b), 0), volumes.get((b, a), 0)
        if forward + backward >= heavy and (a, b) not in agreed:
            reason = say.unagreed_volume(forward, backward, heavy)
            found.append(UnagreedFlow(a, b, forward, backward, forward + backward, (reason,)))
    return sorted(found, key=lambda f: (-f.volume, f.a, f.b))


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
    volumes = _directed_volumes(eco, periods, referrals)
    agreements = _in_force(eco, periods)
    known = {o.id for o in eco.organisations}
    paper = [found for ag in agreements if (found := _paper(ag, volumes, known)) is not None]
    agreed = {(a, b) for ag in agreements for i, a in enumerate(ag.parties) for b in ag.parties[i + 1 :]}
    pair_volumes: dict[Pair, int] = defaultdict(int)
    for (s, t), count in volumes.items():
        pair_volumes[min(s, t), max(s, t)] += count
    threshold = float(heavy) if heavy is not None else _threshold(pair_volumes.values(), 90)
    return AgreementGaps(tuple(paper), tuple(_unagreed(volumes, agreed, threshold)), threshold)


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
        volumes = _directed_volumes(source, periods)
    elif periods != PeriodRange():
        raise ValueError("periods only applies to an Ecosystem; a referral graph already has its periods")
    else:
        volumes = {(s, t): int(w) for s, t, w in source.edges(data="weight", default=1) if s != t}
    threshold = float(min_each_way) if min_each_way is not None else _threshold(volumes.values(), 95)
    found = []
    for (a, b), forward in volumes.items():
        backward = volumes.get((b, a), 0)
        if a < b and min(forward, backward) >= threshold and backward > 0:
            found.append(
                PingPong(a, b, forward, backward, (say.ping_pong_volumes(forward, backward, threshold),))
            )
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
    sent: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    pros = {p.id: p for p in eco.professionals}
    for flow in eco.flows:
        if flow.source_kind is ActorKind.PROFESSIONAL and flow.source_id in teams and flow.period in periods:
            pro = pros.get(flow.source_id)
            own = pro is not None and any(e.organisation_id == flow.target_id for e in pro.employments)
            sent[flow.source_id][0] += flow.count
            sent[flow.source_id][1] += flow.count if own else 0
    found = [
        _ambassador(pros.get(p), p, teams[p], total, own, eco)
        for p, (total, own) in sent.items()
        if total >= min_referrals
    ]
    return sorted(found, key=lambda a: (-a.share, -a.referrals, a.professional))


def _ambassador(
    pro: Professional | None, pro_id: str, teams: list[str], total: int, own: int, eco: Ecosystem
) -> Ambassador:
    employers = tuple(sorted({e.organisation_id for e in pro.employments})) if pro else ()
    names = {o.id: o.name for o in eco.organisations}
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
