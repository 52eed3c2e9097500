"""What each column of a CBS file holds: the area code, name, level, or an indicator.

Indicator names (stable, so the same figure from two files lands under one name):

1. a header that is already a short code (letters, digits, ``_``; as in the kwb file:
   ``a_inw``, ``p_hh_li``) is used as it is, in lower case;
2. a StatLine header in :data:`STATLINE_TO_KWB` gets its kwb short code
   (``Bevolking/Aantal inwoners (aantal)`` -> ``a_inw``);
3. any other header becomes a slug: accents dropped, lower case, every run of other
   characters one ``_`` (``Gezondheid en welzijn/Afstand tot apotheek (km)`` ->
   ``gezondheid_en_welzijn_afstand_tot_apotheek_km``).

Identification columns (codes, names, level, ``ind_wbi``, the most common postcode,
StatLine's ``Regioaanduiding/...`` and ``Perioden``) are never indicators.

>>> indicator_name("a_inw"), indicator_name("Bevolking/Aantal inwoners (aantal)")
('a_inw', 'a_inw')
>>> indicator_name("Gezondheid en welzijn/Afstand tot apotheek (km)")
'gezondheid_en_welzijn_afstand_tot_apotheek_km'
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from graph.taxonomy import normalise_label
from loaders.cbs_csv import CbsTable
from loaders.cbs_values import MISSING, is_figure
from loaders.codes import ProblemCode
from loaders.report import LoadReport

__all__ = ["STATLINE_TO_KWB", "Columns", "Indicator", "indicator_name", "plan_columns"]

# StatLine headers of the kerncijfers wijken en buurten whose kwb short code is certain.
STATLINE_TO_KWB: dict[str, str] = {
    "Bevolking/Aantal inwoners (aantal)": "a_inw",
    "Bevolking/Geslacht/Mannen (aantal)": "a_man",
    "Bevolking/Geslacht/Vrouwen (aantal)": "a_vrouw",
    "Bevolking/Leeftijdsgroepen/0 tot 15 jaar (aantal)": "a_00_14",
    "Bevolking/Leeftijdsgroepen/15 tot 25 jaar (aantal)": "a_15_24",
    "Bevolking/Leeftijdsgroepen/25 tot 45 jaar (aantal)": "a_25_44",
    "Bevolking/Leeftijdsgroepen/45 tot 65 jaar (aantal)": "a_45_64",
    "Bevolking/Leeftijdsgroepen/65 jaar of ouder (aantal)": "a_65_oo",
    "Bevolking/Particuliere huishoudens/Huishoudens totaal (aantal)": "a_hh",
    "Bevolking/Particuliere huishoudens/Eenpersoonshuishoudens (aantal)": "a_1p_hh",
    "Bevolking/Particuliere huishoudens/Huishoudens zonder kinderen (aantal)": "a_hh_z_k",
    "Bevolking/Particuliere huishoudens/Huishoudens met kinderen (aantal)": "a_hh_m_k",
    "Bevolking/Bevolkingsdichtheid (aantal inwoners per km²)": "bev_dich",
    "Wonen/Woningvoorraad (aantal)": "a_woning",
    "Wonen/Gemiddelde WOZ-waarde van woningen (x 1 000 euro)": "g_wozbag",
    "Inkomen/Inkomen van personen/Gemiddeld inkomen per inwoner (x 1 000 euro)": "g_ink_pi",
    "Inkomen/Huishoudens/Gem. gestandaardiseerd inkomen (x 1 000 euro)": "g_hh_sti",
    "Stedelijkheid/Mate van stedelijkheid (code)": "ste_mvs",
    "Oppervlakte/Oppervlakte totaal (ha)": "a_opp_ha",
    "Oppervlakte/Oppervlakte water (ha)": "a_wat_ha",
}
_MAPPED = {normalise_label(header): code for header, code in STATLINE_TO_KWB.items()}

_SHORT_CODE = re.compile(r"^[A-Za-z][A-Za-z0-9_]*$")
_AREA_LIKE = re.compile(r"^[A-Z]{2}\d{2,8}$")
_CODE_HEADERS = ("gwb_code_10", "gwb_code")
_NAME_HEADERS = frozenset({"regio", "regio_s", "regios", "wijken_en_buurten", "wijkenenbuurten"})
_IDENTIFICATION = frozenset(
    {"gwb_code_8", "gm_naam", "gm_code", "wk_code", "bu_code", "wk_naam", "bu_naam", "ind_wbi", "pst_mvp"}
    | {"water", "id", "perioden", "gemeentenaam", "indelingswijzigingwijkenenbuurten"}
)


@dataclass(frozen=True, slots=True)
class Indicator:
    """A column read as an indicator: its position, its header and the name it gets."""

    index: int
    header: str
    name: str


@dataclass(frozen=True, slots=True)
class Columns:
    """Where a file keeps the area code, name and level, and which columns are indicators."""

    code: int
    name: int | None
    level: int | None
    indicators: tuple[Indicator, ...]


def indicator_name(header: str) -> str:
    """The name an indicator column gets (see the module docstring for the rule)."""
    if _SHORT_CODE.match(header):
        return header.lower()
    label = normalise_label(header)
    return _MAPPED.get(label, label)


def plan_columns(table: CbsTable, report: LoadReport) -> Columns | None:
    """The role of every column; ``None`` (with an error) when no column holds area codes."""
    labels = [normalise_label(h) for h in table.header]
    code = _code_column(labels, table)
    if code is None:
        message = "no column holds CBS area codes (gwb_code_10, gwb_code or a 'Codering' column)"
        report.error(table.file, 1, None, ProblemCode.MISSING_COLUMN, message)
        return None
    name = _first(labels, lambda label: label in _NAME_HEADERS)
    level = _first(labels, lambda label: label == "recs" or "soort_regio" in label or "soortregio" in label)
    if name is None:
        message = "no name column (regio or 'Wijken en buurten'); names are kept or set to the code"
        report.warn(table.file, 1, None, ProblemCode.MISSING_COLUMN, message)
    roles = {code, name, level}
    indicators = _indicators(table, labels, roles, report)
    return Columns(code, name, level, indicators)


def _first(labels: list[str], wanted: Callable[[str], bool]) -> int | None:
    return next((i for i, label in enumerate(labels) if wanted(label)), None)


def _code_column(labels: list[str], table: CbsTable) -> int | None:
    for header in _CODE_HEADERS:
        if header in labels:
            return labels.index(header)
    by_name = _first(labels, lambda label: "codering" in label)
    if by_name is not None:
        return by_name
    return next((i for i in range(len(labels)) if _holds_codes(table, i)), None)


def _holds_codes(table: CbsTable, index: int) -> bool:
    values = [cells[index] for _, cells in table.rows if index < len(cells) and cells[index]]
    return bool(values) and all(_AREA_LIKE.match(v.upper()) for v in values)


def _is_identification(label: str) -> bool:
    bare = re.sub(r"_\d+$", "", label)
    return (
        bare in _IDENTIFICATION
        or bare in _CODE_HEADERS
        or label.startswith("regioaanduiding_")
        or "meest_voorkomende_postcode" in label
    )


def _indicators(
    table: CbsTable, labels: list[str], roles: set[int | None], report: LoadReport
) -> tuple[Indicator, ...]:
    found: dict[str, Indicator] = {}
    for index, header in enumerate(table.header):
        if index in roles or _is_identification(labels[index]):
            continue
        values = [cells[index] for _, cells in table.rows if index < len(cells)]
        if all(v in MISSING for v in values):
            continue  # no figure at all: nothing to read, nothing wrong
        if not any(is_figure(v) and v not in MISSING for v in values):
            message = "the column holds text, not figures; it was not read"
            report.warn(table.file, 1, header or None, ProblemCode.TEXT_COLUMN, message)
            continue
        if not labels[index]:
            report.warn(
                table.file, 1, None, ProblemCode.UNKNOWN_COLUMN, f"column {index + 1} has no header; not read"
            )
            continue
        name = indicator_name(header)
        if name in found:
            message = f"gives indicator {name!r}, as column {found[name].header!r} does"
            report.error(table.file, 1, header, ProblemCode.DUPLICATE_COLUMN, message)
            continue
        found[name] = Indicator(index, header, name)
    return tuple(found.values())
