"""Dutch and English texts of the app; Dutch is the default.

Each page keeps its own texts in a :class:`Texts` beside its layout; the texts every
page shares (navigation, filters, and what each measure means in role language, with
a short "what to do") live here.

>>> LABELS("organisations", "en")
'Organisations'
>>> MEASURES["betweenness"].name("nl")
'Verbinder'
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Final

from graph.taxonomy import Language

__all__ = ["DEFAULT_LANGUAGE", "LABELS", "LANGUAGES", "MEASURES", "Language", "Measure", "Texts", "language"]

LANGUAGES: Final[tuple[Language, ...]] = ("nl", "en")
DEFAULT_LANGUAGE: Final[Language] = "nl"


def language(value: object) -> Language:
    """A supported language from whatever the browser store holds; Dutch when unknown.

    >>> language("en"), language(None), language("fr")
    ('en', 'nl', 'nl')
    """
    return "en" if value == "en" else DEFAULT_LANGUAGE


class Texts:
    """A table of texts: key -> (Dutch, English). Calling it looks one up.

    >>> t = Texts({"hello": ("Hallo", "Hello")})
    >>> t("hello", "nl"), t("hello", "en")
    ('Hallo', 'Hello')
    """

    def __init__(self, table: Mapping[str, tuple[str, str]]) -> None:
        self._table = dict(table)

    def __call__(self, key: str, lang: object = DEFAULT_LANGUAGE) -> str:
        nl, en = self._table[key]
        return en if language(lang) == "en" else nl

    def keys(self) -> list[str]:
        """Every key, for tests that check both languages are filled in."""
        return list(self._table)

    def __contains__(self, key: object) -> bool:
        """Whether the table has a text for ``key``."""
        return key in self._table


@dataclass(frozen=True, slots=True)
class Measure:
    """A measure explained in role language: its role name, what it means, what to do."""

    names: tuple[str, str]
    meanings: tuple[str, str]
    actions: tuple[str, str]

    def name(self, lang: object = DEFAULT_LANGUAGE) -> str:
        """The role name ("Verbinder", "Eiland", ...)."""
        return self.names[language(lang) == "en"]

    def meaning(self, lang: object = DEFAULT_LANGUAGE) -> str:
        """What a high value means, in one sentence."""
        return self.meanings[language(lang) == "en"]

    def action(self, lang: object = DEFAULT_LANGUAGE) -> str:
        """What to do about it, in one sentence."""
        return self.actions[language(lang) == "en"]


MEASURES: Final[Mapping[str, Measure]] = {
    "betweenness": Measure(
        ("Verbinder", "Connector"),
        (
            "Veel routes tussen partners lopen via deze organisatie.",
            "Many routes between partners run through this organisation.",
        ),
        (
            "Waardeer de verbinder en leg directe lijntjes, zodat niet alles via één partij loopt.",
            "Value the connector and build direct lines, so not everything runs through one party.",
        ),
    ),
    "weighted_betweenness": Measure(
        ("Drukke verbinder", "Busy connector"),
        (
            "Veel zware samenwerking (verwijzingen, gedeelde mensen) loopt via deze organisatie.",
            "Much heavy collaboration (referrals, shared people) runs through this organisation.",
        ),
        (
            "Kijk of deze partij het werk aankan; verdeel de verbindende rol.",
            "Check this party can carry the load; share the connecting role.",
        ),
    ),
    "articulation_point": Measure(
        ("Knelpunt", "Bottleneck"),
        (
            "Valt deze organisatie weg, dan raken partners van elkaar afgesneden.",
            "If this organisation drops out, partners are cut off from each other.",
        ),
        (
            "Maak een tweede verbinding naar de partners die alleen via deze partij bereikbaar zijn.",
            "Make a second link to the partners reachable only through this party.",
        ),
    ),
    "constraint": Measure(
        ("Ingesloten", "Enclosed"),
        (
            "De partners van deze organisatie kennen elkaar al; weinig nieuwe informatie komt binnen.",
            "This organisation's partners already know each other; little new information comes in.",
        ),
        (
            "Zoek een partner buiten de eigen kring of sector.",
            "Look for a partner outside the own circle or sector.",
        ),
    ),
    "effective_size": Measure(
        ("Brugbouwer", "Bridge builder"),
        (
            "Deze organisatie heeft veel partners die elkaar niet kennen.",
            "This organisation has many partners who do not know each other.",
        ),
        (
            "Vraag deze partij om partners aan elkaar voor te stellen.",
            "Ask this party to introduce its partners to each other.",
        ),
    ),
    "degree": Measure(
        ("Partners", "Partners"),
        ("Het aantal organisaties waarmee zij samenwerkt.", "How many organisations it works with."),
        (
            "Weinig partners? Begin met één koffieafspraak uit de suggesties.",
            "Few partners? Start with one coffee meeting from the suggestions.",
        ),
    ),
    "isolate": Measure(
        ("Eiland", "Island"),
        (
            "Deze organisatie werkt (in dit filter) met niemand samen.",
            "This organisation works with no one (in this filter).",
        ),
        (
            "Nodig haar uit voor het wijkoverleg en koppel haar aan een partner in dezelfde wijk.",
            "Invite it to the neighbourhood meeting and pair it with a partner in the same district.",
        ),
    ),
    "bridge": Measure(
        ("Enige lijn", "Single line"),
        (
            "Tussen twee groepen loopt maar één samenwerking.",
            "Only one collaboration runs between two groups.",
        ),
        (
            "Leg een tweede lijn tussen de groepen voordat deze ene wegvalt.",
            "Build a second line between the groups before this one breaks.",
        ),
    ),
    "inflow": Measure(
        ("Belasting", "Load"),
        (
            "Hoeveel verwijzingen binnenkomen, tegenover de opgegeven capaciteit.",
            "How many referrals come in, against the stated capacity.",
        ),
        (
            "Boven capaciteit: spreek af wie een deel overneemt of versterk deze partij.",
            "Above capacity: agree who takes over part or strengthen this party.",
        ),
    ),
    "silo_index": Measure(
        ("Kokerindex", "Silo index"),
        (
            "Hoe sterk samenwerking binnen de eigen sector blijft (0 = gemengd, 1 = gesloten kokers).",
            "How much collaboration stays within its own sector (0 = mixed, 1 = closed silos).",
        ),
        (
            "Hoog: organiseer ontmoetingen tussen sectoren in dezelfde wijk.",
            "High: organise meetings between sectors in the same district.",
        ),
    ),
    "brokerage": Measure(
        ("Makelaar tussen sectoren", "Broker between sectors"),
        (
            "Verwijzingen van de ene sector naar de andere lopen via deze organisatie, "
            "terwijl begin en eind van de keten elkaar niet rechtstreeks kennen.",
            "Referrals from one sector to another run through this organisation, "
            "while the start and end of the chain have no direct tie.",
        ),
        (
            "Erken de makelaarsrol en leg directe lijnen waar de keten op één partij hangt.",
            "Recognise the broker's role and build direct lines where the chain hangs on one party.",
        ),
    ),
    "density": Measure(
        ("Dichtheid", "Density"),
        (
            "Welk deel van alle mogelijke samenwerkingen er echt is.",
            "Which share of all possible collaborations exists.",
        ),
        (
            "Vergelijk wijken op samenwerkingen per organisatie, niet op dichtheid (een kleine wijk is "
            "vanzelf dichter): een dunne wijk heeft een netwerkbijeenkomst nodig.",
            "Compare districts by ties per organisation, not by density (a small district is denser by "
            "itself): a thin district needs a network meeting.",
        ),
    ),
}

LABELS: Final = Texts(
    {
        "app-title": ("Ketenkaart", "Ketenkaart"),
        "tagline": (
            "Wie werkt met wie, en waar ontbreekt een lijntje?",
            "Who works with whom, and where is a link missing?",
        ),
        "organisations": ("Organisaties", "Organisations"),
        "ties": ("Samenwerkingen", "Ties"),
        "sector": ("Sector", "Sector"),
        "area": ("Wijk", "District"),
        "all-areas": ("Alle wijken", "All districts"),
        "layers": ("Soorten samenwerking", "Kinds of tie"),
        "layer-agreements": ("Afspraken", "Agreements"),
        "layer-professionals": ("Gedeelde professionals", "Shared professionals"),
        "layer-referrals": ("Verwijzingen", "Referrals"),
        "layer-reported": ("Gemeld", "Reported"),
        "period": ("Periode", "Period"),
        "from": ("van", "from"),
        "to": ("tot en met", "to"),
        "language": ("Taal", "Language"),
        "logout": ("Uitloggen", "Log out"),
        "not-found": ("Deze pagina bestaat niet.", "This page does not exist."),
        "forbidden": (
            "Deze pagina is niet beschikbaar voor uw rol.",
            "This page is not available for your role.",
        ),
        "empty": ("Er zijn nog geen gegevens geladen. Ga naar Gegevens.", "No data loaded yet. Go to Data."),
        "empty-filter": (
            "Geen organisaties in dit filter; kies andere wijken of een andere periode.",
            "No organisations in this filter; choose other districts or another period.",
        ),
        "download-csv": ("CSV downloaden", "Download CSV"),
        "what-to-do": ("Wat te doen", "What to do"),
        "error": ("Er ging iets mis", "Something went wrong"),
        "unexpected": (
            "Er ging onverwacht iets mis; de beheerder vindt de details in het logboek.",
            "Something unexpected went wrong; the administrator finds the details in the log.",
        ),
    }
)
