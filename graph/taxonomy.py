"""Controlled vocabularies: sectors, area levels, agreement kinds, actor kinds.

Each vocabulary is an ``Enum`` whose value is the stable code stored in databases and
files. Sectors carry a Dutch and an English label and accept both, plus common
synonyms, on input.

>>> Sector.parse("Wonen") is Sector.WONEN
True
>>> Sector.parse("housing").label("en")
'Housing'
>>> Sector.parse("schuldhulp")
<Sector.WERK_INKOMEN: 'werk_inkomen'>
"""

from __future__ import annotations

import re
import unicodedata
from enum import Enum
from typing import Literal

__all__ = ["ActorKind", "AgreementKind", "AreaLevel", "Language", "Sector", "normalise_label", "search_text"]

Language = Literal["nl", "en"]


def normalise_label(text: str) -> str:
    """Fold a label for matching: lower case, no accents, words joined by ``_``.

    >>> normalise_label("  Naam Cliënt ")
    'naam_client'
    >>> normalise_label("werk & inkomen")
    'werk_inkomen'
    """
    decomposed = unicodedata.normalize("NFKD", text)
    ascii_text = decomposed.encode("ascii", "ignore").decode("ascii").lower()
    return "_".join(re.findall(r"[a-z0-9]+", ascii_text))


def search_text(text: str) -> str:
    """Fold a name for searching: as :func:`normalise_label`, with words joined by spaces.

    >>> search_text("Schuldhulp Café")
    'schuldhulp cafe'
    """
    return normalise_label(text).replace("_", " ")


class Sector(Enum):
    """The sector taxonomy of the social domain (DESIGN.md)."""

    ZORG = "zorg"
    WELZIJN = "welzijn"
    WONEN = "wonen"
    ONDERWIJS = "onderwijs"
    VEILIGHEID = "veiligheid"
    HULPVERLENING = "hulpverlening"
    GEMEENTE = "gemeente"
    WERK_INKOMEN = "werk_inkomen"
    JEUGD = "jeugd"
    INFORMEEL = "informeel"
    OVERIG = "overig"

    def label(self, language: Language = "nl") -> str:
        """The human label in Dutch (``"nl"``) or English (``"en"``)."""
        dutch, english = _SECTOR_LABELS[self]
        return dutch if language == "nl" else english

    @classmethod
    def parse(cls, text: str) -> Sector:
        """Read a sector from its code, Dutch or English label, or a known synonym.

        Raises
        ------
        ValueError
            If the text names no sector; the message lists the accepted codes.
        """
        found = _SECTOR_LOOKUP.get(normalise_label(text))
        if found is None:
            codes = ", ".join(s.value for s in cls)
            raise ValueError(f"unknown sector {text!r}; use one of: {codes}")
        return found


_SECTOR_LABELS: dict[Sector, tuple[str, str]] = {
    Sector.ZORG: ("Zorg", "Care"),
    Sector.WELZIJN: ("Welzijn", "Welfare"),
    Sector.WONEN: ("Wonen", "Housing"),
    Sector.ONDERWIJS: ("Onderwijs", "Education"),
    Sector.VEILIGHEID: ("Veiligheid", "Safety"),
    Sector.HULPVERLENING: ("Hulpverlening", "Social services"),
    Sector.GEMEENTE: ("Gemeente", "Municipality"),
    Sector.WERK_INKOMEN: ("Werk en inkomen", "Work and income"),
    Sector.JEUGD: ("Jeugd", "Youth"),
    Sector.INFORMEEL: ("Informeel", "Informal"),
    Sector.OVERIG: ("Overig", "Other"),
}

_SECTOR_SYNONYMS: dict[Sector, tuple[str, ...]] = {
    Sector.ZORG: ("health", "healthcare", "gezondheidszorg", "ggz"),
    Sector.WELZIJN: ("wellbeing",),
    Sector.WONEN: ("woningcorporatie", "huisvesting"),
    Sector.ONDERWIJS: ("school", "schools"),
    Sector.VEILIGHEID: ("safety_and_justice", "politie", "police", "justitie"),
    Sector.HULPVERLENING: ("social_work", "maatschappelijk_werk"),
    Sector.GEMEENTE: ("municipality", "local_government"),
    Sector.WERK_INKOMEN: ("werk", "inkomen", "schuldhulp", "schulden", "work", "income", "debt"),
    Sector.JEUGD: ("youth", "jeugdzorg"),
    Sector.INFORMEEL: ("informal", "vrijwilligers", "volunteers", "kerk", "faith"),
    Sector.OVERIG: ("other", "anders"),
}


def _sector_lookup() -> dict[str, Sector]:
    lookup: dict[str, Sector] = {}
    for sector in Sector:
        names = (sector.value, *_SECTOR_LABELS[sector], *_SECTOR_SYNONYMS[sector])
        for name in names:
            lookup[normalise_label(name)] = sector
    return lookup


_SECTOR_LOOKUP = _sector_lookup()


class AreaLevel(Enum):
    """Level of a CBS area: gemeente (``GM``), wijk (``WK``) or buurt (``BU``); see :mod:`graph.areacodes`."""

    GEMEENTE = "gemeente"
    WIJK = "wijk"
    BUURT = "buurt"


class AgreementKind(Enum):
    """What kind of shared agreement ties organisations together."""

    COVENANT = "covenant"
    CONTRACT = "contract"
    SHARED_SPECIALIST = "shared_specialist"
    WIJKTEAM = "wijkteam"
    DATA_SHARING = "data_sharing"
    OTHER = "other"

    @classmethod
    def parse(cls, text: str) -> AgreementKind:
        """Read a kind from its code or Dutch name.

        >>> AgreementKind.parse("Gedeelde specialist")
        <AgreementKind.SHARED_SPECIALIST: 'shared_specialist'>
        """
        wanted = normalise_label(text)
        found = _KIND_DUTCH.get(wanted) or next((k for k in cls if k.value == wanted), None)
        if found is None:
            codes = ", ".join(k.value for k in cls)
            raise ValueError(f"unknown agreement kind {text!r}; use one of: {codes}")
        return found


_KIND_DUTCH = {
    "convenant": AgreementKind.COVENANT,
    "overeenkomst": AgreementKind.CONTRACT,
    "gedeelde_specialist": AgreementKind.SHARED_SPECIALIST,
    "gegevensdeling": AgreementKind.DATA_SHARING,
    "overig": AgreementKind.OTHER,
    "anders": AgreementKind.OTHER,
}


class ActorKind(Enum):
    """Who a referral flow comes from: an organisation or one professional."""

    ORGANISATION = "organisation"
    PROFESSIONAL = "professional"
