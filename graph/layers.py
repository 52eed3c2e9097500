"""The kinds of tie a user switches on and off: agreements, professionals, referrals, reported.

The first three come from the data; ``reported`` (*gemeld*) holds the ties partners
reported themselves in survey rounds (:class:`graph.survey.ReportedTie`). It is on by
default: an ecosystem without survey answers has no reported tie, so it adds nothing.

Kept apart from :mod:`graph.project` (which builds the graphs) so that code naming the
layers, such as the command line's options, does not load NetworkX.

>>> LAYER_NAMES
('agreements', 'professionals', 'referrals', 'reported')
>>> Layers.parse(["referrals", "agreements"]).names()
['agreements', 'referrals']
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

__all__ = ["LAYER_NAMES", "Layers"]

LAYER_NAMES = ("agreements", "professionals", "referrals", "reported")


@dataclass(frozen=True, slots=True)
class Layers:
    """Which kinds of tie make up the organisation graph.

    >>> Layers.parse(["referrals"])
    Layers(agreements=False, professionals=False, referrals=True, reported=False)
    >>> Layers().data_only().names()
    ['agreements', 'professionals', 'referrals']
    """

    agreements: bool = True
    professionals: bool = True
    referrals: bool = True
    reported: bool = True

    @classmethod
    def parse(cls, names: Iterable[str]) -> Layers:
        """Layers from names (``agreements``, ``professionals``, ``referrals``, ``reported``).

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
        switched = (self.agreements, self.professionals, self.referrals, self.reported)
        return [name for name, on in zip(LAYER_NAMES, switched, strict=True) if on]

    def data_only(self) -> Layers:
        """These layers without ``reported``: the ties the data shows, to hold reports against."""
        return Layers(self.agreements, self.professionals, self.referrals, reported=False)
