"""The ids of demo records, and where the planted records sit among them."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from loaders.demo.core import _CORE_AGREEMENTS, _CORE_ORGS, _CORE_PROS

__all__ = [
    "_agreement_id",
    "_core_agreement_ids",
    "_core_org_ids",
    "_core_pro_ids",
    "_free_ids",
    "_org_id",
    "_pro_id",
]


def _org_id(number: int) -> str:
    return f"ORG{number:04d}"


def _pro_id(number: int) -> str:
    return f"PRO{number:05d}"


def _agreement_id(number: int) -> str:
    return f"AGR{number:03d}"


def _core_positions(total: int, core: int, max_stride: int) -> list[int]:
    """Where the planted records sit among ``total`` numbers: spread, not all at the front."""
    stride = max(1, min(max_stride, total // core))
    return [1 + index * stride for index in range(core)]


def _core_org_ids(total: int) -> dict[str, str]:
    positions = _core_positions(total, len(_CORE_ORGS), 3)
    return {core.key: _org_id(n) for core, n in zip(_CORE_ORGS, positions, strict=True)}


def _core_pro_ids(total: int) -> dict[str, str]:
    positions = _core_positions(total, len(_CORE_PROS), 37)
    return {core.key: _pro_id(n) for core, n in zip(_CORE_PROS, positions, strict=True)}


def _core_agreement_ids(total: int) -> dict[str, str]:
    positions = _core_positions(total, len(_CORE_AGREEMENTS), 5)
    return {core.key: _agreement_id(n) for core, n in zip(_CORE_AGREEMENTS, positions, strict=True)}


def _free_ids(make: Callable[[int], str], taken: Iterable[str], count: int) -> list[str]:
    """The first ``count`` ids, in number order, that the planted records do not use."""
    used = set(taken)
    free: list[str] = []
    number = 1
    while len(free) < count:
        if make(number) not in used:
            free.append(make(number))
        number += 1
    return free
