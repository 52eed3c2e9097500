"""The planted core: the fixed organisations, professionals, agreements and flows
that carry the planted structures, and the constants that name those structures."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from types import MappingProxyType
from typing import Final

from graph.taxonomy import AgreementKind, Sector
from loaders.demo.areas import _WIJKEN

__all__ = [
    "_ARTICULATION",
    "_BRIDGE_PARTNER",
    "_CLUSTER",
    "_CORE_AGREEMENTS",
    "_CORE_FLOWS",
    "_CORE_ORGS",
    "_CORE_PROS",
    "_DUPLICATED_AT",
    "_DUPLICATED_ROLE",
    "_DUPLICATED_ROLE_WIJK",
    "_LACKING_SECTOR",
    "_LACKING_WIJK",
    "_MISSING_LINKS",
    "_NO_AGREEMENT",
    "_PAPER_PARTIES",
    "_PING_PONG",
    "_SOLE_TIE",
    "_TEAM_ZORG",
    "_CoreOrg",
]

_LACKING_WIJK: Final = 7  # Havenkwartier: no jeugd organisation serves it
_LACKING_SECTOR: Final = Sector.JEUGD
_DUPLICATED_ROLE_WIJK: Final = 3  # Oost


@dataclass(frozen=True, slots=True)
class _CoreOrg:
    key: str
    name: str
    sector: Sector
    scope: str  # "city", "W<n>" (wijk n) or "B<n>" (the first two buurten of wijk n)
    parent: str | None = None


_CORE_ORGS: Final = (
    _CoreOrg("politie", "Politie Basisteam Ketendam", Sector.VEILIGHEID, "city"),
    _CoreOrg("pg_noord", "Protestantse Gemeente Noord", Sector.INFORMEEL, "W2"),
    _CoreOrg("linie", "Woonstichting De Linie", Sector.WONEN, "city"),
    _CoreOrg("kompas", "Basisschool Het Kompas", Sector.ONDERWIJS, "W3", "spo"),
    _CoreOrg("ggz", "GGZ Ketendam", Sector.ZORG, "city"),
    _CoreOrg("gem_wi", "Gemeente Ketendam - Werk en Inkomen", Sector.GEMEENTE, "city"),
    _CoreOrg("moskee", "Moskee Al-Fath", Sector.INFORMEEL, "W7"),
    _CoreOrg("regenboog", "Basisschool De Regenboog", Sector.ONDERWIJS, "W2", "spo"),
    _CoreOrg("buurtzorg", "Buurtzorg Ketendam", Sector.ZORG, "city"),
    _CoreOrg("schakel", "Buurthuis De Schakel", Sector.WELZIJN, "W3"),
    _CoreOrg("mw", "Maatschappelijk Werk Ketendam", Sector.HULPVERLENING, "city"),
    _CoreOrg("debrug", "Jeugdhulp De Brug", Sector.JEUGD, "city"),
    _CoreOrg("bz_noord", "Buurtzorg Team Noord", Sector.ZORG, "W2", "buurtzorg"),
    _CoreOrg("parochie", "Parochie Heilige Martinus", Sector.INFORMEEL, "W1"),
    _CoreOrg("broker", "Stichting Welzijn Ketendam", Sector.WELZIJN, "city"),
    _CoreOrg("sport_oost", "Sportstichting Oost", Sector.OVERIG, "W3"),
    _CoreOrg("ha_hoven", "Huisartsenpraktijk De Hoven", Sector.ZORG, "W6"),
    _CoreOrg("cjg", "Centrum voor Jeugd en Gezin Ketendam", Sector.JEUGD, "city"),
    _CoreOrg("verslaving", "Verslavingszorg De Haven", Sector.ZORG, "city"),
    _CoreOrg("bibliotheek", "Bibliotheek Ketendam", Sector.OVERIG, "city"),
    _CoreOrg("rots", "Evangelische Gemeente De Rots", Sector.INFORMEEL, "W5"),
    _CoreOrg("spo", "Stichting Primair Onderwijs Ketendam", Sector.ONDERWIJS, "city"),
    _CoreOrg("gc_oost", "Gezondheidscentrum Oost", Sector.ZORG, "W3"),
    _CoreOrg("schuldhulp", "Schuldhulp Ketendam", Sector.WERK_INKOMEN, "city"),
    _CoreOrg("ouderen_hoven", "Ouderenwerk De Hoven", Sector.WELZIJN, "W6"),
    _CoreOrg("bz_hoven", "Buurtzorg Team De Hoven", Sector.ZORG, "W6", "buurtzorg"),
    _CoreOrg("leerplicht", "Gemeente Ketendam - Leerplicht", Sector.GEMEENTE, "city"),
    _CoreOrg("roc", "ROC Ketendam", Sector.ONDERWIJS, "city"),
    _CoreOrg("herberg", "Inloophuis De Herberg", Sector.INFORMEEL, "B1"),
    _CoreOrg("logopedie", "Logopediepraktijk De Klank", Sector.ZORG, "W4"),
    _CoreOrg("ha_centrum", "Huisartsenpraktijk Centrum", Sector.ZORG, "W1"),
    _CoreOrg("loods", "Jongerencentrum De Loods", Sector.WELZIJN, "B3"),
    _CoreOrg("voedselbank", "Voedselbank Ketendam", Sector.INFORMEEL, "city"),
    _CoreOrg("wmo", "Gemeente Ketendam - Wmo-loket", Sector.GEMEENTE, "city"),
    _CoreOrg("bz_haven", "Buurtzorg Team Havenkwartier", Sector.ZORG, "W7", "buurtzorg"),
    _CoreOrg("vlinder", "Kindcentrum De Vlinder", Sector.ONDERWIJS, "W4", "spo"),
    _CoreOrg("taalhuis", "Taalhuis Ketendam", Sector.INFORMEEL, "city"),
    _CoreOrg("speelhuis", "Kinderopvang Het Speelhuis", Sector.ONDERWIJS, "W3"),
    _CoreOrg("veilig_thuis", "Veilig Thuis Ketendam", Sector.HULPVERLENING, "city"),
)
_CLUSTER: Final = ("pg_noord", "moskee", "parochie", "rots", "herberg")
_ARTICULATION: Final = "voedselbank"
_BRIDGE_PARTNER: Final = "schuldhulp"
_MISSING_LINKS: Final = (("linie", "schuldhulp"), ("regenboog", "debrug"), ("ha_hoven", "ouderen_hoven"))
_SOLE_TIE: Final = ("logopedie", "vlinder")
_PAPER_PARTIES: Final = ("bibliotheek", "roc", "taalhuis")
_NO_AGREEMENT: Final = ("ha_centrum", "mw")
_PING_PONG: Final = ("ggz", "verslaving")
_DUPLICATED_ROLE: Final = "vastgoedbeheerder"
_DUPLICATED_AT: Final = ("kompas", "schakel", "sport_oost", "gc_oost", "loods", "speelhuis")
_TEAM_ZORG: Final[Mapping[int, str]] = MappingProxyType({2: "bz_noord", 6: "bz_hoven", 7: "bz_haven"})


@dataclass(frozen=True, slots=True)
class _CorePro:
    key: str
    role: str
    expertise: tuple[str, ...]
    jobs: tuple[tuple[str, float], ...]
    team: int | None = None  # the wijk whose wijkteam this professional is a member of


_CORE_PROS: Final = (
    _CorePro("vg_kompas", _DUPLICATED_ROLE, ("huisvesting",), (("kompas", 0.2),)),
    _CorePro(
        "diaconaal", "diaconaal werker", ("armoede", "eenzaamheid"), (("pg_noord", 0.4), ("parochie", 0.3))
    ),
    _CorePro("vg_schakel", _DUPLICATED_ROLE, ("huisvesting",), (("schakel", 0.1),)),
    _CorePro("ambassador", "wijkverpleegkundige", ("ouderen", "dementie"), (("bz_noord", 0.8),), team=2),
    _CorePro("vg_sport", _DUPLICATED_ROLE, ("huisvesting", "sport"), (("sport_oost", 0.2),)),
    _CorePro("vb_coord", "coördinator voedselbank", ("armoede", "schulden"), (("voedselbank", 0.6),)),
    _CorePro("vg_gc", _DUPLICATED_ROLE, ("huisvesting",), (("gc_oost", 0.3),)),
    _CorePro("sole_tie", "logopedist", ("jeugd", "taal"), (("logopedie", 0.5), ("vlinder", 0.3))),
    _CorePro("vg_loods", _DUPLICATED_ROLE, ("huisvesting", "jeugd"), (("loods", 0.2),)),
    _CorePro("imam", "imam", ("zingeving", "jeugd"), (("moskee", 0.8),)),
    _CorePro("vg_speelhuis", _DUPLICATED_ROLE, ("huisvesting",), (("speelhuis", 0.4),)),
    _CorePro("predikant", "predikant", ("zingeving", "eenzaamheid"), (("rots", 0.6),)),
    _CorePro("herberg_coord", "coördinator inloophuis", ("dakloosheid", "eenzaamheid"), (("herberg", 0.5),)),
    _CorePro("pastor", "pastoraal werker", ("zingeving", "ouderen"), (("parochie", 0.5),)),
)


@dataclass(frozen=True, slots=True)
class _CoreAgreement:
    key: str
    name: str
    kind: AgreementKind
    parties: tuple[str, ...]  # core organisation keys; wijkteams get theirs at generation
    members: tuple[str, ...] = ()  # core professional keys
    start: date = date(2020, 1, 1)
    end: date | None = None


def _team_agreement(wijk: int) -> _CoreAgreement:
    name = f"Sociaal Wijkteam {_WIJKEN[wijk - 1][0]}"
    return _CoreAgreement(f"team{wijk}", name, AgreementKind.WIJKTEAM, (), (), date(2019, wijk + 1, 1))


_CLUSTER_MEMBERS: Final = ("diaconaal", "vb_coord", "imam", "predikant", "herberg_coord", "pastor")
_CORE_AGREEMENTS: Final = (
    _team_agreement(1),
    _CoreAgreement(
        "vroeg",
        "Convenant Vroegsignalering Schulden",
        AgreementKind.COVENANT,
        ("schuldhulp", "gem_wi", "broker", "mw"),
        start=date(2021, 1, 1),
    ),
    _team_agreement(2),
    _team_agreement(3),
    _CoreAgreement(
        "dubbel",
        "Zorgcontract Dubbele Diagnose",
        AgreementKind.CONTRACT,
        _PING_PONG,
        start=date(2019, 1, 1),
        end=date(2026, 12, 31),
    ),
    _team_agreement(4),
    _CoreAgreement(
        "paper",
        "Convenant Laaggeletterdheid Ketendam",
        AgreementKind.COVENANT,
        _PAPER_PARTIES,
        start=date(2022, 9, 1),
    ),
    _team_agreement(5),
    _CoreAgreement(
        "platform",
        "Platform Kerken en Moskee Ketendam",
        AgreementKind.OTHER,
        (*_CLUSTER, _ARTICULATION),
        _CLUSTER_MEMBERS,
        date(2021, 3, 1),
    ),
    _team_agreement(6),
    _CoreAgreement(
        "vb_sh",
        "Verwijsafspraak Voedselbank en Schuldhulp",
        AgreementKind.COVENANT,
        (_ARTICULATION, _BRIDGE_PARTNER),
        ("vb_coord",),
        date(2020, 6, 1),
    ),
    _team_agreement(7),
)

# (source key, target key, domain, monthly rate): present every month
_CORE_FLOWS: Final = (
    ("schuldhulp", "voedselbank", "schulden", 12),
    ("pg_noord", "voedselbank", "welzijn", 3),
    ("moskee", "voedselbank", "welzijn", 4),
    ("parochie", "voedselbank", "welzijn", 2),
    ("rots", "voedselbank", "welzijn", 2),
    ("herberg", "voedselbank", "welzijn", 5),
    ("herberg", "parochie", "welzijn", 1),
    ("ggz", "verslaving", "zorg", 33),
    ("verslaving", "ggz", "zorg", 31),
    ("ha_centrum", "mw", "zorg", 26),
    ("linie", "broker", "welzijn", 4),
    ("schuldhulp", "broker", "welzijn", 5),
    ("linie", "gem_wi", "wonen", 5),
    ("gem_wi", "schuldhulp", "schulden", 9),
    ("linie", "mw", "wonen", 4),
    ("mw", "schuldhulp", "schulden", 6),
    ("regenboog", "cjg", "jeugd", 4),
    ("cjg", "debrug", "jeugd", 8),
    ("regenboog", "leerplicht", "jeugd", 2),
    ("leerplicht", "debrug", "jeugd", 3),
    ("regenboog", "broker", "welzijn", 2),
    ("debrug", "broker", "welzijn", 3),
    ("ha_hoven", "bz_hoven", "zorg", 6),
    ("ouderen_hoven", "bz_hoven", "zorg", 3),
    ("ha_hoven", "wmo", "zorg", 4),
    ("wmo", "ouderen_hoven", "welzijn", 3),
    ("ha_hoven", "broker", "welzijn", 3),
    ("ouderen_hoven", "broker", "welzijn", 3),
)
