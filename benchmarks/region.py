"""A region of several gemeenten, for benchmarks that read one wijk of a large ecosystem.

The demo (``loaders.demo``) is one gemeente, Ketendam, with seven wijken; an organisation that
serves the whole gemeente is listed under every wijk. Blown up to 5,000 organisations, that puts
about 1,500 such organisations in every wijk, so each wijk's snapshot holds nearly half of the
store. An ecosystem of 5,000 organisations is a region (a jeugdhulp- or zorgregio of about ten
gemeenten and half a million inhabitants), not one gemeente: its organisations are spread over the
gemeenten, and an organisation that serves a whole gemeente serves its own gemeente only.

``region`` builds that shape from the demo generator itself: one demo per gemeente, each from its
own seed and sized by the gemeente's share of the region, with its ids and area codes made its
own. Each gemeente keeps the demo's CBS area tree (a ``GM`` code, seven ``WK`` codes under it and
four or five ``BU`` codes under each, every code nested in its parent's as CBS numbers them). Flows,
jobs and agreements stay inside a gemeente, as the demo makes them; the region has no providers
that serve several gemeenten, which a real one would (they would add to every wijk's snapshot).

>>> eco = region(DemoSpec(organisations=1000, professionals=2000, agreements=300), shares=(3, 1))
>>> sorted(a.code for a in eco.areas if a.level.value == "gemeente")
['GM9901', 'GM9902']
>>> len(eco.organisations), sorted({o.municipality for o in eco.organisations})
(1000, ['GM9901', 'GM9902'])
>>> all(code[2:6] == o.municipality[2:] for o in eco.organisations for code in o.areas)
True
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import Any, Final

from graph.model import Agreement, Area, Ecosystem, Employment, Organisation, Professional, ReferralFlow
from loaders.demo import DemoSpec, generate_demo

__all__ = ["GEMEENTEN", "region"]

# Invented gemeenten and their shares of the region's organisations (about their shares of its
# inhabitants): one centre city, three towns, six villages and small towns.
GEMEENTEN: Final[tuple[tuple[str, int], ...]] = (
    ("Ketendam", 24),
    ("Aaweide", 17),
    ("Brugvliet", 11),
    ("Dijkhoven", 9),
    ("Eikenrode", 8),
    ("Veldmeer", 7),
    ("Grasdorp", 7),
    ("Hoornwaard", 6),
    ("Lindewerf", 6),
    ("Kooibroek", 5),
)
_SHARES: Final = tuple(share for _, share in GEMEENTEN)
_DEMO_GEMEENTE: Final = "9901"  # the digits of the demo's GM9901, in every code below it


def _split(total: int, shares: Sequence[int]) -> list[int]:
    """``total`` split in proportion to ``shares`` (largest remainder), summing to ``total``."""
    exact = [total * s / sum(shares) for s in shares]
    parts = [int(e) for e in exact]
    for index in sorted(range(len(shares)), key=lambda i: parts[i] - exact[i])[: total - sum(parts)]:
        parts[index] += 1
    return parts


class _Relabel:
    """Makes one gemeente's demo its own: ids prefixed, area codes on its own CBS number."""

    def __init__(self, number: int, name: str) -> None:
        self.digits = f"99{number:02d}"
        self.prefix = f"G{number:02d}-"
        self.name = name

    def id(self, value: str) -> str:
        return self.prefix + value

    def code(self, value: str) -> str:
        return value[:2] + self.digits + value[6:] if value[2:6] == _DEMO_GEMEENTE else value

    def codes(self, values: Sequence[str]) -> tuple[str, ...]:
        return tuple(self.code(v) for v in values)

    def area(self, a: Area) -> Area:
        parent = self.code(a.parent) if a.parent else None
        name = self.name if a.level.value == "gemeente" else a.name
        return replace(a, code=self.code(a.code), name=name, parent=parent)

    def organisation(self, o: Organisation) -> Organisation:
        return replace(
            o,
            id=self.id(o.id),
            name=o.name.replace("Ketendam", self.name),
            description=o.description.replace("Ketendam", self.name),
            municipality=self.code(o.municipality) if o.municipality else None,
            areas=self.codes(o.areas),
            parent_id=self.id(o.parent_id) if o.parent_id else None,
        )

    def professional(self, p: Professional) -> Professional:
        jobs = tuple(Employment(self.id(e.organisation_id), e.fte) for e in p.employments)
        return replace(p, id=self.id(p.id), employments=jobs)

    def agreement(self, a: Agreement) -> Agreement:
        return replace(
            a,
            id=self.id(a.id),
            parties=tuple(map(self.id, a.parties)),
            members=tuple(map(self.id, a.members)),
            areas=self.codes(a.areas),
        )

    def flow(self, f: ReferralFlow) -> ReferralFlow:
        return replace(f, source_id=self.id(f.source_id), target_id=self.id(f.target_id))


def region(spec: DemoSpec, shares: Sequence[int] = _SHARES) -> Ecosystem:
    """An ecosystem of ``spec``'s size spread over ``len(shares)`` gemeenten (at most ten).

    Gemeente ``k`` (from 1) is the demo generated with seed ``spec.seed + k - 1`` at its share
    of the organisations, professionals, agreements and monthly flows, on CBS code ``GM99kk``.
    """
    if not 1 <= len(shares) <= len(GEMEENTEN):
        raise ValueError(f"give 1 to {len(GEMEENTEN)} shares, not {len(shares)}")
    sizes = {
        name: _split(getattr(spec, name), shares) for name in ("organisations", "professionals", "agreements")
    }
    monthly = _split(spec.flows_per_month, shares) if spec.flows_per_month is not None else None
    parts: dict[str, list[Any]] = {
        "areas": [],
        "organisations": [],
        "professionals": [],
        "agreements": [],
        "flows": [],
    }
    for index, (name, _) in enumerate(GEMEENTEN[: len(shares)]):
        one = generate_demo(
            replace(
                spec,
                seed=spec.seed + index,
                organisations=sizes["organisations"][index],
                professionals=sizes["professionals"][index],
                agreements=sizes["agreements"][index],
                flows_per_month=monthly[index] if monthly else None,
            )
        )
        relabel = _Relabel(index + 1, name)
        parts["areas"] += map(relabel.area, one.areas)
        parts["organisations"] += map(relabel.organisation, one.organisations)
        parts["professionals"] += map(relabel.professional, one.professionals)
        parts["agreements"] += map(relabel.agreement, one.agreements)
        parts["flows"] += map(relabel.flow, one.flows)
    return Ecosystem(**{kind: tuple(records) for kind, records in parts.items()})
