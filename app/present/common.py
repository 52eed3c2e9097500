"""What the analyst pages share when they turn an analysis into text: numbers, sectors, tables.

The pages Overzicht, Knelpunten and Kansen read ``services().analysis(filters)`` (the
output of :func:`graph.analysis.analyse`); their presenters (:mod:`app.present.overzicht`,
:mod:`app.present.knelpunten`, :mod:`app.present.kansen`) turn it into values and
:class:`Section` tables (rows of text and numbers) in Dutch or English, with the helpers
here. Nothing here knows Dash, so every value can be tested on its own.

Professionals are personal data: rows show only the pseudonymous id as stored, never a
name.

>>> number(0.0957, "nl", 3), number(0.0957, "en", 3), signed(-0.0118, "nl", 3)
('0,096', '0.096', '−0,012')
>>> sector_label("werk_inkomen", "en"), sector_label("onbekend", "en")
('Work and income', 'onbekend')
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any, Final

from app.i18n import LABELS, Language, Texts
from app.present import formatting
from graph.taxonomy import Sector

__all__ = [
    "EXAMPLES",
    "SECTOR_COLOURS",
    "SHARED_TEXTS",
    "Row",
    "Section",
    "T",
    "columns",
    "is_empty",
    "listing",
    "names_of",
    "number",
    "sector_label",
    "signed",
    "text_section",
]

Row = dict[str, str | int | float]
"""One table row: field -> a text or a number (numbers stay numbers, so columns sort)."""

# Okabe-Ito plus a few distinguishable tones: 11 sectors, readable for most colour vision.
SECTOR_COLOURS: Final[Mapping[str, str]] = {
    "zorg": "#0072b2",
    "welzijn": "#e69f00",
    "wonen": "#009e73",
    "onderwijs": "#cc79a7",
    "veiligheid": "#d55e00",
    "hulpverlening": "#56b4e9",
    "gemeente": "#3f3f3f",
    "werk_inkomen": "#b8a200",
    "jeugd": "#8e44ad",
    "informeel": "#7f9c3f",
    "overig": "#a3a3a3",
}

EXAMPLES: Final = 5
"""How many names a "why it matters" text lists before "and N more"."""

SHARED_TEXTS: Final[Mapping[str, tuple[str, str]]] = MappingProxyType(
    {
        "rank": ("#", "#"),
        "organisation-a": ("Organisatie A", "Organisation A"),
        "organisation-b": ("Organisatie B", "Organisation B"),
        "professional": ("Professional (id)", "Professional (id)"),
        "areas": ("Wijken", "Districts"),
        "more": ("en {n} meer", "and {n} more"),
        "and": ("en", "and"),
    }
)
"""Texts every presenter uses (column headers, "and"); each presenter's ``T`` includes them."""

T: Final = Texts(SHARED_TEXTS)

_LABELLED: Final[Mapping[str, str]] = MappingProxyType(
    {"area": "area", "sector": "sector", "action": "what-to-do"}
)
"""Columns headed by a shared app label (:data:`app.i18n.LABELS`) rather than a presenter text."""


@dataclass(frozen=True, slots=True)
class Section:
    """One table of a page: a unique ``name`` (also the CSV file), title, explanation and rows."""

    name: str
    title: str
    meaning: str
    action: str
    columns: list[tuple[str, str]]
    rows: list[Row]


def is_empty(analysis: Mapping[str, Any]) -> bool:
    """Whether the analysis has no organisations (nothing loaded, or a filter that keeps none)."""
    return not analysis.get("scope", {}).get("organisations")


def number(value: float, lang: Language, digits: int = 2) -> str:
    """``value`` with ``digits`` decimals, grouped per language (:mod:`app.present.formatting`)."""
    return formatting.number(value, lang, digits)


def signed(value: float, lang: Language, digits: int = 2) -> str:
    """``value`` with its sign (``+``, ``−`` or ``±`` for zero)."""
    text = number(abs(value), lang, digits)
    if text.strip("0,.") == "":
        return "±" + text
    return ("+" if value > 0 else "−") + text


def sector_label(code: object, lang: Language) -> str:
    """A sector's label in ``lang``; unknown codes as they are."""
    try:
        return Sector(code).label(lang)
    except ValueError:
        return str(code or "")


def listing(items: Sequence[str], lang: Language) -> str:
    """Names joined as a sentence, at most ``EXAMPLES`` of them.

    >>> listing(["A", "B", "C"], "en"), listing(list("ABCDEFG"), "nl")
    ('A, B and C', 'A, B, C, D, E en 2 meer')
    """
    if len(items) > EXAMPLES:
        return ", ".join(items[:EXAMPLES]) + " " + T("more", lang).format(n=len(items) - EXAMPLES)
    if len(items) < 2:
        return "".join(items)
    return ", ".join(items[:-1]) + f" {T('and', lang)} " + items[-1]


def names_of(ids: Iterable[str], names: Mapping[str, str]) -> list[str]:
    """Organisation names for ids (an id without a name as it is).

    >>> names_of(["ORG1", "ORG2"], {"ORG1": "Buurthuis"})
    ['Buurthuis', 'ORG2']
    """
    return [names.get(i, i) for i in ids]


def columns(keys: Iterable[str], texts: Texts, lang: Language) -> list[tuple[str, str]]:
    """Table columns: each field with its header from ``texts`` (or a shared app label).

    >>> columns(["rank", "sector", "action"], T, "en")
    [('rank', '#'), ('sector', 'Sector'), ('action', 'What to do')]
    """
    return [(k, LABELS(_LABELLED[k], lang) if k in _LABELLED else texts(k, lang)) for k in keys]


def text_section(
    name: str, key: str, texts: Texts, keys: Iterable[str], rows: list[Row], lang: Language
) -> Section:
    """A section titled ``texts(key)``, explained by ``texts(key + "-meaning")`` and ``"-action"``."""
    return Section(
        name,
        texts(key, lang),
        texts(f"{key}-meaning", lang),
        texts(f"{key}-action", lang),
        columns(keys, texts, lang),
        rows,
    )
