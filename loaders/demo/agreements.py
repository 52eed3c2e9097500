"""Agreements: the planted core, shared specialists and random agreements."""

from __future__ import annotations

import random
from collections.abc import Mapping, Sequence
from dataclasses import replace
from datetime import date, timedelta
from itertools import combinations
from types import MappingProxyType
from typing import Final

from graph.model import Agreement, Professional
from graph.taxonomy import AgreementKind, Sector
from loaders.demo.areas import _AREA_NAMES, _wijk_code
from loaders.demo.core import _CORE_AGREEMENTS
from loaders.demo.ids import _agreement_id, _core_agreement_ids, _free_ids
from loaders.demo.sectors import _SINGLE_SECTOR
from loaders.demo.staff import _Staff, _Team
from loaders.demo.vocabulary import _KIND_WORDS, _TOPICS
from loaders.demo.world import _World

__all__ = ["_agreements"]

_KIND_WEIGHTS: Final[Mapping[AgreementKind, int]] = MappingProxyType(
    {
        AgreementKind.COVENANT: 30,
        AgreementKind.CONTRACT: 35,
        AgreementKind.DATA_SHARING: 20,
        AgreementKind.OTHER: 15,
    }
)


def _unique(name: str, used: set[str]) -> str:
    candidate, number = name, 2
    while candidate in used:
        candidate, number = f"{name} ({number})", number + 1
    used.add(candidate)
    return candidate


def _core_agreements(world: _World, teams: Sequence[_Team], staff: _Staff) -> list[Agreement]:
    ids = _core_agreement_ids(world.spec.agreements)
    by_wijk = {team.wijk: team for team in teams}
    agreements = []
    for core in _CORE_AGREEMENTS:
        if core.kind is AgreementKind.WIJKTEAM:
            wijk = int(core.key.removeprefix("team"))
            parties, members = by_wijk[wijk].parties, tuple(staff.team_members.get(wijk, ()))
            areas: tuple[str, ...] = (_wijk_code(wijk),)
        else:
            parties = tuple(world.ids[key] for key in core.parties)
            members, areas = tuple(staff.ids[key] for key in core.members), ()
        agreements.append(
            Agreement(ids[core.key], core.name, core.kind, core.start, core.end, parties, members, areas)
        )
    return agreements


_ONE_DAY: Final = timedelta(days=1)


def _dates(rng: random.Random) -> tuple[date, date | None]:
    start = date(rng.randint(2016, 2025), rng.randint(1, 12), 1)
    if rng.random() < 0.3:
        return start, date(start.year + rng.randint(1, 4), start.month, 1) - _ONE_DAY
    return start, None


_Partners = Mapping[str, Sequence[str]]  # organisation id -> organisations it has referral routes with


def _candidate(world: _World, lead: str, single: bool, partners: _Partners, first: bool) -> str | None:
    """A possible party: the first one, and most others, an organisation the lead refers with."""
    rng = world.rng
    home = world.sector(lead)
    near = [p for p in partners.get(lead, ()) if not single or world.sector(p) is home]
    if near and (first or rng.random() < 0.75):
        return near[rng.randrange(len(near))]
    sector = home if single else rng.choice(list(Sector))
    pool = world.by_sector[sector]
    if not pool:
        return None
    candidate = pool[rng.randrange(len(pool))]
    return candidate if world.overlap(lead, candidate) or rng.random() < 0.3 else None


def _gather_parties(world: _World, lead: str, count: int, partners: _Partners) -> list[str]:
    """The lead and up to ``count - 1`` partners, all of its sector for most agreements."""
    single = world.rng.random() < _SINGLE_SECTOR[world.sector(lead)]
    parties = [lead]
    for mode in (single, False):
        for _ in range(count * 10):
            if len(parties) >= count:
                return parties
            candidate = _candidate(world, lead, mode, partners, len(parties) == 1)
            if (
                candidate
                and candidate not in parties
                and all(world.allowed(p, candidate, "agreement") for p in parties)
            ):
                parties.append(candidate)
    return parties


def _members(world: _World, staff: _Staff, parties: Sequence[str]) -> tuple[str, ...]:
    core = set(staff.ids.values())
    pool = [pro for party in parties for pro in staff.by_org.get(party, []) if pro not in core]
    if not pool or world.rng.random() < 0.5:
        return ()
    return tuple(world.rng.sample(pool, min(len(pool), world.rng.randint(1, 4))))


def _party_count(rng: random.Random, kind: AgreementKind) -> int:
    if kind is AgreementKind.CONTRACT:
        return 2
    return rng.randint(2, 4) if kind is AgreementKind.DATA_SHARING else rng.randint(2, 6)


def _random_agreement(world: _World, staff: _Staff, names: set[str], partners: _Partners) -> Agreement:
    rng = world.rng
    kinds = list(_KIND_WEIGHTS)
    kind = rng.choices(kinds, weights=[_KIND_WEIGHTS[k] for k in kinds])[0]
    lead = rng.choice(world.open_ids)
    parties = _gather_parties(world, lead, _party_count(rng, kind), partners)
    areas = tuple(sorted(world.wijken[lead])) if len(world.wijken[lead]) == 1 else ()
    suffix = f" {_AREA_NAMES[areas[0]]}" if areas else ""
    name = _unique(f"{_KIND_WORDS[kind]} {rng.choice(_TOPICS[world.sector(lead)])}{suffix}", names)
    start, end = _dates(rng)
    return Agreement("", name, kind, start, end, tuple(parties), _members(world, staff, parties), areas)


def _has_route(pro: Professional, partners: _Partners) -> bool:
    jobs = [e.organisation_id for e in pro.employments]
    return any(b in partners.get(a, ()) for a, b in combinations(jobs, 2))


def _shareable(world: _World, staff: _Staff) -> list[Professional]:
    """Shared professionals whose employers may sign an agreement together."""
    core = set(staff.ids.values())
    return [
        p
        for p in staff.professionals
        if p.is_shared
        and p.id not in core
        and all(
            world.allowed(a.organisation_id, b.organisation_id, "agreement")
            for a, b in combinations(p.employments, 2)
        )
    ]


def _shared_specialist_agreements(
    world: _World, staff: _Staff, names: set[str], count: int, partners: _Partners
) -> list[Agreement]:
    """Agreements on professionals who work for several organisations; preferably for
    employers that also refer to each other."""
    eligible = _shareable(world, staff)
    routed = [p for p in eligible if _has_route(p, partners)]
    unrouted = [p for p in eligible if not _has_route(p, partners)]
    chosen = world.rng.sample(routed, min(count, len(routed)))
    chosen += world.rng.sample(unrouted, min(count - len(chosen), len(unrouted)))
    agreements = []
    for pro in chosen:
        parties = tuple(e.organisation_id for e in pro.employments)
        name = _unique(f"Gedeelde inzet {pro.role}", names)
        start, end = _dates(world.rng)
        agreements.append(
            Agreement("", name, AgreementKind.SHARED_SPECIALIST, start, end, parties, (pro.id,))
        )
    return agreements


def _agreements(world: _World, teams: Sequence[_Team], staff: _Staff, partners: _Partners) -> list[Agreement]:
    core = _core_agreements(world, teams, staff)
    names = {a.name for a in core}
    wanted = world.spec.agreements - len(core)
    extra = _shared_specialist_agreements(world, staff, names, round(wanted * 0.15), partners)
    extra += [_random_agreement(world, staff, names, partners) for _ in range(wanted - len(extra))]
    ids = _free_ids(_agreement_id, [a.id for a in core], len(extra))
    return core + [
        replace(agreement, id=agreement_id) for agreement_id, agreement in zip(ids, extra, strict=True)
    ]
