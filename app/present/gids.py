"""The directory's rows: who else works in these wijken, as plain values.

Answers "who else works with families in Wijk Noord?": the organisations of a snapshot
(the store already limited it to the filter's wijken), narrowed by sector and a free
text, each with its sector, the wijken it serves, the kinds of agreement it is in, what
it does and its umbrella organisation. No referral counts: partners see this page too.

>>> from graph.model import Area, Organisation
>>> from graph.taxonomy import AreaLevel, Sector
>>> eco = Ecosystem(
...     areas=(Area("WK01", "Noord", AreaLevel.WIJK), Area("BU0101", "Kerkbuurt", AreaLevel.BUURT, "WK01")),
...     organisations=(Organisation("O1", "Buurtzorg Noord", Sector.ZORG, areas=("BU0101",)),),
... )
>>> [(r["name"], r["sector"], r["wijken"]) for r in directory_rows(eco, "en", text="buurtzorg")]
[('Buurtzorg Noord', 'Care', 'Noord')]
>>> directory_rows(eco, "nl", sector="wonen")
[]
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from typing import Final

from app.i18n import Language, Texts
from graph.model import Area, Ecosystem, Organisation
from graph.taxonomy import AreaLevel, Sector, normalise_label

__all__ = ["KINDS", "T", "directory_rows", "matches", "sector_options", "wijken_served"]

T: Final = Texts(
    {
        "title": ("Gids", "Directory"),
        "explain": (
            "Wie werkt er nog meer in uw wijk? Kies wijken in de filterbalk, een sector of een zoekterm. "
            "Klik op een organisatie en plan een kop koffie.",
            "Who else works in your district? Choose districts in the filter bar, a sector or a search term. "
            "Click an organisation and plan a coffee meeting.",
        ),
        "sector": ("Sector", "Sector"),
        "all-sectors": ("Alle sectoren", "All sectors"),
        "search": ("Zoeken", "Search"),
        "search-placeholder": ("naam of wat zij doen", "name or what they do"),
        "plan": ("Plan koffie met {name}", "Plan coffee with {name}"),
        "plan-none": ("Kies eerst een organisatie in de lijst", "First choose an organisation in the list"),
        "found": ("{n} organisaties", "{n} organisations"),
        "found-one": ("1 organisatie", "1 organisation"),
        "none-found": (
            "Geen organisaties gevonden met deze keuzes.",
            "No organisations found with these choices.",
        ),
        "col-name": ("Organisatie", "Organisation"),
        "col-sector": ("Sector", "Sector"),
        "col-wijken": ("Wijken", "Districts"),
        "col-agreements": ("Soorten afspraken", "Kinds of agreement"),
        "col-description": ("Wat zij doen", "What they do"),
        "col-parent": ("Onderdeel van", "Part of"),
        "all-wijken": ("alle wijken", "all districts"),
    }
)

KINDS: Final = Texts(
    {
        "covenant": ("convenant", "covenant"),
        "contract": ("contract", "contract"),
        "shared_specialist": ("gedeelde specialist", "shared specialist"),
        "wijkteam": ("wijkteam", "neighbourhood team"),
        "data_sharing": ("gegevensdeling", "data sharing"),
        "other": ("overig", "other"),
    }
)
"""Agreement kinds (``graph.taxonomy.AgreementKind`` values) in Dutch and English."""


def sector_options(lang: Language) -> list[dict[str, str]]:
    """Every sector as a dropdown option, by label in ``lang``."""
    options = [{"label": s.label(lang), "value": s.value} for s in Sector]
    return sorted(options, key=lambda o: o["label"].lower())


def matches(organisation: Organisation, text: str) -> bool:
    """Whether the free text occurs in the name, id or description (case and accents ignored)."""
    wanted = normalise_label(text)
    if not wanted:
        return True
    return any(
        wanted in normalise_label(field)
        for field in (organisation.name, organisation.id, organisation.description)
    )


def _wijk_of(code: str, areas: Mapping[str, Area]) -> str:
    area = areas.get(code)
    while area is not None and area.level is AreaLevel.BUURT and area.parent:
        area = areas.get(area.parent)
    return code if area is None else area.code


def wijken_served(organisation: Organisation, areas: Mapping[str, Area], lang: Language) -> str:
    """The names of the wijken an organisation serves (a buurt counts for its wijk)."""
    codes = {_wijk_of(code, areas) for code in organisation.areas}
    every = {a.code for a in areas.values() if a.level is AreaLevel.WIJK}
    if every and codes >= every and len(every) > 1:
        return T("all-wijken", lang)
    return ", ".join(sorted(areas[c].name if c in areas else c for c in codes))


def _kinds(eco: Ecosystem, lang: Language) -> dict[str, str]:
    per_org: dict[str, Counter[str]] = {}
    for agreement in eco.agreements:
        for party in agreement.parties:
            per_org.setdefault(party, Counter())[agreement.kind.value] += 1
    return {
        org: ", ".join(KINDS(k, lang) + (f" ({n})" if n > 1 else "") for k, n in sorted(kinds.items()))
        for org, kinds in per_org.items()
    }


def directory_rows(
    eco: Ecosystem,
    lang: Language,
    *,
    sector: str | None = None,
    text: str = "",
    names: Mapping[str, str] | None = None,
) -> list[dict[str, str]]:
    """The organisations of ``eco`` in this sector matching ``text``, by name.

    ``names`` (organisation id -> name, for the whole store) names umbrella
    organisations that lie outside the snapshot.
    """
    areas = {a.code: a for a in eco.areas}
    kinds = _kinds(eco, lang)
    known = {**(names or {}), **{o.id: o.name for o in eco.organisations}}
    rows = [
        {
            "id": o.id,
            "name": o.name,
            "sector": o.sector.label(lang),
            "wijken": wijken_served(o, areas, lang),
            "agreements": kinds.get(o.id, ""),
            "description": o.description,
            "parent": known.get(o.parent_id, o.parent_id) if o.parent_id else "",
        }
        for o in eco.organisations
        if (not sector or o.sector.value == sector) and matches(o, text)
    ]
    return sorted(rows, key=lambda r: (r["name"].lower(), r["id"]))
