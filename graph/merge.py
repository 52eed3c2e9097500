"""Merge two organisations that are the same: one is kept, the other disappears.

:func:`merge_organisations` is pure: it returns a new ecosystem and a summary of what
moved; writing it is the caller's job (``ketenkaart merge``). Everything that named the
dropped organisation names the kept one afterwards:

- employments move to the kept organisation; a professional employed by both keeps one
  job there with the fte of both added up (at most 1.0, as the input files require);
- agreement parties and referral flows are repointed; flows that then have the same key
  are added up, and flows between the two organisations, which would now run from the
  kept organisation to itself, are dropped and counted in the summary;
- children (``parent_id``) of the dropped organisation become the kept one's children;
- the kept organisation serves the areas of both and offers the expertise of both, and
  takes the dropped one's KvK number, municipality, capacity, description and umbrella
  (``parent_id``) where its own are empty.

>>> from graph.model import Ecosystem, Organisation, ReferralFlow
>>> from graph.periods import Period
>>> from graph.taxonomy import ActorKind, Sector
>>> def flow(source, target, count):
...     return ReferralFlow(ActorKind.ORGANISATION, source, target, Period.parse("2025-01"), "zorg", count)
>>> eco = Ecosystem(
...     organisations=(Organisation("O1", "Stichting De Brug", Sector.WELZIJN),
...                    Organisation("O2", "De Brug", Sector.WELZIJN, kvk="41234567"),
...                    Organisation("O3", "Wijkteam Noord", Sector.HULPVERLENING)),
...     flows=(flow("O3", "O1", 4), flow("O3", "O2", 6), flow("O1", "O2", 2)))
>>> result = merge_organisations(eco, "O1", "O2")
>>> [(f.source_id, f.target_id, f.count) for f in result.ecosystem.flows]
[('O3', 'O1', 10)]
>>> result.ecosystem.organisations[0].kvk
'41234567'
>>> result.summary.self_referrals_dropped, result.summary.fields_filled
(2, ('kvk',))
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from graph.errors import ConfigError
from graph.model import Agreement, Ecosystem, Employment, Organisation, Professional, ReferralFlow
from graph.periods import Period
from graph.taxonomy import ActorKind

__all__ = ["MAX_FTE", "MergeResult", "MergeSummary", "merge_organisations"]

MAX_FTE = 1.0
"""The largest fte of one job, as the input files allow it."""

_FILLED = ("kvk", "municipality", "capacity", "description", "parent_id")


@dataclass(frozen=True, slots=True)
class MergeSummary:
    """What a merge moved, changed and dropped.

    Counts are of records (rows); ``self_referrals_dropped`` is a number of referrals.
    """

    keep: str
    drop: str
    employments_moved: int = 0
    employments_combined: int = 0
    fte_capped: int = 0
    agreements_repointed: int = 0
    flows_repointed: int = 0
    flows_combined: int = 0
    self_flows_dropped: int = 0
    self_referrals_dropped: int = 0
    children_repointed: tuple[str, ...] = ()
    areas_added: tuple[str, ...] = ()
    expertise_added: tuple[str, ...] = ()
    fields_filled: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class MergeResult:
    """The merged ecosystem and a summary of what moved."""

    ecosystem: Ecosystem
    summary: MergeSummary


def merge_organisations(eco: Ecosystem, keep: str, drop: str) -> MergeResult:
    """Merge organisation ``drop`` into organisation ``keep``.

    Parameters
    ----------
    eco : Ecosystem
        The whole ecosystem (a scoped snapshot would lose what lies outside the scope).
    keep, drop : str
        Ids of the organisation that stays and of the one that disappears.

    Returns
    -------
    MergeResult
        The new ecosystem, in which no record names ``drop``, and a :class:`MergeSummary`.
        The referrals in it add up to those before, less ``self_referrals_dropped``.

    Raises
    ------
    ConfigError
        If ``keep`` and ``drop`` are the same id, or either is not an organisation of ``eco``.

    Examples
    --------
    >>> from graph.model import Ecosystem, Employment, Organisation, Professional
    >>> from graph.taxonomy import Sector
    >>> eco = Ecosystem(
    ...     organisations=(Organisation("A", "Buurtzorg", Sector.ZORG, areas=("WK01",)),
    ...                    Organisation("B", "Buurtzrog", Sector.ZORG, areas=("WK02",))),
    ...     professionals=(Professional("P1", "Wijkverpleegkundige", employments=(
    ...         Employment("A", 0.4), Employment("B", 0.4))),))
    >>> result = merge_organisations(eco, "A", "B")
    >>> result.ecosystem.professionals[0].employments
    (Employment(organisation_id='A', fte=0.8),)
    >>> result.ecosystem.organisations[0].areas, result.summary.employments_combined
    (('WK01', 'WK02'), 1)
    >>> merge_organisations(eco, "A", "C")
    Traceback (most recent call last):
    ...
    graph.errors.ConfigError: no organisation with id 'C'; find ids with: ketenkaart search NAME
    """
    kept, dropped = _both(eco, keep, drop)
    merged, filled = _absorb(kept, dropped, eco)
    organisations, children = _repoint_children(eco.organisations, merged, drop)
    professionals, jobs = _move_employments(eco.professionals, keep, drop)
    agreements, repointed = _repoint_parties(eco.agreements, keep, drop)
    flows, counts = _repoint_flows(eco.flows, keep, drop)
    summary = MergeSummary(
        keep=keep,
        drop=drop,
        employments_moved=jobs[0],
        employments_combined=jobs[1],
        fte_capped=jobs[2],
        agreements_repointed=repointed,
        flows_repointed=counts[0],
        flows_combined=counts[1],
        self_flows_dropped=counts[2],
        self_referrals_dropped=counts[3],
        children_repointed=children,
        areas_added=tuple(sorted(set(dropped.areas) - set(kept.areas))),
        expertise_added=tuple(sorted(set(dropped.expertise) - set(kept.expertise))),
        fields_filled=filled,
    )
    new = Ecosystem(eco.areas, organisations, professionals, agreements, flows)
    return MergeResult(new, summary)


def _both(eco: Ecosystem, keep: str, drop: str) -> tuple[Organisation, Organisation]:
    if keep == drop:
        raise ConfigError(f"cannot merge {keep!r} into itself; name two different organisations")
    by_id = {o.id: o for o in eco.organisations}
    for wanted in (keep, drop):
        if wanted not in by_id:
            raise ConfigError(f"no organisation with id {wanted!r}; find ids with: ketenkaart search NAME")
    return by_id[keep], by_id[drop]


def _absorb(
    kept: Organisation, dropped: Organisation, eco: Ecosystem
) -> tuple[Organisation, tuple[str, ...]]:
    """The kept organisation with the dropped one's areas, expertise and missing details."""
    merged = replace(
        kept,
        areas=(*kept.areas, *dropped.areas),
        expertise=(*kept.expertise, *dropped.expertise),
        kvk=kept.kvk or dropped.kvk,
        municipality=kept.municipality or dropped.municipality,
        capacity=dropped.capacity if kept.capacity is None else kept.capacity,
        description=kept.description or dropped.description,
        parent_id=_new_parent(kept, dropped, eco),
    )
    filled = tuple(
        name for name in _FILLED if _empty(getattr(kept, name)) and not _empty(getattr(merged, name))
    )
    return merged, filled


def _empty(value: object) -> bool:
    return value is None or value == ""


def _new_parent(kept: Organisation, dropped: Organisation, eco: Ecosystem) -> str | None:
    """The kept one's umbrella: its own, else the dropped one's, never itself or a cycle."""
    parent = kept.parent_id
    if parent == dropped.id:
        parent = None  # it was under the dropped one, which is now itself
    if parent is None and dropped.parent_id not in (None, kept.id):
        parent = dropped.parent_id
    if parent is not None and _above(parent, kept.id, eco, dropped.id):
        return None
    return parent


def _above(start: str, target: str, eco: Ecosystem, drop: str) -> bool:
    """Whether ``target`` is ``start`` or one of its umbrellas (``drop`` read as ``target``)."""
    parents = {o.id: o.parent_id for o in eco.organisations}
    seen: set[str] = set()
    current: str | None = start
    while current is not None and current not in seen:
        if current in (target, drop):
            return True
        seen.add(current)
        current = parents.get(current)
    return False


def _repoint_children(
    organisations: Iterable[Organisation], merged: Organisation, drop: str
) -> tuple[tuple[Organisation, ...], tuple[str, ...]]:
    kept: list[Organisation] = []
    children: list[str] = []
    for org in organisations:
        if org.id == drop:
            continue
        if org.id == merged.id:
            kept.append(merged)
        elif org.parent_id == drop:
            kept.append(replace(org, parent_id=merged.id))
            children.append(org.id)
        else:
            kept.append(org)
    return tuple(kept), tuple(sorted(children))


def _move_employments(
    professionals: Iterable[Professional], keep: str, drop: str
) -> tuple[tuple[Professional, ...], tuple[int, int, int]]:
    """Professionals with their jobs at ``drop`` moved; (moved, combined, capped) counts."""
    result: list[Professional] = []
    moved = combined = capped = 0
    for pro in professionals:
        fte = {e.organisation_id: e.fte for e in pro.employments}
        if drop not in fte:
            result.append(pro)
            continue
        moved += 1
        total = fte.pop(drop) + fte.get(keep, 0.0)
        combined += keep in fte
        capped += total > MAX_FTE
        fte[keep] = min(round(total, 6), MAX_FTE)
        jobs = tuple(Employment(org, value) for org, value in fte.items())
        result.append(replace(pro, employments=jobs))
    return tuple(result), (moved, combined, capped)


def _repoint_parties(
    agreements: Sequence[Agreement], keep: str, drop: str
) -> tuple[tuple[Agreement, ...], int]:
    result = tuple(
        replace(a, parties=tuple(keep if p == drop else p for p in a.parties)) if drop in a.parties else a
        for a in agreements
    )
    return result, sum(1 for a in agreements if drop in a.parties)


_FlowKey = tuple[ActorKind, str, str, Period, str]


def _repoint_flows(
    flows: Iterable[ReferralFlow], keep: str, drop: str
) -> tuple[tuple[ReferralFlow, ...], tuple[int, int, int, int]]:
    """Flows repointed and added up; (repointed, combined, self rows, self referrals)."""
    totals: dict[_FlowKey, int] = {}
    repointed = rows = self_rows = self_referrals = 0
    for flow in flows:
        source = flow.source_id
        if flow.source_kind is ActorKind.ORGANISATION and source == drop:
            source = keep
        target = keep if flow.target_id == drop else flow.target_id
        if (source, target) == (flow.source_id, flow.target_id):
            key: _FlowKey = (flow.source_kind, source, target, flow.period, flow.domain)
            totals[key] = totals.get(key, 0) + flow.count
            rows += 1
            continue
        repointed += 1
        if flow.source_kind is ActorKind.ORGANISATION and source == target:
            self_rows += 1
            self_referrals += flow.count
            continue
        key = (flow.source_kind, source, target, flow.period, flow.domain)
        totals[key] = totals.get(key, 0) + flow.count
        rows += 1
    merged = tuple(ReferralFlow(*key, count) for key, count in totals.items())
    return merged, (repointed, rows - len(totals), self_rows, self_referrals)
