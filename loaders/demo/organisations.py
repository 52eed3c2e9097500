"""The organisations: the planted core and invented filler organisations."""

from __future__ import annotations

import math
import random
from collections.abc import Mapping
from itertools import combinations

from graph.model import Organisation
from graph.taxonomy import Sector
from loaders.demo.areas import _GEMEENTE, _WIJKEN, _buurt_code, _where, _wijk_code
from loaders.demo.core import (
    _ARTICULATION,
    _CLUSTER,
    _CORE_ORGS,
    _LACKING_SECTOR,
    _LACKING_WIJK,
    _MISSING_LINKS,
    _NO_AGREEMENT,
    _PAPER_PARTIES,
    _SOLE_TIE,
    _CoreOrg,
)
from loaders.demo.ids import _free_ids, _org_id
from loaders.demo.sectors import _FILLER_WEIGHTS
from loaders.demo.vocabulary import _ACTIVITIES, _DEPARTMENTS, _TEMPLATES, _WORDS
from loaders.demo.world import _TIES_ALL, _World

__all__ = ["_add_organisations", "_forbid_planted_gaps", "_index"]


def _city_wijken(sector: Sector) -> tuple[str, ...]:
    lacking = _LACKING_WIJK if sector is _LACKING_SECTOR else 0
    return tuple(_wijk_code(w) for w in range(1, len(_WIJKEN) + 1) if w != lacking)


def _core_areas(core: _CoreOrg) -> tuple[str, ...]:
    if core.scope == "city":
        return _city_wijken(core.sector)
    wijk = int(core.scope[1:])
    if core.scope.startswith("W"):
        return (_wijk_code(wijk),)
    return (_buurt_code(wijk, 1), _buurt_code(wijk, 2))


def _kvk(world: _World, sector: Sector, parent: str | None) -> str | None:
    if parent is not None or sector is Sector.GEMEENTE:
        return None
    if world.rng.random() < (0.5 if sector is Sector.INFORMEEL else 0.04):
        return None
    while True:
        number = str(world.rng.randrange(10_000_000, 100_000_000))
        if number not in world.kvks:
            world.kvks.add(number)
            return number


def _organisation(
    world: _World, org_id: str, name: str, sector: Sector, *, areas: tuple[str, ...], parent: str | None
) -> Organisation:
    return Organisation(
        id=org_id,
        name=name,
        sector=sector,
        municipality=_GEMEENTE[0],
        areas=areas,
        kvk=_kvk(world, sector, parent),
        parent_id=parent,
        description=f"{name} {_ACTIVITIES[sector]} in {_where(areas)}.",
    )


def _apportion(total: int, weights: Mapping[Sector, int]) -> dict[Sector, int]:
    """Split ``total`` over the sectors in proportion to ``weights`` (largest remainder)."""
    whole = sum(weights.values())
    exact = {s: total * weights[s] / whole for s in Sector}
    counts = {s: math.floor(exact[s]) for s in Sector}
    by_remainder = sorted(Sector, key=lambda s: (counts[s] - exact[s], list(Sector).index(s)))
    for sector in by_remainder[: total - sum(counts.values())]:
        counts[sector] += 1
    return counts


def _random_wijk(rng: random.Random, sector: Sector) -> int:
    lacking = _LACKING_WIJK if sector is _LACKING_SECTOR else 0
    return rng.choice([w for w in range(1, len(_WIJKEN) + 1) if w != lacking])


def _scope_areas(rng: random.Random, sector: Sector, scope: str, wijk: int, buurt: int) -> tuple[str, ...]:
    if scope == "any":
        scope = rng.choices(("city", "wijk", "buurt"), weights=(1, 2, 1))[0]
    if scope == "city":
        return _city_wijken(sector)
    if scope == "wijk":
        return (_wijk_code(wijk),)
    codes = [_buurt_code(wijk, buurt)]
    if rng.random() < 0.3:
        codes.append(_buurt_code(wijk, rng.randrange(len(_WIJKEN[wijk - 1][1])) + 1))
    return tuple(codes)


def _filler_identity(world: _World, sector: Sector) -> tuple[str, tuple[str, ...]]:
    """A unique invented name for a filler organisation, and the areas it serves."""
    rng = world.rng
    for _ in range(30):
        pattern, scope = rng.choice(_TEMPLATES[sector])
        wijk = _random_wijk(rng, sector)
        buurt = rng.randrange(len(_WIJKEN[wijk - 1][1])) + 1
        name = pattern.format(
            x=rng.choice(_WORDS),
            w=_WIJKEN[wijk - 1][0],
            b=_WIJKEN[wijk - 1][1][buurt - 1],
            g=rng.choice(_DEPARTMENTS),
        )
        if name not in world.names:
            break
    number = 2
    base = name
    while name in world.names:
        name, number = f"{base} ({number})", number + 1
    return name, _scope_areas(rng, sector, scope, wijk, buurt)


def _add_organisations(world: _World) -> None:
    for core in _CORE_ORGS:
        parent = world.ids[core.parent] if core.parent else None
        world.add(
            _organisation(
                world, world.ids[core.key], core.name, core.sector, areas=_core_areas(core), parent=parent
            )
        )
    filler_ids = _free_ids(_org_id, world.ids.values(), world.spec.organisations - len(_CORE_ORGS))
    counts = _apportion(len(filler_ids), _FILLER_WEIGHTS)
    sectors = [sector for sector in Sector for _ in range(counts[sector])]
    world.rng.shuffle(sectors)
    for org_id, sector in zip(filler_ids, sectors, strict=True):
        name, areas = _filler_identity(world, sector)
        world.add(_organisation(world, org_id, name, sector, areas=areas, parent=None))


def _index(world: _World) -> None:
    """Which organisations random ties may use (all but the isolated cluster), by sector and wijk."""
    closed = {world.ids[key] for key in (*_CLUSTER, _ARTICULATION)}
    world.open_ids = [org_id for org_id in sorted(world.orgs) if org_id not in closed]
    world.by_sector = {sector: [] for sector in Sector}
    for org_id in world.open_ids:
        world.by_sector[world.sector(org_id)].append(org_id)
        for wijk in sorted(world.wijken[org_id]):
            world.by_wijk.setdefault(wijk, []).append(org_id)


def _forbid_planted_gaps(world: _World) -> None:
    """Ties that must not exist, so the planted structures stay exactly as documented."""
    for a, b in (*_MISSING_LINKS, _SOLE_TIE):
        world.forbid(a, b, _TIES_ALL)
    for a, b in combinations(_PAPER_PARTIES, 2):
        world.forbid(a, b, frozenset({"flow"}))
    world.forbid(*_NO_AGREEMENT, frozenset({"agreement"}))
