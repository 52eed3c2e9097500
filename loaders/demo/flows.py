"""Referral flows: the routes (channels) and their monthly counts."""

from __future__ import annotations

import math
import random
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from itertools import combinations
from typing import Final

from graph.model import ReferralFlow
from graph.periods import Period
from graph.taxonomy import ActorKind, Sector
from loaders.demo.areas import _wijk_code
from loaders.demo.core import _CORE_FLOWS, _MISSING_LINKS
from loaders.demo.sectors import _STAFF_WEIGHTS
from loaders.demo.spec import DemoSpec
from loaders.demo.staff import _Staff
from loaders.demo.vocabulary import _DOMAINS
from loaders.demo.world import _pick_partner, _World

__all__ = ["_channels", "_partners", "_periods", "_planted_partners", "_realise"]

_ORG_CHANCE: Final = 0.8  # chance that a random organisation channel carries referrals in a month
_NATURAL_ROWS_PER_ORGANISATION: Final = 8
_MAX_PAIR_RATE: Final = 15  # random routes: at most this many referrals a month per pair
_SHARED_PARTNERS: Final = 12  # each planted missing link: this many partners in common
_LATE_SHARE: Final = 0.25  # share of the random organisation routes that open after the first month

_ChannelKey = tuple[ActorKind, str, str, str]


@dataclass(frozen=True, slots=True)
class _Channel:
    """A referral route that yields one flow row in a month when active."""

    kind: ActorKind
    source: str
    target: str
    domain: str
    rate: float  # mean referrals in an active month
    chance: float = _ORG_CHANCE  # chance of being active in a month
    spread: float = 0.3  # a month's count is rate * (1 +- spread)
    start: int = 0  # the first month (0-based) in which the route carries referrals

    @property
    def key(self) -> _ChannelKey:
        return (self.kind, self.source, self.target, self.domain)


def _add(channels: dict[_ChannelKey, _Channel], channel: _Channel) -> bool:
    if channel.key in channels:
        return False
    channels[channel.key] = channel
    return True


def _core_channels(world: _World, channels: dict[_ChannelKey, _Channel]) -> None:
    for source, target, domain, rate in _CORE_FLOWS:
        org = ActorKind.ORGANISATION
        _add(channels, _Channel(org, world.ids[source], world.ids[target], domain, rate, 1.0, 0.15))


def _broker_channels(world: _World, channels: dict[_ChannelKey, _Channel]) -> None:
    """Four partners of every sector send referrals to the broker; some get referrals back."""
    rng, broker, org = world.rng, world.ids["broker"], ActorKind.ORGANISATION
    for sector in Sector:
        pool = [o for o in world.by_sector[sector] if world.allowed(o, broker, "flow")]
        for partner in rng.sample(pool, min(4, len(pool))):
            _add(channels, _Channel(org, partner, broker, "welzijn", rng.randint(2, 6), 0.95))
            if rng.random() < 0.4:
                domain = rng.choice(_DOMAINS[sector])
                _add(channels, _Channel(org, broker, partner, domain, rng.randint(1, 3)))


def _member_channels(
    world: _World, channels: dict[_ChannelKey, _Channel], member: str, employer: str, wijk: int
) -> None:
    """A wijkteam member refers on to organisations in the wijk, rarely to their own employer."""
    rng, pool, kind = world.rng, world.by_wijk[_wijk_code(wijk)], ActorKind.PROFESSIONAL
    for _ in range(rng.randint(2, 5)):
        target = pool[rng.randrange(len(pool))]
        if world.allowed(employer, target, "flow"):
            domain = rng.choice(_DOMAINS[world.sector(target)])
            _add(channels, _Channel(kind, member, target, domain, rng.randint(1, 3), 0.7))
    if rng.random() < 0.1:
        _add(channels, _Channel(kind, member, employer, _DOMAINS[world.sector(employer)][0], 1, 0.5))


def _ambassador_channels(
    world: _World, channels: dict[_ChannelKey, _Channel], member: str, employer: str, wijk: int
) -> None:
    """The ambassador sends most of their referrals to their own employer."""
    kind, pool = ActorKind.PROFESSIONAL, world.by_wijk[_wijk_code(wijk)]
    _add(channels, _Channel(kind, member, employer, "zorg", 9, 1.0, 0.2))
    for target in world.rng.sample(pool, 3):
        if target != employer and world.allowed(employer, target, "flow"):
            _add(channels, _Channel(kind, member, target, _DOMAINS[world.sector(target)][0], 1, 0.6))


def _professional_channels(world: _World, staff: _Staff, channels: dict[_ChannelKey, _Channel]) -> None:
    ambassador = staff.ids["ambassador"]
    for wijk, members in staff.team_members.items():
        for member in members:
            make = _ambassador_channels if member == ambassador else _member_channels
            make(world, channels, member, staff.employer[member], wijk)


def _colleague_channels(world: _World, staff: _Staff, channels: dict[_ChannelKey, _Channel]) -> None:
    """Organisations that share a professional also refer to each other (the planted
    sole-tie pair excepted: their flows are forbidden)."""
    core = set(staff.ids.values())
    for pro in staff.professionals:
        if pro.id in core:
            continue
        for first, second in combinations([e.organisation_id for e in pro.employments], 2):
            source, target = world.rng.sample([first, second], 2)
            if world.allowed(source, target, "flow"):
                domain = world.rng.choice(_DOMAINS[world.sector(target)])
                _add(
                    channels,
                    _Channel(ActorKind.ORGANISATION, source, target, domain, world.rng.randint(1, 3)),
                )


def _random_rate(rng: random.Random) -> int:
    draw = rng.random()
    if draw < 0.7:
        return rng.randint(1, 4)
    return rng.randint(5, 10) if draw < 0.95 else rng.randint(11, 18)


def _org_sources(world: _World, count: int) -> list[str]:
    """Who refers: every open organisation twice first, the rest drawn by size."""
    sources = (world.open_ids + world.open_ids)[:count]
    if count > len(sources):
        weights = [_STAFF_WEIGHTS[world.sector(o)] for o in world.open_ids]
        sources += world.rng.choices(world.open_ids, weights=weights, k=count - len(sources))
    return sources


def _pair_rates(channels: Mapping[_ChannelKey, _Channel]) -> dict[tuple[str, str], float]:
    rates: dict[tuple[str, str], float] = {}
    for ch in channels.values():
        if ch.kind is ActorKind.ORGANISATION:
            rates[(ch.source, ch.target)] = rates.get((ch.source, ch.target), 0.0) + ch.rate
    return rates


def _org_channels(world: _World, channels: dict[_ChannelKey, _Channel], rows_per_month: int) -> None:
    """Random organisation routes, enough for about ``rows_per_month`` rows a month in all.

    A route drawn twice becomes busier instead of being redrawn elsewhere, so small
    sectors stay as inward-looking as large ones; no pair gets busier than
    ``_MAX_PAIR_RATE`` a month this way, so the planted heavy pairs stay the heaviest.
    """
    rng = world.rng
    expected = sum(channel.chance for channel in channels.values())
    needed = max(0, math.ceil((rows_per_month - expected) / _ORG_CHANCE))
    pair_rates = _pair_rates(channels)
    added = 0
    for source in _org_sources(world, 3 * needed):
        if added >= needed:
            break
        target = _pick_partner(world, source, "flow")
        if target is None:
            continue
        room = _MAX_PAIR_RATE - pair_rates.get((source, target), 0.0)
        if room <= 0:
            continue
        domain = rng.choice(_DOMAINS[world.sector(target)])
        channel = _Channel(ActorKind.ORGANISATION, source, target, domain, min(_random_rate(rng), room))
        pair_rates[(source, target)] = pair_rates.get((source, target), 0.0) + channel.rate
        if _add(channels, channel):
            added += 1
        else:
            channels[channel.key] = replace(
                channels[channel.key], rate=channels[channel.key].rate + channel.rate
            )


def _periods(spec: DemoSpec) -> list[Period]:
    last = Period.parse(spec.last_month).first
    periods = []
    for index in range(last - spec.months + 1, last + 1):
        year, month0 = divmod(index, 12)
        periods.append(Period.month(year, month0 + 1))
    return periods


def _realise(
    rng: random.Random, channels: Sequence[_Channel], periods: Sequence[Period]
) -> list[ReferralFlow]:
    """Each route's flow rows, month by month; a route yields nothing before its ``start``.

    A route that has not opened yet still draws its numbers, so late routes change no
    other route's counts.
    """
    flows = []
    for month, period in enumerate(periods):
        for ch in channels:
            if ch.chance < 1.0 and rng.random() >= ch.chance:
                continue
            count = max(1, round(ch.rate * (1.0 + ch.spread * (2.0 * rng.random() - 1.0))))
            if month >= ch.start:
                flows.append(ReferralFlow(ch.kind, ch.source, ch.target, period, ch.domain, count))
    return flows


def _grow(channels: dict[_ChannelKey, _Channel], late: Sequence[_ChannelKey], spec: DemoSpec) -> None:
    """A quarter of the random organisation routes open later in the year (their own random stream).

    Each of them opens in a month drawn uniformly from the second to the last, so the
    network grows: ties appear in every month, the last quarter included.
    """
    rng = random.Random(f"ketendam-growth-{spec.seed}")
    for key in late:
        if spec.months > 1 and rng.random() < _LATE_SHARE:
            channels[key] = replace(channels[key], start=rng.randint(1, spec.months - 1))


def _channels(world: _World, staff: _Staff) -> list[_Channel]:
    channels: dict[_ChannelKey, _Channel] = {}
    _core_channels(world, channels)
    _broker_channels(world, channels)
    _professional_channels(world, staff, channels)
    _colleague_channels(world, staff, channels)
    rows = world.spec.flows_per_month
    before = set(channels)
    _org_channels(
        world, channels, rows if rows is not None else _NATURAL_ROWS_PER_ORGANISATION * len(world.orgs)
    )
    _grow(channels, [key for key in channels if key not in before], world.spec)
    return list(channels.values())


def _partners(channels: Sequence[_Channel], staff: _Staff) -> dict[str, list[str]]:
    """Which organisations have referral routes with which (either way), in route order."""
    partners: dict[str, dict[str, None]] = {}
    for ch in channels:
        source = ch.source if ch.kind is ActorKind.ORGANISATION else staff.employer[ch.source]
        if source != ch.target:
            partners.setdefault(source, {})[ch.target] = None
            partners.setdefault(ch.target, {})[source] = None
    return {org: list(others) for org, others in partners.items()}


def _planted_partners(world: _World, partners: Mapping[str, Sequence[str]]) -> list[_Channel]:
    """Routes that give each planted missing link ``_SHARED_PARTNERS`` partners in common.

    Each organisation of the pair in turn starts referring to one more partner of the
    other (drawn from its own random stream, so no other route changes) until the two
    share ``_SHARED_PARTNERS``; the pair itself stays untied.
    """
    rng = random.Random(f"ketendam-shared-partners-{world.spec.seed}")
    open_ids, routes = set(world.open_ids), []
    for first, second in _MISSING_LINKS:
        a, b = world.ids[first], world.ids[second]
        known = {a: set(partners.get(a, ())), b: set(partners.get(b, ()))}
        pools = {
            x: sorted(
                z
                for z in known[y] - known[x]
                if z in open_ids and z not in (a, b) and world.allowed(x, z, "flow")
            )
            for x, y in ((a, b), (b, a))
        }
        for x in (a, b):
            rng.shuffle(pools[x])
        turn = 0
        while len(known[a] & known[b]) < _SHARED_PARTNERS and (pools[a] or pools[b]):
            x = (a, b)[turn % 2] if pools[(a, b)[turn % 2]] else (b, a)[turn % 2]
            turn += 1
            z = pools[x].pop()
            if z in known[x]:
                continue
            known[x].add(z)
            domain = rng.choice(_DOMAINS[world.sector(z)])
            routes.append(_Channel(ActorKind.ORGANISATION, x, z, domain, rng.randint(2, 6), 0.9))
    return routes
