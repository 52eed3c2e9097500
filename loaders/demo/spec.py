"""``DemoSpec``: how big a demo to generate, from which seed, and over which months."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Final

from graph.periods import Period
from loaders.demo.core import _CORE_AGREEMENTS

__all__ = ["_DEFAULT_SPEC", "DemoSpec"]

_MINIMUM: Final[Mapping[str, int]] = MappingProxyType(
    {"organisations": 60, "professionals": 120, "agreements": len(_CORE_AGREEMENTS)}
)


@dataclass(frozen=True, slots=True)
class DemoSpec:
    """How big a demo to generate, from which seed, and over which months.

    ``flows_per_month`` ``None`` gives the natural amount (about eight flow rows per
    organisation per month); a number aims for about that many flow rows per month.
    """

    seed: int = 7
    organisations: int = 150
    professionals: int = 800
    agreements: int = 60
    months: int = 12
    last_month: str = "2025-12"
    flows_per_month: int | None = None

    def __post_init__(self) -> None:
        _check_spec(self)


def _check_spec(spec: DemoSpec) -> None:
    for name, low in _MINIMUM.items():
        if getattr(spec, name) < low:
            raise ValueError(f"DemoSpec.{name} is {getattr(spec, name)}; the demo needs at least {low}")
    if spec.months < 1:
        raise ValueError(f"DemoSpec.months is {spec.months}; give at least 1")
    if spec.flows_per_month is not None and spec.flows_per_month < 0:
        raise ValueError(f"DemoSpec.flows_per_month is {spec.flows_per_month}; give None or a number >= 0")
    if Period.parse(spec.last_month).is_quarter:
        raise ValueError(f"DemoSpec.last_month is {spec.last_month!r}; give a month YYYY-MM")


_DEFAULT_SPEC: Final = DemoSpec()
