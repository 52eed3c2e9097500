"""How the sectors behave in the demo: silo tendencies and how big they are."""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import Final

from graph.taxonomy import Sector

__all__ = [
    "_FILLER_WEIGHTS",
    "_PROVIDER_SECTORS",
    "_SILO_REFUSAL",
    "_SILO_SECTORS",
    "_SINGLE_SECTOR",
    "_STAFF_WEIGHTS",
    "_WITHIN",
]

_SILO_SECTORS: Final = (Sector.JEUGD, Sector.ONDERWIJS, Sector.VEILIGHEID, Sector.WONEN, Sector.ZORG)
# chance that a partner (referral target, second employer) is in the organisation's own sector
_WITHIN: Final[Mapping[Sector, float]] = MappingProxyType(
    {s: (0.96 if s in _SILO_SECTORS else 0.7) for s in Sector} | {Sector.GEMEENTE: 0.5}
)
# chance that an agreement led from this sector has parties of that sector only
_SINGLE_SECTOR: Final[Mapping[Sector, float]] = MappingProxyType(
    {s: (0.95 if s in _SILO_SECTORS else 0.8) for s in Sector}
)
_SILO_REFUSAL: Final = 0.5  # share of across-sector ties that silo sectors turn away
_PROVIDER_SECTORS: Final = frozenset({Sector.ZORG, Sector.HULPVERLENING, Sector.JEUGD, Sector.WERK_INKOMEN})
# filler organisations per sector at the default size (plus the 39 planted ones: 150)
_FILLER_WEIGHTS: Final[Mapping[Sector, int]] = MappingProxyType(
    {
        Sector.ZORG: 16,
        Sector.WELZIJN: 10,
        Sector.WONEN: 8,
        Sector.ONDERWIJS: 14,
        Sector.VEILIGHEID: 7,
        Sector.HULPVERLENING: 10,
        Sector.GEMEENTE: 6,
        Sector.WERK_INKOMEN: 9,
        Sector.JEUGD: 12,
        Sector.INFORMEEL: 9,
        Sector.OVERIG: 10,
    }
)
_STAFF_WEIGHTS: Final[Mapping[Sector, float]] = MappingProxyType(
    {
        Sector.ZORG: 8,
        Sector.WELZIJN: 5,
        Sector.WONEN: 5,
        Sector.ONDERWIJS: 5,
        Sector.VEILIGHEID: 6,
        Sector.HULPVERLENING: 6,
        Sector.GEMEENTE: 7,
        Sector.WERK_INKOMEN: 5,
        Sector.JEUGD: 6,
        Sector.INFORMEEL: 1,
        Sector.OVERIG: 2,
    }
)
