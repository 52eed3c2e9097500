"""The world under construction (local to one ``generate_demo`` call) and the
rules on which ties may exist."""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Final

from graph.areacodes import wijk_of
from graph.model import Organisation
from graph.taxonomy import Sector
from loaders.demo.sectors import _SILO_REFUSAL, _SILO_SECTORS, _WITHIN
from loaders.demo.spec import DemoSpec

__all__ = ["_TIES_ALL", "_World", "_pick_partner"]


def _pair(a: str, b: str) -> tuple[str, str]:
    return (a, b) if a <= b else (b, a)


_TIES_ALL: Final = frozenset({"flow", "agreement", "staff"})


@dataclass
class _World:
    """Everything one generation run builds up, plus the rules on which ties may exist."""

    rng: random.Random
    spec: DemoSpec
    ids: dict[str, str]  # core organisation key -> id
    orgs: dict[str, Organisation] = field(default_factory=dict)
    wijken: dict[str, frozenset[str]] = field(default_factory=dict)  # org id -> wijk codes served
    names: set[str] = field(default_factory=set)
    kvks: set[str] = field(default_factory=set)
    forbidden: dict[tuple[str, str], frozenset[str]] = field(default_factory=dict)
    open_ids: list[str] = field(default_factory=list)  # organisations random ties may use
    by_sector: dict[Sector, list[str]] = field(default_factory=dict)
    by_wijk: dict[str, list[str]] = field(default_factory=dict)

    def add(self, org: Organisation) -> None:
        self.orgs[org.id] = org
        self.names.add(org.name)
        self.wijken[org.id] = frozenset(wijk_of(code) or code for code in org.areas)

    def allowed(self, a: str, b: str, tie: str) -> bool:
        """Whether a tie of this kind ("flow", "agreement", "staff") may join a and b."""
        return a != b and tie not in self.forbidden.get(_pair(a, b), frozenset())

    def forbid(self, a: str, b: str, ties: frozenset[str]) -> None:
        key = _pair(self.ids[a], self.ids[b])
        self.forbidden[key] = self.forbidden.get(key, frozenset()) | ties

    def overlap(self, a: str, b: str) -> bool:
        return not self.wijken[a].isdisjoint(self.wijken[b])

    def sector(self, org_id: str) -> Sector:
        return self.orgs[org_id].sector


def _partner_pool(world: _World, home: Sector) -> list[str]:
    """Where to look for a partner: the own sector, or (less often) everyone, so a
    sector receives across-sector ties in proportion to its size."""
    return world.by_sector[home] if world.rng.random() < _WITHIN[home] else world.open_ids


def _pick_partner(world: _World, source: str, tie: str, taken: Sequence[str] = ()) -> str | None:
    """A random partner for ``source``: mostly its own sector, preferably the same wijk."""
    rng = world.rng
    home = world.sector(source)
    for attempt in range(12):
        pool = _partner_pool(world, home)
        candidate = pool[rng.randrange(len(pool))]
        if candidate in taken or not all(world.allowed(t, candidate, tie) for t in (source, *taken)):
            continue
        if attempt < 6 and not world.overlap(source, candidate):
            continue
        if _closed_to(world, home, candidate):
            continue
        return candidate
    return None


def _closed_to(world: _World, home: Sector, candidate: str) -> bool:
    """Silo sectors turn away half of the ties offered from outside."""
    sector = world.sector(candidate)
    return sector is not home and sector in _SILO_SECTORS and world.rng.random() < _SILO_REFUSAL
