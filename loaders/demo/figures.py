"""Invented CBS-like kerncijfers for Ketendam: per buurt, summed to wijk and gemeente.

Each wijk has a fixed profile (:data:`_PROFILES`); its buurten vary around it with
``random.Random`` draws from their own stream (so the rest of the demo is unchanged by
them). Counts are rounded as CBS rounds them (to 5, benefits to 10); the age bands of
an area add up to its ``a_inw``; a wijk's counts are the sums of its buurten and the
gemeente's the sums of its wijken; percentages and rates of a wijk or gemeente are
recomputed from those sums. Havenkwartier (``_HIGH_NEED_WIJK``) is planted young,
low-income and with many benefits, so that :func:`graph.needs.needs_vs_coverage` ranks it
first. Nothing here describes a real place.
"""

from __future__ import annotations

import random
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Final

from loaders.demo.core import _LACKING_WIJK

__all__ = ["_HIGH_NEED_WIJK", "_PROFILES", "Figures", "_WijkProfile", "_figures", "_summed"]

_HIGH_NEED_WIJK: Final = _LACKING_WIJK  # Havenkwartier: high need and no jeugd partner
_AGE_BANDS: Final = ("a_00_14", "a_15_24", "a_25_44", "a_45_64", "a_65_oo")

Figures = dict[str, float]


@dataclass(frozen=True, slots=True)
class _WijkProfile:
    """The typical figures of a wijk: residents, age shares (%), households and need rates."""

    residents: int
    ages: tuple[float, float, float, float, float]  # % in _AGE_BANDS
    household_size: float
    single: float  # % one-person households
    with_children: float  # % households with children
    low_income: float  # p_hh_li, %
    assistance: float  # bijstand per 1,000 residents
    disability: float  # arbeidsongeschiktheid per 1,000 residents
    youth_care: float  # p_jz_tn, % of young people
    wmo: float  # p_wmo_t, Wmo clients per 1,000 residents


_PROFILES: Final[tuple[_WijkProfile, ...]] = (
    _WijkProfile(7200, (12, 18, 36, 20, 14), 1.6, 58, 15, 13.0, 34, 45, 9.0, 62),  # Centrum
    _WijkProfile(9800, (15, 11, 26, 29, 19), 2.3, 32, 33, 6.0, 14, 44, 9.5, 58),  # Noord
    _WijkProfile(8600, (15, 12, 28, 27, 18), 2.2, 34, 31, 9.0, 24, 50, 9.8, 60),  # Oost
    _WijkProfile(9100, (14, 11, 25, 29, 21), 2.2, 33, 30, 5.0, 12, 42, 9.2, 64),  # Zuid
    _WijkProfile(10400, (16, 12, 29, 27, 16), 2.4, 29, 36, 8.0, 20, 47, 10.0, 55),  # West
    _WijkProfile(7600, (13, 8, 17, 27, 35), 1.9, 42, 20, 10.0, 18, 58, 8.8, 110),  # De Hoven
    _WijkProfile(13800, (25, 15, 28, 20, 12), 2.4, 38, 38, 19.0, 55, 70, 16.0, 80),  # Havenkwartier
)


def _round(value: float, step: int) -> int:
    return int(step * round(value / step))


def _jitter(rng: random.Random, value: float, spread: float = 0.08) -> float:
    return value * rng.uniform(1 - spread, 1 + spread)


def _buurt(rng: random.Random, profile: _WijkProfile, residents: float) -> Figures:
    """One buurt: counts drawn around its wijk's profile, rounded as CBS rounds them."""
    shares = [_jitter(rng, s, 0.12) for s in profile.ages]
    bands = [_round(residents * s / sum(shares), 5) for s in shares]
    inw = sum(bands)
    households = _round(inw / _jitter(rng, profile.household_size, 0.05), 5)
    single = _round(households * _jitter(rng, profile.single, 0.06) / 100, 5)
    children = _round(households * _jitter(rng, profile.with_children, 0.06) / 100, 5)
    children = min(children, households - single)
    young = bands[0] + bands[1]
    youth_care = round(_jitter(rng, profile.youth_care), 1)
    man = _round(inw * rng.uniform(0.48, 0.51), 5)
    figures: Figures = {
        "a_inw": inw,
        **dict(zip(_AGE_BANDS, map(float, bands), strict=True)),
        "a_man": man,
        "a_vrouw": inw - man,
        "a_hh": households,
        "a_1p_hh": single,
        "a_hh_m_k": children,
        "a_hh_z_k": households - single - children,
        "p_hh_li": round(_jitter(rng, profile.low_income), 1),
        "a_soz_wb": _round(inw * _jitter(rng, profile.assistance) / 1000, 10),
        "a_soz_ao": _round(inw * _jitter(rng, profile.disability) / 1000, 10),
        "a_jz_tn": _round(young * youth_care / 100, 5),
        "p_jz_tn": youth_care,
        "a_wmo_t": _round(inw * _jitter(rng, profile.wmo) / 1000, 5),
    }
    return figures | _rates(figures)


_SUMMED: Final = (
    "a_inw", *_AGE_BANDS, "a_man", "a_vrouw", "a_hh", "a_1p_hh", "a_hh_m_k", "a_hh_z_k",
    "a_soz_wb", "a_soz_ao", "a_jz_tn", "a_wmo_t",
)  # fmt: skip


def _rates(counts: Mapping[str, float]) -> Figures:
    """Average household size and Wmo clients per 1,000 residents, from the counts."""
    rates: Figures = {}
    if counts.get("a_hh"):
        rates["g_hhgro"] = round(counts["a_inw"] / counts["a_hh"], 1)
    if "a_wmo_t" in counts and counts["a_inw"]:
        rates["p_wmo_t"] = round(counts["a_wmo_t"] / counts["a_inw"] * 1000)
    return rates


def _summed(parts: Sequence[Figures]) -> Figures:
    """An area's figures from those of the areas below: counts summed, percentages weighted."""
    counts = {name: float(sum(p[name] for p in parts)) for name in _SUMMED}
    low_income = sum(p["p_hh_li"] * p["a_hh"] for p in parts) / counts["a_hh"]
    young = sum(p["a_00_14"] + p["a_15_24"] for p in parts)
    youth_care = sum(p["p_jz_tn"] * (p["a_00_14"] + p["a_15_24"]) for p in parts) / young
    return counts | {"p_hh_li": round(low_income, 1), "p_jz_tn": round(youth_care, 1)} | _rates(counts)


def _figures(rng: random.Random, buurten_per_wijk: Sequence[int]) -> list[tuple[Figures, list[Figures]]]:
    """Per wijk (in order): its figures and those of its buurten."""
    result = []
    for profile, count in zip(_PROFILES, buurten_per_wijk, strict=True):
        weights = [rng.uniform(0.6, 1.4) for _ in range(count)]
        buurten = [_buurt(rng, profile, profile.residents * w / sum(weights)) for w in weights]
        result.append((_summed(buurten), buurten))
    return result
