"""The kinds of tie a user switches on and off: agreements, professionals, referrals.

Kept apart from :mod:`graph.project` (which builds the graphs) so that code naming the
layers, such as the command line's options, does not load NetworkX.

>>> LAYER_NAMES
('agreements', 'professionals', 'referrals')
>>> Layers.parse(["referrals", "agreements"]).names()
['agreements', 'referrals']
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

__all__ = ["LAYER_NAMES", "Layers"]

LAYER_NAMES = ("agreements", "professionals", "referrals")


@dataclass(frozen=True, slots=True)
class Layers:
    """Which kinds of tie make up the organisation graph.

    >>> Layers.parse(["referrals"])
    Layers(agreements=False, professionals=False, referrals=True)
    """

    agreements: bool = True
    professionals: bool = True
    referrals: bool = True

    @classmethod
    def parse(cls, names: Iterable[str]) -> Layers:
        """Layers from names (``agreements``, ``professionals``, ``referrals``).

        Raises
        ------
        ValueError
            If a name is not a layer.
        """
        chosen = {n.strip().lower() for n in names if n.strip()}
        unknown = chosen - set(LAYER_NAMES)
        if unknown:
            raise ValueError(f"unknown layer(s) {sorted(unknown)}; use {', '.join(LAYER_NAMES)}")
        return cls(*(name in chosen for name in LAYER_NAMES))

    def names(self) -> list[str]:
        """The names of the layers switched on."""
        return [
            name
            for name, on in zip(
                LAYER_NAMES, (self.agreements, self.professionals, self.referrals), strict=True
            )
            if on
        ]
