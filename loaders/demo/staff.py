"""Sociaal wijkteams and professionals."""

from __future__ import annotations

import math
import random
from collections.abc import Sequence
from dataclasses import dataclass

from graph.model import Employment, Professional
from graph.taxonomy import Sector
from loaders.demo.areas import _WIJKEN, _wijk_code
from loaders.demo.core import _CORE_PROS, _LACKING_SECTOR, _LACKING_WIJK, _TEAM_ZORG
from loaders.demo.ids import _core_pro_ids, _free_ids, _pro_id
from loaders.demo.sectors import _STAFF_WEIGHTS
from loaders.demo.vocabulary import _EXPERTISE, _FIRST_NAMES, _LAST_NAMES, _ROLES, _TEAM_PARTNERS, _TEAM_ROLES
from loaders.demo.world import _pick_partner, _World

__all__ = ["_Staff", "_Team", "_staff", "_wijkteams"]


@dataclass(frozen=True, slots=True)
class _Team:
    wijk: int
    parties: tuple[str, ...]


def _team_pick(world: _World, wijk: int, sector: Sector, chosen: Sequence[str]) -> str | None:
    candidates = [
        org_id
        for org_id in world.by_wijk.get(_wijk_code(wijk), [])
        if world.sector(org_id) is sector
        and org_id not in chosen
        and all(world.allowed(org_id, other, "agreement") for other in chosen)
    ]
    typical = [c for c in candidates if world.orgs[c].name.startswith(_TEAM_PARTNERS[sector])]
    return world.rng.choice(typical or candidates) if candidates else None


def _wijkteams(world: _World) -> list[_Team]:
    """One sociaal wijkteam per wijk: the broker, a care, a social-service, a youth and
    sometimes a debt-help organisation second staff to it (no youth in Havenkwartier)."""
    teams: list[_Team] = []
    for wijk in range(1, len(_WIJKEN) + 1):
        parties = [world.ids["broker"]]
        fixed = _TEAM_ZORG.get(wijk)
        sectors = [Sector.HULPVERLENING, Sector.JEUGD, Sector.WERK_INKOMEN]
        if fixed:
            parties.append(world.ids[fixed])
        else:
            sectors.insert(0, Sector.ZORG)
        if wijk == _LACKING_WIJK:
            sectors.remove(_LACKING_SECTOR)
        if world.rng.random() < 0.5:
            sectors.remove(Sector.WERK_INKOMEN)
        for sector in sectors:
            pick = _team_pick(world, wijk, sector, parties)
            if pick is not None:
                parties.append(pick)
        teams.append(_Team(wijk, tuple(parties)))
    return teams


@dataclass
class _ProDraft:
    role: str
    expertise: tuple[str, ...]
    jobs: list[tuple[str, float]]
    team: int | None = None
    key: str = ""


@dataclass
class _Staff:
    professionals: list[Professional]
    ids: dict[str, str]  # core professional key -> id
    team_members: dict[int, list[str]]  # wijk -> wijkteam member ids
    employer: dict[str, str]  # professional id -> first employer
    by_org: dict[str, list[str]]  # organisation id -> employee ids


def _fte(rng: random.Random, low: int, high: int) -> float:
    """An fte in tenths: ``low`` and ``high`` are tenths (exactly representable as k/10)."""
    return rng.randint(low, high) / 10


def _expertise(rng: random.Random, sector: Sector) -> tuple[str, ...]:
    tags = _EXPERTISE[sector]
    return tuple(rng.sample(tags, rng.randint(1, min(3, len(tags)))))


def _core_drafts(world: _World) -> list[_ProDraft]:
    return [
        _ProDraft(
            core.role, core.expertise, [(world.ids[k], fte) for k, fte in core.jobs], core.team, core.key
        )
        for core in _CORE_PROS
    ]


def _member_drafts(world: _World, teams: Sequence[_Team]) -> list[_ProDraft]:
    rng = world.rng
    factor = max(1, round(math.sqrt(world.spec.professionals / 800)))
    drafts: list[_ProDraft] = []
    for team in teams:
        for party in team.parties:
            sector = world.sector(party)
            role = _TEAM_ROLES.get(sector, "sociaal werker")
            for _ in range(rng.randint(1, 3) * factor):
                drafts.append(
                    _ProDraft(role, _expertise(rng, sector), [(party, _fte(rng, 6, 10))], team.wijk)
                )
    return drafts


def _share(world: _World, draft: _ProDraft, employers: int) -> None:
    """Give a professional a second (and maybe third) employer, splitting the fte."""
    rng = world.rng
    primary = draft.jobs[0][0]
    ftes = [_fte(rng, 3, 5), _fte(rng, 1, 3), _fte(rng, 1, 2)]  # at most 1.0 fte together
    jobs = [primary]
    while len(jobs) < employers:
        partner = _pick_partner(world, primary, "staff", jobs)
        if partner is None:
            break
        jobs.append(partner)
    if len(jobs) > 1:
        draft.jobs = list(zip(jobs, ftes[: len(jobs)], strict=True))


def _random_drafts(world: _World, count: int) -> list[_ProDraft]:
    if count <= 0:
        return []
    rng = world.rng
    broker = world.ids["broker"]
    weights = [_STAFF_WEIGHTS[world.sector(o)] * (4 if o == broker else 1) for o in world.open_ids]
    drafts = []
    for employer in rng.choices(world.open_ids, weights=weights, k=count):
        sector = world.sector(employer)
        drafts.append(
            _ProDraft(rng.choice(_ROLES[sector]), _expertise(rng, sector), [(employer, _fte(rng, 5, 10))])
        )
    for index in rng.sample(range(count), round(count * 0.065)):
        _share(world, drafts[index], 3 if rng.random() < 0.15 else 2)
    return drafts


def _person_name(rng: random.Random, used: set[str]) -> str:
    """An invented combination of a common first name and surname (unique while that is easy)."""
    name = ""
    for _ in range(6):
        name = f"{rng.choice(_FIRST_NAMES)} {rng.choice(_LAST_NAMES)}"
        if name not in used:
            break
    used.add(name)
    return name


def _build_staff(world: _World, drafts: Sequence[_ProDraft], ids: Sequence[str]) -> _Staff:
    staff = _Staff([], {}, {}, {}, {})
    used: set[str] = set()
    for pro_id, draft in sorted(zip(ids, drafts, strict=True), key=lambda pair: pair[0]):
        jobs = tuple(Employment(org, fte) for org, fte in draft.jobs)
        name = _person_name(world.rng, used)
        staff.professionals.append(Professional(pro_id, name, draft.role, draft.expertise, jobs))
        staff.employer[pro_id] = draft.jobs[0][0]
        if draft.key:
            staff.ids[draft.key] = pro_id
        if draft.team is not None:
            staff.team_members.setdefault(draft.team, []).append(pro_id)
        for org, _ in draft.jobs:
            staff.by_org.setdefault(org, []).append(pro_id)
    staff.team_members = dict(sorted(staff.team_members.items()))
    return staff


def _staff(world: _World, teams: Sequence[_Team]) -> _Staff:
    core = _core_drafts(world)
    members = _member_drafts(world, teams)
    others = members + _random_drafts(world, world.spec.professionals - len(core) - len(members))
    world.rng.shuffle(others)
    core_ids = _core_pro_ids(world.spec.professionals)
    ids = [core_ids[draft.key] for draft in core] + _free_ids(_pro_id, core_ids.values(), len(others))
    return _build_staff(world, core + others, ids)
