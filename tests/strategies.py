"""Hypothesis strategies for domain records: small, valid, referentially whole ecosystems."""

from __future__ import annotations

import json
import math
from datetime import date

from hypothesis import strategies as st

from graph.model import Agreement, Area, Ecosystem, Employment, Organisation, Professional, ReferralFlow
from graph.periods import Period
from graph.taxonomy import ActorKind, AgreementKind, AreaLevel, Sector
from loaders.geometry import self_crossing

__all__ = ["ecosystems"]

_WIJKEN = ("WK990101", "WK990102", "WK990103")
_AREAS = (
    Area("GM9901", "Ketendam", AreaLevel.GEMEENTE),
    *(Area(code, f"Wijk {i}", AreaLevel.WIJK, "GM9901") for i, code in enumerate(_WIJKEN, start=1)),
    Area("BU99010101", "Buurt één", AreaLevel.BUURT, "WK990101"),
)
_names = st.text(
    alphabet=st.characters(codec="utf-8", categories=("L", "N", "Zs")), min_size=1, max_size=30
).map(lambda s: s.strip() or "x")
_INDICATORS = ("a_inw", "a_00_14", "p_hh_li", "a_soz_wb", "p_jz_tn", "p_wmo_t")
_values = st.floats(min_value=-1e12, max_value=1e12, allow_nan=False, allow_infinity=False)
_indicators = st.dictionaries(st.sampled_from(_INDICATORS), _values, max_size=4).map(
    lambda found: tuple(found.items())
)
_points = st.tuples(st.floats(-180, 180), st.floats(-90, 90)).map(list)


def _simple(ring: list[list[float]]) -> list[list[float]]:
    """The points in order of their angle around their mean: a ring that does not cross itself."""
    x = sum(p[0] for p in ring) / len(ring)
    y = sum(p[1] for p in ring) / len(ring)
    return sorted(ring, key=lambda p: (math.atan2(p[1] - y, p[0] - x), p[0], p[1]))


_boundaries = st.none() | st.lists(_points, min_size=3, max_size=5, unique_by=tuple).map(_simple).filter(
    # points in a line (or on one ray from the mean) still fold back on themselves: not an outline
    lambda ring: self_crossing([(p[0], p[1]) for p in [*ring, ring[0]]]) is None
).map(lambda ring: json.dumps({"type": "Polygon", "coordinates": [[*ring, ring[0]]]}, separators=(",", ":")))
_periods = st.builds(Period.month, st.integers(2024, 2025), st.integers(1, 12)) | st.builds(
    lambda y, q: Period.parse(f"{y}-Q{q}"), st.integers(2024, 2025), st.integers(1, 4)
)


@st.composite
def ecosystems(draw: st.DrawFn, max_organisations: int = 8) -> Ecosystem:
    """A valid ecosystem: every reference points at a record in it.

    Areas carry drawn indicators and boundaries, organisations drawn expertise.
    """
    areas = [
        Area(a.code, a.name, a.level, a.parent, indicators=draw(_indicators), boundary=draw(_boundaries))
        for a in _AREAS
    ]
    n_orgs = draw(st.integers(1, max_organisations))
    org_ids = [f"ORG{i:04d}" for i in range(n_orgs)]
    area_codes = [a.code for a in _AREAS if a.level is not AreaLevel.GEMEENTE]
    orgs = [
        Organisation(
            id=oid,
            name=draw(_names),
            sector=draw(st.sampled_from(Sector)),
            municipality="GM9901",
            areas=tuple(draw(st.lists(st.sampled_from(area_codes), max_size=3))),
            capacity=draw(st.none() | st.integers(0, 100)),
            parent_id=org_ids[0] if i > 0 and draw(st.booleans()) else None,
            expertise=tuple(
                draw(st.lists(st.sampled_from(["schulden", "jeugd", "ggz", "wonen"]), max_size=3))
            ),
        )
        for i, oid in enumerate(org_ids)
    ]
    pro_ids = [f"PRO{i:05d}" for i in range(draw(st.integers(0, 6)))]
    pros = [
        Professional(
            id=pid,
            name=draw(_names),
            role=draw(st.sampled_from(["", "wijkagent", "inkoper"])),
            expertise=tuple(draw(st.lists(st.sampled_from(["schulden", "jeugd", "ggz"]), max_size=2))),
            employments=tuple(
                Employment(oid, draw(st.sampled_from([0.2, 0.5, 1.0])))
                for oid in draw(st.lists(st.sampled_from(org_ids), min_size=1, max_size=2, unique=True))
            ),
        )
        for pid in pro_ids
    ]
    agreements = [
        Agreement(
            id=f"AGR{i:03d}",
            name=draw(_names),
            kind=draw(st.sampled_from(AgreementKind)),
            start=date(2024, 1, 1),
            end=draw(st.none() | st.just(date(2026, 12, 31))),
            parties=tuple(draw(st.lists(st.sampled_from(org_ids), min_size=1, max_size=3, unique=True))),
            members=tuple(draw(st.lists(st.sampled_from(pro_ids), max_size=2, unique=True)))
            if pro_ids
            else (),
            areas=tuple(draw(st.lists(st.sampled_from(area_codes), max_size=2))),
        )
        for i in range(draw(st.integers(0, 3)))
    ]
    flows: dict[tuple[object, ...], ReferralFlow] = {}
    sources = [(ActorKind.ORGANISATION, o) for o in org_ids] + [(ActorKind.PROFESSIONAL, p) for p in pro_ids]
    for _ in range(draw(st.integers(0, 12))):
        kind, source = draw(st.sampled_from(sources))
        target = draw(st.sampled_from(org_ids))
        if kind is ActorKind.ORGANISATION and source == target:
            continue
        flow = ReferralFlow(
            kind,
            source,
            target,
            draw(_periods),
            draw(st.sampled_from(["", "schulden", "jeugd"])),
            draw(st.integers(0, 500)),
        )
        flows[flow.key] = flow
    return Ecosystem(
        areas=tuple(areas),
        organisations=tuple(orgs),
        professionals=tuple(pros),
        agreements=tuple(agreements),
        flows=tuple(flows.values()),
    )
