"""``PLANTED``: the planted structures, by id (for the default spec)."""

from __future__ import annotations

from typing import Final, TypedDict

from loaders.demo.areas import _wijk_code
from loaders.demo.core import (
    _ARTICULATION,
    _BRIDGE_PARTNER,
    _CLUSTER,
    _DUPLICATED_AT,
    _DUPLICATED_ROLE,
    _DUPLICATED_ROLE_WIJK,
    _LACKING_SECTOR,
    _LACKING_WIJK,
    _MISSING_LINKS,
    _NO_AGREEMENT,
    _PING_PONG,
    _SOLE_TIE,
)
from loaders.demo.figures import _HIGH_NEED_WIJK
from loaders.demo.ids import _core_agreement_ids, _core_org_ids, _core_pro_ids
from loaders.demo.sectors import _SILO_SECTORS
from loaders.demo.spec import _DEFAULT_SPEC, DemoSpec

__all__ = ["PLANTED"]


class _Planted(TypedDict):
    broker: str
    silo_sectors: list[str]
    articulation_point: str
    bridge: tuple[str, str]
    isolated_cluster: list[str]
    missing_links: list[tuple[str, str]]
    duplicated_role: str
    duplicated_role_organisations: list[str]
    duplicated_role_area: str
    wijk_lacking_sector: tuple[str, str]
    wijk_high_need: str
    ping_pong: tuple[str, str]
    sole_tie_professional: tuple[str, str, str]
    paper_agreement: str
    flow_without_agreement: tuple[str, str]
    ambassador: str


def _planted(spec: DemoSpec) -> _Planted:
    org = _core_org_ids(spec.organisations)
    pro = _core_pro_ids(spec.professionals)
    return _Planted(
        broker=org["broker"],
        silo_sectors=sorted(s.value for s in _SILO_SECTORS),
        articulation_point=org[_ARTICULATION],
        bridge=(org[_ARTICULATION], org[_BRIDGE_PARTNER]),
        isolated_cluster=sorted(org[key] for key in _CLUSTER),
        missing_links=[(org[a], org[b]) for a, b in _MISSING_LINKS],
        duplicated_role=_DUPLICATED_ROLE,
        duplicated_role_organisations=sorted(org[key] for key in _DUPLICATED_AT),
        duplicated_role_area=_wijk_code(_DUPLICATED_ROLE_WIJK),
        wijk_lacking_sector=(_wijk_code(_LACKING_WIJK), _LACKING_SECTOR.value),
        wijk_high_need=_wijk_code(_HIGH_NEED_WIJK),
        ping_pong=(org[_PING_PONG[0]], org[_PING_PONG[1]]),
        sole_tie_professional=(pro["sole_tie"], org[_SOLE_TIE[0]], org[_SOLE_TIE[1]]),
        paper_agreement=_core_agreement_ids(spec.agreements)["paper"],
        flow_without_agreement=(org[_NO_AGREEMENT[0]], org[_NO_AGREEMENT[1]]),
        ambassador=pro["ambassador"],
    )


PLANTED: Final[_Planted] = _planted(_DEFAULT_SPEC)
