"""``generate_demo``: the whole ecosystem, with capacities for the organisations."""

from __future__ import annotations

import math
import random
from collections.abc import Sequence
from dataclasses import replace
from typing import Final

from graph.model import Ecosystem, Organisation, ReferralFlow
from graph.periods import Period
from loaders.demo.agreements import _agreements
from loaders.demo.flows import _channels, _partners, _periods, _planted_partners, _realise
from loaders.demo.geography import _described_areas
from loaders.demo.ids import _core_org_ids
from loaders.demo.organisations import _add_organisations, _forbid_planted_gaps, _index
from loaders.demo.sectors import _PROVIDER_SECTORS
from loaders.demo.spec import _DEFAULT_SPEC, DemoSpec
from loaders.demo.staff import _staff, _wijkteams
from loaders.demo.world import _World

__all__ = ["DemoSpec", "generate_demo"]

_BROKER_OVERLOAD: Final = 2.5  # the broker's mean monthly inflow over its capacity


def _round_up5(value: float) -> int:
    return max(5, 5 * math.ceil(value / 5))


def _with_capacities(world: _World, flows: Sequence[ReferralFlow]) -> list[Organisation]:
    """Providers get room for their busiest month (plus slack); the broker gets far too little."""
    inflow: dict[str, dict[Period, int]] = {}
    for flow in flows:
        months = inflow.setdefault(flow.target_id, {})
        months[flow.period] = months.get(flow.period, 0) + flow.count
    broker = world.ids["broker"]
    organisations = []
    for org_id in sorted(world.orgs):
        org, months = world.orgs[org_id], inflow.get(org_id, {})
        capacity = None
        if org_id == broker:
            capacity = max(5, 5 * round(sum(months.values()) / world.spec.months / _BROKER_OVERLOAD / 5))
        elif org.sector in _PROVIDER_SECTORS:
            capacity = _round_up5(max(months.values(), default=0) * world.rng.uniform(1.2, 1.8))
        organisations.append(replace(org, capacity=capacity))
    return organisations


def generate_demo(spec: DemoSpec = _DEFAULT_SPEC) -> Ecosystem:
    """Generate the demo municipality Ketendam; the same spec always gives the same ecosystem.

    Only ``spec.seed`` decides anything random: ``random.Random(spec.seed)`` for the world,
    and streams named after the seed for the late routes and the missing links' partners.
    """
    world = _World(random.Random(spec.seed), spec, _core_org_ids(spec.organisations))
    _add_organisations(world)
    _index(world)
    _forbid_planted_gaps(world)
    teams = _wijkteams(world)
    staff = _staff(world, teams)
    channels = _channels(world, staff)
    partners = _partners(channels, staff)
    agreements = _agreements(world, teams, staff, partners)
    flows = _realise(world.rng, channels, _periods(world.spec))
    planted = random.Random(f"ketendam-planted-flows-{spec.seed}")  # its own stream: no other count changes
    flows += _realise(planted, _planted_partners(world, partners), _periods(world.spec))
    return Ecosystem(
        areas=tuple(_described_areas(spec.seed)),
        organisations=tuple(_with_capacities(world, flows)),
        professionals=tuple(staff.professionals),
        agreements=tuple(agreements),
        flows=tuple(flows),
    )
