"""A deterministic synthetic demo municipality: Ketendam (``GM9901``).

``generate_demo`` builds a complete, entirely invented partner ecosystem of the social
domain: areas, organisations, professionals, agreements and monthly referral flows.
Nothing in it describes a real organisation or person. The same ``DemoSpec`` always
gives the same ``Ecosystem``: every random choice comes from ``random.Random(seed)``.

At the default size the demo holds a set of *planted* structures that the analytics
must find (an overloaded broker, a bridge, missing links, ...); ``PLANTED`` names their
ids. ``docs/demo-data.md`` describes them.

>>> PLANTED["wijk_lacking_sector"]
('WK990107', 'jeugd')
>>> DemoSpec(organisations=10)
Traceback (most recent call last):
...
ValueError: DemoSpec.organisations is 10; the demo needs at least 60
"""

from __future__ import annotations

import math
import random
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from itertools import combinations
from types import MappingProxyType
from typing import Final, TypedDict

from graph.model import Agreement, Area, Ecosystem, Employment, Organisation, Professional, ReferralFlow
from graph.periods import Period
from graph.taxonomy import ActorKind, AgreementKind, AreaLevel, Sector

__all__ = ["PLANTED", "DemoSpec", "generate_demo"]

# --------------------------------------------------------------------------------------
# Areas
# --------------------------------------------------------------------------------------

_GEMEENTE: Final = ("GM9901", "Ketendam")
_WIJKEN: Final[tuple[tuple[str, tuple[str, ...]], ...]] = (
    ("Centrum", ("Binnenstad", "Marktkwartier", "Kerkbuurt", "Stationsbuurt", "Oude Gracht")),
    ("Noord", ("Noorderpark", "Vogelbuurt", "Bloemenbuurt", "Molenwijk")),
    ("Oost", ("Oosterweide", "Schildersbuurt", "Sportpark Oost", "Beekdal")),
    ("Zuid", ("Zuiderhof", "Rivierenbuurt", "Lindenlaan", "Kastanjehof")),
    ("West", ("Westerpark", "Componistenbuurt", "Akkerland", "Weverij", "Dijkzicht")),
    ("De Hoven", ("Hof van Ketendam", "Kloosterhof", "Boomgaard", "Parkhoven")),
    ("Havenkwartier", ("Oude Haven", "Scheepswerf", "Kadebuurt", "Pakhuizen")),
)
_LACKING_WIJK: Final = 7  # Havenkwartier: no jeugd organisation serves it
_LACKING_SECTOR: Final = Sector.JEUGD
_DUPLICATED_ROLE_WIJK: Final = 3  # Oost


def _wijk_code(wijk: int) -> str:
    return f"WK{_GEMEENTE[0][2:]}{wijk:02d}"


def _buurt_code(wijk: int, buurt: int) -> str:
    return f"BU{_GEMEENTE[0][2:]}{wijk:02d}{buurt:02d}"


def _wijk_of(code: str) -> str:
    """The wijk code of a wijk or buurt code."""
    return "WK" + code[2:8] if code.startswith("BU") else code


def _areas() -> list[Area]:
    gemeente, name = _GEMEENTE
    areas = [Area(gemeente, name, AreaLevel.GEMEENTE)]
    for wijk, (wijk_name, buurten) in enumerate(_WIJKEN, start=1):
        areas.append(Area(_wijk_code(wijk), wijk_name, AreaLevel.WIJK, gemeente))
        for buurt, buurt_name in enumerate(buurten, start=1):
            areas.append(Area(_buurt_code(wijk, buurt), buurt_name, AreaLevel.BUURT, _wijk_code(wijk)))
    return areas


_AREA_NAMES: Final[Mapping[str, str]] = MappingProxyType({a.code: a.name for a in _areas()})

# --------------------------------------------------------------------------------------
# Vocabulary: sectors, names, roles, domains
# --------------------------------------------------------------------------------------

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
_DOMAINS: Final[Mapping[Sector, tuple[str, ...]]] = MappingProxyType(
    {
        Sector.ZORG: ("zorg",),
        Sector.WELZIJN: ("welzijn", "zorg"),
        Sector.WONEN: ("wonen",),
        Sector.ONDERWIJS: ("jeugd",),
        Sector.VEILIGHEID: ("veiligheid",),
        Sector.HULPVERLENING: ("zorg", "veiligheid", "wonen"),
        Sector.GEMEENTE: ("werk", "wonen", "zorg", "jeugd"),
        Sector.WERK_INKOMEN: ("schulden", "werk"),
        Sector.JEUGD: ("jeugd",),
        Sector.INFORMEEL: ("welzijn",),
        Sector.OVERIG: ("welzijn",),
    }
)
_ACTIVITIES: Final[Mapping[Sector, str]] = MappingProxyType(
    {
        Sector.ZORG: "biedt zorg en ondersteuning",
        Sector.WELZIJN: "organiseert welzijnswerk en activiteiten",
        Sector.WONEN: "verhuurt en beheert woningen",
        Sector.ONDERWIJS: "geeft onderwijs aan kinderen en jongeren",
        Sector.VEILIGHEID: "werkt aan veiligheid",
        Sector.HULPVERLENING: "helpt mensen met complexe problemen",
        Sector.GEMEENTE: "verzorgt gemeentelijke dienstverlening",
        Sector.WERK_INKOMEN: "helpt bij werk, inkomen en schulden",
        Sector.JEUGD: "biedt hulp aan kinderen, jongeren en gezinnen",
        Sector.INFORMEEL: "zet vrijwilligers in voor bewoners",
        Sector.OVERIG: "organiseert activiteiten voor bewoners",
    }
)
_WORDS: Final = (
    "Het Anker",
    "De Linde",
    "De Eik",
    "Het Baken",
    "De Horizon",
    "De Wissel",
    "De Bron",
    "Het Veer",
    "De Sluis",
    "Het Rad",
    "De Zonnebloem",
    "De Akker",
    "Het Spoor",
    "De Kade",
    "De Molen",
    "Het Plein",
    "De Boog",
    "De Parel",
    "Het Lichtpunt",
    "De Wilg",
    "De Esdoorn",
    "Het Klaverblad",
    "De Meander",
    "De Toren",
    "De Poort",
    "Het Atelier",
    "De Wending",
    "De Stap",
    "De Ster",
    "De Lindeboom",
    "De Kastanje",
    "Het Zand",
    "De Fontein",
    "Het Duin",
    "De Dijk",
    "De Oever",
    "Het Mozaïek",
    "De Vuurtoren",
)
_DEPARTMENTS: Final = (
    "Openbare Orde",
    "Burgerzaken",
    "Vastgoed",
    "Jeugd",
    "Inkoop Sociaal Domein",
    "Beleid Sociaal Domein",
    "Handhaving",
    "Participatie",
    "Communicatie",
    "Leefbaarheid",
    "Armoedebeleid",
    "Onderwijshuisvesting",
    "Sport",
    "Cultuur",
    "Gezondheid",
)
# name patterns: {x} a word, {w} a wijk, {b} a buurt, {g} a department; scope city|wijk|buurt|any
_TEMPLATES: Final[Mapping[Sector, tuple[tuple[str, str], ...]]] = MappingProxyType(
    {
        Sector.ZORG: (
            ("Huisartsenpraktijk {w}", "wijk"),
            ("Huisartsenpraktijk {b}", "buurt"),
            ("Apotheek {x}", "wijk"),
            ("Fysiotherapie {b}", "buurt"),
            ("Thuiszorg {x}", "city"),
            ("Tandartspraktijk {x}", "wijk"),
            ("Verpleeghuis {x}", "wijk"),
            ("Zorgcentrum {x}", "wijk"),
            ("Dagbesteding {x}", "any"),
            ("Psychologenpraktijk {x}", "any"),
            ("Wijkverpleging {w}", "wijk"),
        ),
        Sector.WELZIJN: (
            ("Buurthuis {x}", "wijk"),
            ("Ouderenwerk {w}", "wijk"),
            ("Jongerenwerk {w}", "wijk"),
            ("Mantelzorgsteunpunt {x}", "city"),
            ("Buurtcentrum {b}", "buurt"),
            ("Wijkcentrum {w}", "wijk"),
            ("Welzijn op Recept {w}", "wijk"),
            ("Seniorensoos {x}", "buurt"),
        ),
        Sector.WONEN: (
            ("Woonstichting {x}", "city"),
            ("Wooncorporatie {x}", "any"),
            ("Huurdersvereniging {w}", "wijk"),
            ("Beschermd Wonen {x}", "any"),
            ("Woongroep {x}", "buurt"),
            ("Seniorenwoningen {b}", "buurt"),
            ("Wooncoöperatie {x}", "wijk"),
        ),
        Sector.ONDERWIJS: (
            ("Basisschool {x}", "wijk"),
            ("Kindcentrum {x}", "buurt"),
            ("Scholengemeenschap {x}", "city"),
            ("Kinderopvang {x}", "buurt"),
            ("School voor Speciaal Onderwijs {x}", "city"),
            ("Peuterspeelzaal {b}", "buurt"),
            ("Montessorischool {x}", "wijk"),
        ),
        Sector.VEILIGHEID: (
            ("Reclasseringsteam {w}", "wijk"),
            ("Brandweerpost {w}", "wijk"),
            ("Slachtofferhulp {x}", "city"),
            ("Bureau Jeugdcriminaliteit {x}", "city"),
            ("Wijkteam Politie {w}", "wijk"),
            ("Veiligheidshuis {x}", "city"),
            ("Toezicht en Handhaving {w}", "wijk"),
        ),
        Sector.HULPVERLENING: (
            ("Vrouwenopvang {x}", "city"),
            ("Maatschappelijke Opvang {x}", "city"),
            ("Cliëntondersteuning {x}", "any"),
            ("Sociaal Raadslieden {w}", "wijk"),
            ("Ambulante Begeleiding {x}", "any"),
            ("Straatteam {w}", "wijk"),
            ("Crisisdienst {x}", "city"),
        ),
        Sector.GEMEENTE: (
            ("Gemeente Ketendam - Wijkregie {w}", "wijk"),
            ("Gemeente Ketendam - {g}", "city"),
            ("Gemeente Ketendam - Servicepunt {x}", "wijk"),
        ),
        Sector.WERK_INKOMEN: (
            ("Werkbedrijf {x}", "city"),
            ("Sociale Werkplaats {x}", "any"),
            ("Bewindvoering {x}", "city"),
            ("Budgetcoaching {w}", "wijk"),
            ("Re-integratiebureau {x}", "any"),
            ("Formulierenbrigade {w}", "wijk"),
            ("Armoedefonds {x}", "city"),
            ("Werkplaats {x}", "wijk"),
        ),
        Sector.JEUGD: (
            ("Jeugdzorg {x}", "any"),
            ("Pleegzorg {x}", "city"),
            ("Gezinshuis {x}", "buurt"),
            ("Jeugd-GGZ {x}", "any"),
            ("Jeugdbescherming {x}", "city"),
            ("Opvoedpunt {w}", "wijk"),
            ("Kinderpraktijk {x}", "wijk"),
        ),
        Sector.INFORMEEL: (
            ("Taalcafé {w}", "wijk"),
            ("Repair Café {w}", "wijk"),
            ("Burenhulp {b}", "buurt"),
            ("Buurtvereniging {b}", "buurt"),
            ("Maatjesproject {x}", "city"),
            ("Vrijwilligerscentrale {x}", "city"),
            ("Buurtpreventie {b}", "buurt"),
            ("Speelgoedbank {x}", "city"),
        ),
        Sector.OVERIG: (
            ("Sportvereniging {x}", "wijk"),
            ("Muziekschool {x}", "city"),
            ("Ondernemersvereniging {w}", "wijk"),
            ("Energiecoöperatie {x}", "any"),
            ("Kringloopwinkel {x}", "any"),
            ("Theater {x}", "city"),
            ("Zwembad {x}", "wijk"),
            ("Scouting {x}", "buurt"),
        ),
    }
)
_ROLES: Final[Mapping[Sector, tuple[str, ...]]] = MappingProxyType(
    {
        Sector.ZORG: (
            "wijkverpleegkundige",
            "huisarts",
            "praktijkondersteuner ggz",
            "verzorgende",
            "fysiotherapeut",
            "psychiater",
            "verpleegkundig specialist",
            "logopedist",
            "apotheker",
        ),
        Sector.WELZIJN: (
            "opbouwwerker",
            "jongerenwerker",
            "ouderenadviseur",
            "mantelzorgconsulent",
            "sociaal werker",
            "buurtsportcoach",
        ),
        Sector.WONEN: (
            "woonconsulent",
            "huismeester",
            "wijkbeheerder",
            "incassomedewerker",
            "leefbaarheidsconsulent",
        ),
        Sector.ONDERWIJS: (
            "leerkracht",
            "intern begeleider",
            "schoolmaatschappelijk werker",
            "zorgcoördinator",
            "pedagogisch medewerker",
            "directeur",
        ),
        Sector.VEILIGHEID: ("wijkagent", "reclasseringswerker", "procesregisseur", "jeugdagent", "handhaver"),
        Sector.HULPVERLENING: (
            "maatschappelijk werker",
            "casemanager huiselijk geweld",
            "cliëntondersteuner",
            "ambulant begeleider",
            "sociaal raadsman",
        ),
        Sector.GEMEENTE: (
            "leerplichtambtenaar",
            "Wmo-consulent",
            "klantmanager",
            "beleidsadviseur",
            "inkoper",
            "communicatieadviseur",
            "wijkregisseur",
        ),
        Sector.WERK_INKOMEN: (
            "schuldhulpverlener",
            "budgetcoach",
            "jobcoach",
            "bewindvoerder",
            "re-integratieconsulent",
        ),
        Sector.JEUGD: (
            "jeugd- en gezinscoach",
            "ouder- en kindadviseur",
            "gezinsvoogd",
            "jeugdhulpverlener",
            "pleegzorgbegeleider",
        ),
        Sector.INFORMEEL: ("vrijwilligerscoördinator", "taalcoach", "coördinator burenhulp"),
        Sector.OVERIG: ("bibliothecaris", "sportcoördinator", "projectleider", "communicatieadviseur"),
    }
)
_TEAM_ROLES: Final[Mapping[Sector, str]] = MappingProxyType(
    {
        Sector.ZORG: "wijkverpleegkundige",
        Sector.HULPVERLENING: "maatschappelijk werker",
        Sector.JEUGD: "jeugd- en gezinscoach",
        Sector.WERK_INKOMEN: "schuldhulpverlener",
    }
)
# organisations that typically second staff to a sociaal wijkteam, by name
_TEAM_PARTNERS: Final[Mapping[Sector, tuple[str, ...]]] = MappingProxyType(
    {
        Sector.ZORG: ("Buurtzorg", "Thuiszorg", "Wijkverpleging", "Gezondheidscentrum"),
        Sector.HULPVERLENING: ("Maatschappelijk Werk", "Cliëntondersteuning", "Sociaal Raadslieden"),
        Sector.JEUGD: ("Centrum voor Jeugd en Gezin", "Opvoedpunt", "Jeugdhulp", "Jeugdzorg"),
        Sector.WERK_INKOMEN: ("Schuldhulp", "Budgetcoaching", "Formulierenbrigade"),
    }
)
_EXPERTISE: Final[Mapping[Sector, tuple[str, ...]]] = MappingProxyType(
    {
        Sector.ZORG: ("ouderen", "ggz", "dementie", "verslaving", "chronisch ziek"),
        Sector.WELZIJN: ("eenzaamheid", "ouderen", "jeugd", "mantelzorg", "participatie"),
        Sector.WONEN: ("huurachterstand", "woonoverlast", "huisvesting"),
        Sector.ONDERWIJS: ("jeugd", "taal", "passend onderwijs", "verzuim"),
        Sector.VEILIGHEID: ("huiselijk geweld", "jeugdcriminaliteit", "overlast", "ondermijning"),
        Sector.HULPVERLENING: ("huiselijk geweld", "dakloosheid", "ggz", "armoede"),
        Sector.GEMEENTE: ("armoede", "participatie", "jeugd", "wmo"),
        Sector.WERK_INKOMEN: ("schulden", "armoede", "werk", "inkomen"),
        Sector.JEUGD: ("jeugd", "opvoeding", "huiselijk geweld", "ggz"),
        Sector.INFORMEEL: ("taal", "eenzaamheid", "armoede"),
        Sector.OVERIG: ("taal", "sport", "cultuur"),
    }
)
_TOPICS: Final[Mapping[Sector, tuple[str, ...]]] = MappingProxyType(
    {
        Sector.ZORG: (
            "Wijkverpleging",
            "Ketenzorg Dementie",
            "Palliatieve Zorg",
            "Valpreventie",
            "Ouderenzorg",
        ),
        Sector.WELZIJN: ("Eenzaamheid", "Mantelzorgondersteuning", "Buurtactiviteiten", "Welzijn op Recept"),
        Sector.WONEN: (
            "Woonoverlast",
            "Huisuitzettingen Voorkomen",
            "Uitstroom Beschermd Wonen",
            "Wonen met Zorg",
        ),
        Sector.ONDERWIJS: (
            "Passend Onderwijs",
            "Thuiszitters",
            "Voorschoolse Educatie",
            "Schoolmaatschappelijk Werk",
        ),
        Sector.VEILIGHEID: ("Zorg en Veiligheid", "Huiselijk Geweld", "Jeugdcriminaliteit", "Ondermijning"),
        Sector.HULPVERLENING: ("Dak- en Thuislozen", "Cliëntondersteuning", "Vrouwenopvang", "Crisisopvang"),
        Sector.GEMEENTE: ("Wijkgericht Werken", "Inkoop Sociaal Domein", "Wmo Toegang"),
        Sector.WERK_INKOMEN: (
            "Schuldhulp Jongeren",
            "Re-integratie",
            "Armoedebestrijding",
            "Beschermingsbewind",
        ),
        Sector.JEUGD: ("Jeugdhulp Thuis", "Pleegzorg", "Jeugdbescherming", "Opvoedondersteuning"),
        Sector.INFORMEEL: ("Burenhulp", "Vrijwilligersinzet", "Maatjes"),
        Sector.OVERIG: ("Sport en Bewegen", "Cultuur in de Wijk", "Duurzaamheid"),
    }
)
_KIND_WORDS: Final[Mapping[AgreementKind, str]] = MappingProxyType(
    {
        AgreementKind.COVENANT: "Convenant",
        AgreementKind.CONTRACT: "Raamcontract",
        AgreementKind.DATA_SHARING: "Gegevensdeling",
        AgreementKind.OTHER: "Samenwerkingsafspraak",
    }
)
_KIND_WEIGHTS: Final[Mapping[AgreementKind, int]] = MappingProxyType(
    {
        AgreementKind.COVENANT: 30,
        AgreementKind.CONTRACT: 35,
        AgreementKind.DATA_SHARING: 20,
        AgreementKind.OTHER: 15,
    }
)
_FIRST_NAMES: Final = (
    "Anna",
    "Daan",
    "Emma",
    "Lucas",
    "Sanne",
    "Thijs",
    "Fatima",
    "Mohammed",
    "Noor",
    "Bram",
    "Lotte",
    "Sem",
    "Julia",
    "Ruben",
    "Eva",
    "Jesse",
    "Sophie",
    "Milan",
    "Lisa",
    "Youssef",
    "Iris",
    "Kevin",
    "Femke",
    "Tim",
    "Esra",
    "Jeroen",
    "Marieke",
    "Sander",
    "Ilse",
    "Mehmet",
    "Priya",
    "Wouter",
    "Hanneke",
    "Rachid",
    "Anouk",
    "Bas",
    "Yara",
    "Joost",
    "Naima",
    "Pieter",
)
_LAST_NAMES: Final = (
    "de Vries",
    "Jansen",
    "van den Berg",
    "Bakker",
    "Visser",
    "Smit",
    "Meijer",
    "de Boer",
    "Mulder",
    "de Groot",
    "Bos",
    "Vos",
    "Peters",
    "Hendriks",
    "van Leeuwen",
    "Dekker",
    "Brouwer",
    "de Wit",
    "Dijkstra",
    "de Graaf",
    "van der Meer",
    "Kok",
    "Jacobs",
    "de Haan",
    "Vermeulen",
    "van Dijk",
    "Yilmaz",
    "El Amrani",
    "Kaya",
    "Bouali",
    "Ramdin",
    "Schouten",
    "Post",
    "Kuipers",
    "Veenstra",
    "Hoekstra",
    "Prins",
    "Huisman",
    "Willems",
    "Martens",
)

# --------------------------------------------------------------------------------------
# The planted core: fixed organisations, professionals, agreements and flows
# --------------------------------------------------------------------------------------


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

# --------------------------------------------------------------------------------------
# Specification and ids
# --------------------------------------------------------------------------------------

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


def _pair(a: str, b: str) -> tuple[str, str]:
    return (a, b) if a <= b else (b, a)


# --------------------------------------------------------------------------------------
# The world under construction (local to one generate_demo call)
# --------------------------------------------------------------------------------------

_TIES_ALL: Final = frozenset({"flow", "agreement", "staff"})


@dataclass
class _World:
    """Everything one generation run builds up, plus the rules on which ties may exist."""

    rng: random.Random
    spec: DemoSpec
    ids: dict[str, str]  # core organisation key -> id
    orgs: dict[str, Organisation] = field(default_factory=dict)
    wijken: dict[str, frozenset[str]] = field(default_factory=dict)  # org id -> wijk codes served
    names: set[str] = field(default_factory=set)
    kvks: set[str] = field(default_factory=set)
    forbidden: dict[tuple[str, str], frozenset[str]] = field(default_factory=dict)
    open_ids: list[str] = field(default_factory=list)  # organisations random ties may use
    by_sector: dict[Sector, list[str]] = field(default_factory=dict)
    by_wijk: dict[str, list[str]] = field(default_factory=dict)

    def add(self, org: Organisation) -> None:
        self.orgs[org.id] = org
        self.names.add(org.name)
        self.wijken[org.id] = frozenset(_wijk_of(code) for code in org.areas)

    def allowed(self, a: str, b: str, tie: str) -> bool:
        """Whether a tie of this kind ("flow", "agreement", "staff") may join a and b."""
        return a != b and tie not in self.forbidden.get(_pair(a, b), frozenset())

    def forbid(self, a: str, b: str, ties: frozenset[str]) -> None:
        key = _pair(self.ids[a], self.ids[b])
        self.forbidden[key] = self.forbidden.get(key, frozenset()) | ties

    def overlap(self, a: str, b: str) -> bool:
        return not self.wijken[a].isdisjoint(self.wijken[b])

    def sector(self, org_id: str) -> Sector:
        return self.orgs[org_id].sector


def _partner_pool(world: _World, home: Sector) -> list[str]:
    """Where to look for a partner: the own sector, or (less often) everyone, so a
    sector receives across-sector ties in proportion to its size."""
    return world.by_sector[home] if world.rng.random() < _WITHIN[home] else world.open_ids


def _pick_partner(world: _World, source: str, tie: str, taken: Sequence[str] = ()) -> str | None:
    """A random partner for ``source``: mostly its own sector, preferably the same wijk."""
    rng = world.rng
    home = world.sector(source)
    for attempt in range(12):
        pool = _partner_pool(world, home)
        candidate = pool[rng.randrange(len(pool))]
        if candidate in taken or not all(world.allowed(t, candidate, tie) for t in (source, *taken)):
            continue
        if attempt < 6 and not world.overlap(source, candidate):
            continue
        if _closed_to(world, home, candidate):
            continue
        return candidate
    return None


def _closed_to(world: _World, home: Sector, candidate: str) -> bool:
    """Silo sectors turn away half of the ties offered from outside."""
    sector = world.sector(candidate)
    return sector is not home and sector in _SILO_SECTORS and world.rng.random() < _SILO_REFUSAL


# --------------------------------------------------------------------------------------
# Organisations
# --------------------------------------------------------------------------------------


def _city_wijken(sector: Sector) -> tuple[str, ...]:
    lacking = _LACKING_WIJK if sector is _LACKING_SECTOR else 0
    return tuple(_wijk_code(w) for w in range(1, len(_WIJKEN) + 1) if w != lacking)


def _core_areas(core: _CoreOrg) -> tuple[str, ...]:
    if core.scope == "city":
        return _city_wijken(core.sector)
    wijk = int(core.scope[1:])
    if core.scope.startswith("W"):
        return (_wijk_code(wijk),)
    return (_buurt_code(wijk, 1), _buurt_code(wijk, 2))


def _where(areas: Sequence[str]) -> str:
    wijken = sorted({_wijk_of(code) for code in areas})
    if len(wijken) >= len(_WIJKEN) - 1:
        return "heel Ketendam"
    buurten = [code for code in areas if code.startswith("BU")]
    if buurten:
        return f"buurt {_AREA_NAMES[buurten[0]]}"
    return " en ".join(f"wijk {_AREA_NAMES[code]}" for code in wijken)


def _kvk(world: _World, sector: Sector, parent: str | None) -> str | None:
    if parent is not None or sector is Sector.GEMEENTE:
        return None
    if world.rng.random() < (0.5 if sector is Sector.INFORMEEL else 0.04):
        return None
    while True:
        number = str(world.rng.randrange(10_000_000, 100_000_000))
        if number not in world.kvks:
            world.kvks.add(number)
            return number


def _organisation(
    world: _World, org_id: str, name: str, sector: Sector, *, areas: tuple[str, ...], parent: str | None
) -> Organisation:
    return Organisation(
        id=org_id,
        name=name,
        sector=sector,
        municipality=_GEMEENTE[0],
        areas=areas,
        kvk=_kvk(world, sector, parent),
        parent_id=parent,
        description=f"{name} {_ACTIVITIES[sector]} in {_where(areas)}.",
    )


def _apportion(total: int, weights: Mapping[Sector, int]) -> dict[Sector, int]:
    """Split ``total`` over the sectors in proportion to ``weights`` (largest remainder)."""
    whole = sum(weights.values())
    exact = {s: total * weights[s] / whole for s in Sector}
    counts = {s: math.floor(exact[s]) for s in Sector}
    by_remainder = sorted(Sector, key=lambda s: (counts[s] - exact[s], list(Sector).index(s)))
    for sector in by_remainder[: total - sum(counts.values())]:
        counts[sector] += 1
    return counts


def _random_wijk(rng: random.Random, sector: Sector) -> int:
    lacking = _LACKING_WIJK if sector is _LACKING_SECTOR else 0
    return rng.choice([w for w in range(1, len(_WIJKEN) + 1) if w != lacking])


def _scope_areas(rng: random.Random, sector: Sector, scope: str, wijk: int, buurt: int) -> tuple[str, ...]:
    if scope == "any":
        scope = rng.choices(("city", "wijk", "buurt"), weights=(1, 2, 1))[0]
    if scope == "city":
        return _city_wijken(sector)
    if scope == "wijk":
        return (_wijk_code(wijk),)
    codes = [_buurt_code(wijk, buurt)]
    if rng.random() < 0.3:
        codes.append(_buurt_code(wijk, rng.randrange(len(_WIJKEN[wijk - 1][1])) + 1))
    return tuple(codes)


def _filler_identity(world: _World, sector: Sector) -> tuple[str, tuple[str, ...]]:
    """A unique invented name for a filler organisation, and the areas it serves."""
    rng = world.rng
    for _ in range(30):
        pattern, scope = rng.choice(_TEMPLATES[sector])
        wijk = _random_wijk(rng, sector)
        buurt = rng.randrange(len(_WIJKEN[wijk - 1][1])) + 1
        name = pattern.format(
            x=rng.choice(_WORDS),
            w=_WIJKEN[wijk - 1][0],
            b=_WIJKEN[wijk - 1][1][buurt - 1],
            g=rng.choice(_DEPARTMENTS),
        )
        if name not in world.names:
            break
    number = 2
    base = name
    while name in world.names:
        name, number = f"{base} ({number})", number + 1
    return name, _scope_areas(rng, sector, scope, wijk, buurt)


def _add_organisations(world: _World) -> None:
    for core in _CORE_ORGS:
        parent = world.ids[core.parent] if core.parent else None
        world.add(
            _organisation(
                world, world.ids[core.key], core.name, core.sector, areas=_core_areas(core), parent=parent
            )
        )
    filler_ids = _free_ids(_org_id, world.ids.values(), world.spec.organisations - len(_CORE_ORGS))
    counts = _apportion(len(filler_ids), _FILLER_WEIGHTS)
    sectors = [sector for sector in Sector for _ in range(counts[sector])]
    world.rng.shuffle(sectors)
    for org_id, sector in zip(filler_ids, sectors, strict=True):
        name, areas = _filler_identity(world, sector)
        world.add(_organisation(world, org_id, name, sector, areas=areas, parent=None))


def _index(world: _World) -> None:
    """Which organisations random ties may use (all but the isolated cluster), by sector and wijk."""
    closed = {world.ids[key] for key in (*_CLUSTER, _ARTICULATION)}
    world.open_ids = [org_id for org_id in sorted(world.orgs) if org_id not in closed]
    world.by_sector = {sector: [] for sector in Sector}
    for org_id in world.open_ids:
        world.by_sector[world.sector(org_id)].append(org_id)
        for wijk in sorted(world.wijken[org_id]):
            world.by_wijk.setdefault(wijk, []).append(org_id)


def _forbid_planted_gaps(world: _World) -> None:
    """Ties that must not exist, so the planted structures stay exactly as documented."""
    for a, b in (*_MISSING_LINKS, _SOLE_TIE):
        world.forbid(a, b, _TIES_ALL)
    for a, b in combinations(_PAPER_PARTIES, 2):
        world.forbid(a, b, frozenset({"flow"}))
    world.forbid(*_NO_AGREEMENT, frozenset({"agreement"}))


# --------------------------------------------------------------------------------------
# Wijkteams and professionals
# --------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Team:
    wijk: int
    parties: tuple[str, ...]


def _team_pick(world: _World, wijk: int, sector: Sector, chosen: Sequence[str]) -> str | None:
    candidates = [
        org_id
        for org_id in world.by_wijk.get(_wijk_code(wijk), [])
        if world.sector(org_id) is sector
        and org_id not in chosen
        and all(world.allowed(org_id, other, "agreement") for other in chosen)
    ]
    typical = [c for c in candidates if world.orgs[c].name.startswith(_TEAM_PARTNERS[sector])]
    return world.rng.choice(typical or candidates) if candidates else None


def _wijkteams(world: _World) -> list[_Team]:
    """One sociaal wijkteam per wijk: the broker, a care, a social-service, a youth and
    sometimes a debt-help organisation second staff to it (no youth in Havenkwartier)."""
    teams: list[_Team] = []
    for wijk in range(1, len(_WIJKEN) + 1):
        parties = [world.ids["broker"]]
        fixed = _TEAM_ZORG.get(wijk)
        sectors = [Sector.HULPVERLENING, Sector.JEUGD, Sector.WERK_INKOMEN]
        if fixed:
            parties.append(world.ids[fixed])
        else:
            sectors.insert(0, Sector.ZORG)
        if wijk == _LACKING_WIJK:
            sectors.remove(_LACKING_SECTOR)
        if world.rng.random() < 0.5:
            sectors.remove(Sector.WERK_INKOMEN)
        for sector in sectors:
            pick = _team_pick(world, wijk, sector, parties)
            if pick is not None:
                parties.append(pick)
        teams.append(_Team(wijk, tuple(parties)))
    return teams


@dataclass
class _ProDraft:
    role: str
    expertise: tuple[str, ...]
    jobs: list[tuple[str, float]]
    team: int | None = None
    key: str = ""


@dataclass
class _Staff:
    professionals: list[Professional]
    ids: dict[str, str]  # core professional key -> id
    team_members: dict[int, list[str]]  # wijk -> wijkteam member ids
    employer: dict[str, str]  # professional id -> first employer
    by_org: dict[str, list[str]]  # organisation id -> employee ids


def _fte(rng: random.Random, low: int, high: int) -> float:
    """An fte in tenths: ``low`` and ``high`` are tenths (exactly representable as k/10)."""
    return rng.randint(low, high) / 10


def _expertise(rng: random.Random, sector: Sector) -> tuple[str, ...]:
    tags = _EXPERTISE[sector]
    return tuple(rng.sample(tags, rng.randint(1, min(3, len(tags)))))


def _core_drafts(world: _World) -> list[_ProDraft]:
    return [
        _ProDraft(
            core.role, core.expertise, [(world.ids[k], fte) for k, fte in core.jobs], core.team, core.key
        )
        for core in _CORE_PROS
    ]


def _member_drafts(world: _World, teams: Sequence[_Team]) -> list[_ProDraft]:
    rng = world.rng
    factor = max(1, round(math.sqrt(world.spec.professionals / 800)))
    drafts: list[_ProDraft] = []
    for team in teams:
        for party in team.parties:
            sector = world.sector(party)
            role = _TEAM_ROLES.get(sector, "sociaal werker")
            for _ in range(rng.randint(1, 3) * factor):
                drafts.append(
                    _ProDraft(role, _expertise(rng, sector), [(party, _fte(rng, 6, 10))], team.wijk)
                )
    return drafts


def _share(world: _World, draft: _ProDraft, employers: int) -> None:
    """Give a professional a second (and maybe third) employer, splitting the fte."""
    rng = world.rng
    primary = draft.jobs[0][0]
    ftes = [_fte(rng, 3, 5), _fte(rng, 1, 3), _fte(rng, 1, 2)]  # at most 1.0 fte together
    jobs = [primary]
    while len(jobs) < employers:
        partner = _pick_partner(world, primary, "staff", jobs)
        if partner is None:
            break
        jobs.append(partner)
    if len(jobs) > 1:
        draft.jobs = list(zip(jobs, ftes[: len(jobs)], strict=True))


def _random_drafts(world: _World, count: int) -> list[_ProDraft]:
    if count <= 0:
        return []
    rng = world.rng
    broker = world.ids["broker"]
    weights = [_STAFF_WEIGHTS[world.sector(o)] * (4 if o == broker else 1) for o in world.open_ids]
    drafts = []
    for employer in rng.choices(world.open_ids, weights=weights, k=count):
        sector = world.sector(employer)
        drafts.append(
            _ProDraft(rng.choice(_ROLES[sector]), _expertise(rng, sector), [(employer, _fte(rng, 5, 10))])
        )
    for index in rng.sample(range(count), round(count * 0.065)):
        _share(world, drafts[index], 3 if rng.random() < 0.15 else 2)
    return drafts


def _person_name(rng: random.Random, used: set[str]) -> str:
    """An invented combination of a common first name and surname (unique while that is easy)."""
    name = ""
    for _ in range(6):
        name = f"{rng.choice(_FIRST_NAMES)} {rng.choice(_LAST_NAMES)}"
        if name not in used:
            break
    used.add(name)
    return name


def _build_staff(world: _World, drafts: Sequence[_ProDraft], ids: Sequence[str]) -> _Staff:
    staff = _Staff([], {}, {}, {}, {})
    used: set[str] = set()
    for pro_id, draft in sorted(zip(ids, drafts, strict=True), key=lambda pair: pair[0]):
        jobs = tuple(Employment(org, fte) for org, fte in draft.jobs)
        name = _person_name(world.rng, used)
        staff.professionals.append(Professional(pro_id, name, draft.role, draft.expertise, jobs))
        staff.employer[pro_id] = draft.jobs[0][0]
        if draft.key:
            staff.ids[draft.key] = pro_id
        if draft.team is not None:
            staff.team_members.setdefault(draft.team, []).append(pro_id)
        for org, _ in draft.jobs:
            staff.by_org.setdefault(org, []).append(pro_id)
    staff.team_members = dict(sorted(staff.team_members.items()))
    return staff


def _staff(world: _World, teams: Sequence[_Team]) -> _Staff:
    core = _core_drafts(world)
    members = _member_drafts(world, teams)
    others = members + _random_drafts(world, world.spec.professionals - len(core) - len(members))
    world.rng.shuffle(others)
    core_ids = _core_pro_ids(world.spec.professionals)
    ids = [core_ids[draft.key] for draft in core] + _free_ids(_pro_id, core_ids.values(), len(others))
    return _build_staff(world, core + others, ids)


# --------------------------------------------------------------------------------------
# Agreements
# --------------------------------------------------------------------------------------


def _unique(name: str, used: set[str]) -> str:
    candidate, number = name, 2
    while candidate in used:
        candidate, number = f"{name} ({number})", number + 1
    used.add(candidate)
    return candidate


def _core_agreements(world: _World, teams: Sequence[_Team], staff: _Staff) -> list[Agreement]:
    ids = _core_agreement_ids(world.spec.agreements)
    by_wijk = {team.wijk: team for team in teams}
    agreements = []
    for core in _CORE_AGREEMENTS:
        if core.kind is AgreementKind.WIJKTEAM:
            wijk = int(core.key.removeprefix("team"))
            parties, members = by_wijk[wijk].parties, tuple(staff.team_members.get(wijk, ()))
            areas: tuple[str, ...] = (_wijk_code(wijk),)
        else:
            parties = tuple(world.ids[key] for key in core.parties)
            members, areas = tuple(staff.ids[key] for key in core.members), ()
        agreements.append(
            Agreement(ids[core.key], core.name, core.kind, core.start, core.end, parties, members, areas)
        )
    return agreements


_ONE_DAY: Final = timedelta(days=1)


def _dates(rng: random.Random) -> tuple[date, date | None]:
    start = date(rng.randint(2016, 2025), rng.randint(1, 12), 1)
    if rng.random() < 0.3:
        return start, date(start.year + rng.randint(1, 4), start.month, 1) - _ONE_DAY
    return start, None


_Partners = Mapping[str, Sequence[str]]  # organisation id -> organisations it has referral routes with


def _candidate(world: _World, lead: str, single: bool, partners: _Partners, first: bool) -> str | None:
    """A possible party: the first one, and most others, an organisation the lead refers with."""
    rng = world.rng
    home = world.sector(lead)
    near = [p for p in partners.get(lead, ()) if not single or world.sector(p) is home]
    if near and (first or rng.random() < 0.75):
        return near[rng.randrange(len(near))]
    sector = home if single else rng.choice(list(Sector))
    pool = world.by_sector[sector]
    if not pool:
        return None
    candidate = pool[rng.randrange(len(pool))]
    return candidate if world.overlap(lead, candidate) or rng.random() < 0.3 else None


def _gather_parties(world: _World, lead: str, count: int, partners: _Partners) -> list[str]:
    """The lead and up to ``count - 1`` partners, all of its sector for most agreements."""
    single = world.rng.random() < _SINGLE_SECTOR[world.sector(lead)]
    parties = [lead]
    for mode in (single, False):
        for _ in range(count * 10):
            if len(parties) >= count:
                return parties
            candidate = _candidate(world, lead, mode, partners, len(parties) == 1)
            if (
                candidate
                and candidate not in parties
                and all(world.allowed(p, candidate, "agreement") for p in parties)
            ):
                parties.append(candidate)
    return parties


def _members(world: _World, staff: _Staff, parties: Sequence[str]) -> tuple[str, ...]:
    core = set(staff.ids.values())
    pool = [pro for party in parties for pro in staff.by_org.get(party, []) if pro not in core]
    if not pool or world.rng.random() < 0.5:
        return ()
    return tuple(world.rng.sample(pool, min(len(pool), world.rng.randint(1, 4))))


def _party_count(rng: random.Random, kind: AgreementKind) -> int:
    if kind is AgreementKind.CONTRACT:
        return 2
    return rng.randint(2, 4) if kind is AgreementKind.DATA_SHARING else rng.randint(2, 6)


def _random_agreement(world: _World, staff: _Staff, names: set[str], partners: _Partners) -> Agreement:
    rng = world.rng
    kinds = list(_KIND_WEIGHTS)
    kind = rng.choices(kinds, weights=[_KIND_WEIGHTS[k] for k in kinds])[0]
    lead = rng.choice(world.open_ids)
    parties = _gather_parties(world, lead, _party_count(rng, kind), partners)
    areas = tuple(sorted(world.wijken[lead])) if len(world.wijken[lead]) == 1 else ()
    suffix = f" {_AREA_NAMES[areas[0]]}" if areas else ""
    name = _unique(f"{_KIND_WORDS[kind]} {rng.choice(_TOPICS[world.sector(lead)])}{suffix}", names)
    start, end = _dates(rng)
    return Agreement("", name, kind, start, end, tuple(parties), _members(world, staff, parties), areas)


def _has_route(pro: Professional, partners: _Partners) -> bool:
    jobs = [e.organisation_id for e in pro.employments]
    return any(b in partners.get(a, ()) for a, b in combinations(jobs, 2))


def _shareable(world: _World, staff: _Staff) -> list[Professional]:
    """Shared professionals whose employers may sign an agreement together."""
    core = set(staff.ids.values())
    return [
        p
        for p in staff.professionals
        if p.is_shared
        and p.id not in core
        and all(
            world.allowed(a.organisation_id, b.organisation_id, "agreement")
            for a, b in combinations(p.employments, 2)
        )
    ]


def _shared_specialist_agreements(
    world: _World, staff: _Staff, names: set[str], count: int, partners: _Partners
) -> list[Agreement]:
    """Agreements on professionals who work for several organisations; preferably for
    employers that also refer to each other."""
    eligible = _shareable(world, staff)
    routed = [p for p in eligible if _has_route(p, partners)]
    unrouted = [p for p in eligible if not _has_route(p, partners)]
    chosen = world.rng.sample(routed, min(count, len(routed)))
    chosen += world.rng.sample(unrouted, min(count - len(chosen), len(unrouted)))
    agreements = []
    for pro in chosen:
        parties = tuple(e.organisation_id for e in pro.employments)
        name = _unique(f"Gedeelde inzet {pro.role}", names)
        start, end = _dates(world.rng)
        agreements.append(
            Agreement("", name, AgreementKind.SHARED_SPECIALIST, start, end, parties, (pro.id,))
        )
    return agreements


def _agreements(world: _World, teams: Sequence[_Team], staff: _Staff, partners: _Partners) -> list[Agreement]:
    core = _core_agreements(world, teams, staff)
    names = {a.name for a in core}
    wanted = world.spec.agreements - len(core)
    extra = _shared_specialist_agreements(world, staff, names, round(wanted * 0.15), partners)
    extra += [_random_agreement(world, staff, names, partners) for _ in range(wanted - len(extra))]
    ids = _free_ids(_agreement_id, [a.id for a in core], len(extra))
    return core + [
        replace(agreement, id=agreement_id) for agreement_id, agreement in zip(ids, extra, strict=True)
    ]


# --------------------------------------------------------------------------------------
# Referral flows
# --------------------------------------------------------------------------------------

_ORG_CHANCE: Final = 0.8  # chance that a random organisation channel carries referrals in a month
_NATURAL_ROWS_PER_ORGANISATION: Final = 8
_MAX_PAIR_RATE: Final = 15  # random routes: at most this many referrals a month per pair

_ChannelKey = tuple[ActorKind, str, str, str]


@dataclass(frozen=True, slots=True)
class _Channel:
    """A referral route that yields one flow row in a month when active."""

    kind: ActorKind
    source: str
    target: str
    domain: str
    rate: float  # mean referrals in an active month
    chance: float = _ORG_CHANCE  # chance of being active in a month
    spread: float = 0.3  # a month's count is rate * (1 +- spread)

    @property
    def key(self) -> _ChannelKey:
        return (self.kind, self.source, self.target, self.domain)


def _add(channels: dict[_ChannelKey, _Channel], channel: _Channel) -> bool:
    if channel.key in channels:
        return False
    channels[channel.key] = channel
    return True


def _core_channels(world: _World, channels: dict[_ChannelKey, _Channel]) -> None:
    for source, target, domain, rate in _CORE_FLOWS:
        org = ActorKind.ORGANISATION
        _add(channels, _Channel(org, world.ids[source], world.ids[target], domain, rate, 1.0, 0.15))


def _broker_channels(world: _World, channels: dict[_ChannelKey, _Channel]) -> None:
    """Four partners of every sector send referrals to the broker; some get referrals back."""
    rng, broker, org = world.rng, world.ids["broker"], ActorKind.ORGANISATION
    for sector in Sector:
        pool = [o for o in world.by_sector[sector] if world.allowed(o, broker, "flow")]
        for partner in rng.sample(pool, min(4, len(pool))):
            _add(channels, _Channel(org, partner, broker, "welzijn", rng.randint(2, 6), 0.95))
            if rng.random() < 0.4:
                domain = rng.choice(_DOMAINS[sector])
                _add(channels, _Channel(org, broker, partner, domain, rng.randint(1, 3)))


def _member_channels(
    world: _World, channels: dict[_ChannelKey, _Channel], member: str, employer: str, wijk: int
) -> None:
    """A wijkteam member refers on to organisations in the wijk, rarely to their own employer."""
    rng, pool, kind = world.rng, world.by_wijk[_wijk_code(wijk)], ActorKind.PROFESSIONAL
    for _ in range(rng.randint(2, 5)):
        target = pool[rng.randrange(len(pool))]
        if world.allowed(employer, target, "flow"):
            domain = rng.choice(_DOMAINS[world.sector(target)])
            _add(channels, _Channel(kind, member, target, domain, rng.randint(1, 3), 0.7))
    if rng.random() < 0.1:
        _add(channels, _Channel(kind, member, employer, _DOMAINS[world.sector(employer)][0], 1, 0.5))


def _ambassador_channels(
    world: _World, channels: dict[_ChannelKey, _Channel], member: str, employer: str, wijk: int
) -> None:
    """The ambassador sends most of their referrals to their own employer."""
    kind, pool = ActorKind.PROFESSIONAL, world.by_wijk[_wijk_code(wijk)]
    _add(channels, _Channel(kind, member, employer, "zorg", 9, 1.0, 0.2))
    for target in world.rng.sample(pool, 3):
        if target != employer and world.allowed(employer, target, "flow"):
            _add(channels, _Channel(kind, member, target, _DOMAINS[world.sector(target)][0], 1, 0.6))


def _professional_channels(world: _World, staff: _Staff, channels: dict[_ChannelKey, _Channel]) -> None:
    ambassador = staff.ids["ambassador"]
    for wijk, members in staff.team_members.items():
        for member in members:
            make = _ambassador_channels if member == ambassador else _member_channels
            make(world, channels, member, staff.employer[member], wijk)


def _colleague_channels(world: _World, staff: _Staff, channels: dict[_ChannelKey, _Channel]) -> None:
    """Organisations that share a professional also refer to each other (the planted
    sole-tie pair excepted: their flows are forbidden)."""
    core = set(staff.ids.values())
    for pro in staff.professionals:
        if pro.id in core:
            continue
        for first, second in combinations([e.organisation_id for e in pro.employments], 2):
            source, target = world.rng.sample([first, second], 2)
            if world.allowed(source, target, "flow"):
                domain = world.rng.choice(_DOMAINS[world.sector(target)])
                _add(
                    channels,
                    _Channel(ActorKind.ORGANISATION, source, target, domain, world.rng.randint(1, 3)),
                )


def _random_rate(rng: random.Random) -> int:
    draw = rng.random()
    if draw < 0.7:
        return rng.randint(1, 4)
    return rng.randint(5, 10) if draw < 0.95 else rng.randint(11, 18)


def _org_sources(world: _World, count: int) -> list[str]:
    """Who refers: every open organisation twice first, the rest drawn by size."""
    sources = (world.open_ids + world.open_ids)[:count]
    if count > len(sources):
        weights = [_STAFF_WEIGHTS[world.sector(o)] for o in world.open_ids]
        sources += world.rng.choices(world.open_ids, weights=weights, k=count - len(sources))
    return sources


def _pair_rates(channels: Mapping[_ChannelKey, _Channel]) -> dict[tuple[str, str], float]:
    rates: dict[tuple[str, str], float] = {}
    for ch in channels.values():
        if ch.kind is ActorKind.ORGANISATION:
            rates[(ch.source, ch.target)] = rates.get((ch.source, ch.target), 0.0) + ch.rate
    return rates


def _org_channels(world: _World, channels: dict[_ChannelKey, _Channel], rows_per_month: int) -> None:
    """Random organisation routes, enough for about ``rows_per_month`` rows a month in all.

    A route drawn twice becomes busier instead of being redrawn elsewhere, so small
    sectors stay as inward-looking as large ones; no pair gets busier than
    ``_MAX_PAIR_RATE`` a month this way, so the planted heavy pairs stay the heaviest.
    """
    rng = world.rng
    expected = sum(channel.chance for channel in channels.values())
    needed = max(0, math.ceil((rows_per_month - expected) / _ORG_CHANCE))
    pair_rates = _pair_rates(channels)
    added = 0
    for source in _org_sources(world, 3 * needed):
        if added >= needed:
            break
        target = _pick_partner(world, source, "flow")
        if target is None:
            continue
        room = _MAX_PAIR_RATE - pair_rates.get((source, target), 0.0)
        if room <= 0:
            continue
        domain = rng.choice(_DOMAINS[world.sector(target)])
        channel = _Channel(ActorKind.ORGANISATION, source, target, domain, min(_random_rate(rng), room))
        pair_rates[(source, target)] = pair_rates.get((source, target), 0.0) + channel.rate
        if _add(channels, channel):
            added += 1
        else:
            channels[channel.key] = replace(
                channels[channel.key], rate=channels[channel.key].rate + channel.rate
            )


def _periods(spec: DemoSpec) -> list[Period]:
    last = Period.parse(spec.last_month).first
    periods = []
    for index in range(last - spec.months + 1, last + 1):
        year, month0 = divmod(index, 12)
        periods.append(Period.month(year, month0 + 1))
    return periods


def _realise(
    rng: random.Random, channels: Sequence[_Channel], periods: Sequence[Period]
) -> list[ReferralFlow]:
    flows = []
    for period in periods:
        for ch in channels:
            if ch.chance < 1.0 and rng.random() >= ch.chance:
                continue
            count = max(1, round(ch.rate * (1.0 + ch.spread * (2.0 * rng.random() - 1.0))))
            flows.append(ReferralFlow(ch.kind, ch.source, ch.target, period, ch.domain, count))
    return flows


def _channels(world: _World, staff: _Staff) -> list[_Channel]:
    channels: dict[_ChannelKey, _Channel] = {}
    _core_channels(world, channels)
    _broker_channels(world, channels)
    _professional_channels(world, staff, channels)
    _colleague_channels(world, staff, channels)
    rows = world.spec.flows_per_month
    _org_channels(
        world, channels, rows if rows is not None else _NATURAL_ROWS_PER_ORGANISATION * len(world.orgs)
    )
    return list(channels.values())


def _partners(channels: Sequence[_Channel], staff: _Staff) -> dict[str, list[str]]:
    """Which organisations have referral routes with which (either way), in route order."""
    partners: dict[str, dict[str, None]] = {}
    for ch in channels:
        source = ch.source if ch.kind is ActorKind.ORGANISATION else staff.employer[ch.source]
        if source != ch.target:
            partners.setdefault(source, {})[ch.target] = None
            partners.setdefault(ch.target, {})[source] = None
    return {org: list(others) for org, others in partners.items()}


# --------------------------------------------------------------------------------------
# Capacities and the whole ecosystem
# --------------------------------------------------------------------------------------

_BROKER_OVERLOAD: Final = 2.5  # the broker's mean monthly inflow over its capacity


def _round_up5(value: float) -> int:
    return max(5, 5 * math.ceil(value / 5))


def _with_capacities(world: _World, flows: Sequence[ReferralFlow]) -> list[Organisation]:
    """Providers get room for their busiest month (plus slack); the broker gets far too little."""
    inflow: dict[str, dict[Period, int]] = {}
    for flow in flows:
        months = inflow.setdefault(flow.target_id, {})
        months[flow.period] = months.get(flow.period, 0) + flow.count
    broker = world.ids["broker"]
    organisations = []
    for org_id in sorted(world.orgs):
        org, months = world.orgs[org_id], inflow.get(org_id, {})
        capacity = None
        if org_id == broker:
            capacity = max(5, 5 * round(sum(months.values()) / world.spec.months / _BROKER_OVERLOAD / 5))
        elif org.sector in _PROVIDER_SECTORS:
            capacity = _round_up5(max(months.values(), default=0) * world.rng.uniform(1.2, 1.8))
        organisations.append(replace(org, capacity=capacity))
    return organisations


_DEFAULT_SPEC: Final = DemoSpec()


def generate_demo(spec: DemoSpec = _DEFAULT_SPEC) -> Ecosystem:
    """Generate the demo municipality Ketendam; the same spec always gives the same ecosystem.

    Only ``random.Random(spec.seed)`` decides anything random.
    """
    world = _World(random.Random(spec.seed), spec, _core_org_ids(spec.organisations))
    _add_organisations(world)
    _index(world)
    _forbid_planted_gaps(world)
    teams = _wijkteams(world)
    staff = _staff(world, teams)
    channels = _channels(world, staff)
    agreements = _agreements(world, teams, staff, _partners(channels, staff))
    flows = _realise(world.rng, channels, _periods(world.spec))
    return Ecosystem(
        areas=tuple(_areas()),
        organisations=tuple(_with_capacities(world, flows)),
        professionals=tuple(staff.professionals),
        agreements=tuple(agreements),
        flows=tuple(flows),
    )


# --------------------------------------------------------------------------------------
# The planted structures, by id (for the default spec)
# --------------------------------------------------------------------------------------


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
        ping_pong=(org[_PING_PONG[0]], org[_PING_PONG[1]]),
        sole_tie_professional=(pro["sole_tie"], org[_SOLE_TIE[0]], org[_SOLE_TIE[1]]),
        paper_agreement=_core_agreement_ids(spec.agreements)["paper"],
        flow_without_agreement=(org[_NO_AGREEMENT[0]], org[_NO_AGREEMENT[1]]),
        ambassador=pro["ambassador"],
    )


PLANTED: Final[_Planted] = _planted(_DEFAULT_SPEC)
