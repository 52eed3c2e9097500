"""The loaders' problems said in Dutch or English, from their parts.

A loader reports each problem as a :class:`loaders.report.RowError`: a stable code
(:class:`loaders.codes.ProblemCode`), the file, row and column, an English message for
the command line, and the message's parts as ``params`` (``value``, the cell as read;
``limit``; ``ids``; ...). The app never shows the English message: it writes the problem
again from a template per code in the viewer's language. Each code has a *meaning*,
which needs no parts, and may have *details*, templates that name some parts; the
detail that uses the most of the parts the loader gave is chosen, else the meaning.
Numbers and dates in the parts are written per language (:mod:`app.present.formatting`).

>>> from loaders.codes import ProblemCode
>>> from loaders.report import RowError
>>> bad = RowError("organisations.csv", 3, "id", ProblemCode.BAD_ID, "...", (("value", "a b"),))
>>> problem_text(bad, "nl")
'‘a b’ is geen bruikbare id: gebruik alleen letters, cijfers en . _ : / -'
>>> long = RowError("o.csv", 2, "name", ProblemCode.CELL_TOO_LONG, "...", (("n", 1200), ("limit", 500)))
>>> problem_text(long, "nl")
'De cel bevat 1.200 tekens; er mogen er hoogstens 500 in.'
>>> problem_text(long, "en")
'The cell holds 1,200 characters; at most 500 are allowed.'
>>> problem_text(RowError("o.csv", 2, "sector", ProblemCode.UNKNOWN_SECTOR, "..."), "nl")
'Onbekende sector.'
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from string import Formatter
from typing import Final

from app.i18n import Language, language
from app.present.formatting import cell, day, is_number
from graph.taxonomy import AgreementKind, Sector
from loaders.codes import ProblemCode
from loaders.report import RowError

__all__ = ["PROBLEM_TEXTS", "ProblemText", "fields", "problem_text", "render"]

Pair = tuple[str, str]
"""A text in Dutch and in English."""


@dataclass(frozen=True, slots=True)
class ProblemText:
    """What one code means, and how to say it with the parts a loader gave."""

    meaning: Pair
    details: tuple[Pair, ...] = ()


_DATES: Final = frozenset({"start", "end"})
"""Parts that are dates (ISO text), written as the language writes dates."""
_KNOWN: Final[Mapping[str, str]] = {
    "sectors": ", ".join(s.value for s in Sector),
    "kinds": ", ".join(k.value for k in AgreementKind),
}
"""Parts the app knows itself: the words a vocabulary accepts."""

PROBLEM_TEXTS: Final[Mapping[ProblemCode, ProblemText]] = {
    ProblemCode.EMPTY_FILE: ProblemText(
        (
            "Het bestand (of werkblad) is leeg; er is minstens een kopregel nodig.",
            "The file (or sheet) is empty; it needs at least a header row.",
        )
    ),
    ProblemCode.UNREADABLE_FILE: ProblemText(
        (
            "Het bestand is niet te lezen. Sla het op als CSV UTF-8 of als Excel-werkmap (.xlsx) en "
            'controleer of elk aanhalingsteken (") wordt gesloten.',
            "The file cannot be read. Save it as CSV UTF-8 or as an Excel workbook (.xlsx) and check that "
            'every quote (") is closed.',
        )
    ),
    ProblemCode.BAD_ENCODING: ProblemText(
        (
            "De tekstcodering wordt niet herkend; sla het bestand op als CSV UTF-8.",
            "The text encoding is not recognised; save the file as CSV UTF-8.",
        )
    ),
    ProblemCode.UNKNOWN_TABLE: ProblemText(
        (
            "Geen bekende tabel (zoals organisations of referrals); dit wordt niet gelezen.",
            "Not a known table (such as organisations or referrals); it is not read.",
        )
    ),
    ProblemCode.UNKNOWN_COLUMN: ProblemText(
        (
            "Een kolom die niet in het sjabloon staat; die wordt niet gelezen.",
            "A column that is not in the template; it is not read.",
        ),
        (
            (
                "Een verwijsbestand mag alleen deze kolommen hebben: {known}.",
                "A referrals file may only hold these columns: {known}.",
            ),
        ),
    ),
    ProblemCode.MISSING_COLUMN: ProblemText(
        ("Een verplichte kolom ontbreekt.", "A required column is missing."),
        (
            (
                "De verplichte kolom ‘{name}’ (of ‘{dutch}’) ontbreekt.",
                "The required column ‘{name}’ (or ‘{dutch}’) is missing.",
            ),
        ),
    ),
    ProblemCode.DUPLICATE_COLUMN: ProblemText(
        ("Twee kolommen met dezelfde betekenis.", "Two headers name the same column."),
        (("Deze kolom is dezelfde als ‘{same_as}’.", "This header names the same column as ‘{same_as}’."),),
    ),
    ProblemCode.CLIENT_IDENTITY_COLUMN: ProblemText(
        (
            "Deze kolom lijkt cliëntgegevens te bevatten; een verwijsbestand bevat alleen aantallen en "
            "wordt met zo'n kolom geweigerd. Verwijder de kolom en laad opnieuw.",
            "This column looks like client data; a referrals file holds counts only and is refused with "
            "such a column. Remove it and load again.",
        )
    ),
    ProblemCode.EXTRA_CELLS: ProblemText(
        ("Een rij heeft meer cellen dan de kopregel.", "A row has more cells than the header."),
        (
            (
                "De rij heeft {cells} cellen, de kopregel maar {header_cells}.",
                "The row has {cells} cells but the header only {header_cells}.",
            ),
        ),
    ),
    ProblemCode.TOO_LARGE: ProblemText(
        (
            "Te groot om in één keer te laden; verdeel het over meer bestanden.",
            "Too large to load at once; split it into several files.",
        )
    ),
    ProblemCode.HIDDEN_SHEET: ProblemText(
        (
            "Een verborgen werkblad; maak het zichtbaar in Excel (of verwijder het), zodat te zien is wat er "
            "geladen wordt.",
            "A hidden sheet; show it in Excel (or remove it) so that what is loaded can be seen.",
        )
    ),
    ProblemCode.MISSING_VALUE: ProblemText(
        ("Deze cel is verplicht maar leeg.", "This cell is required but empty."),
        (
            (
                "Met {employers} werkgevers is voor elke werkgever een fte nodig.",
                "With {employers} employers, give the fte for each.",
            ),
        ),
    ),
    ProblemCode.CELL_TOO_LONG: ProblemText(
        ("De cel is te lang.", "The cell is too long."),
        (
            (
                "De cel bevat {n} tekens; er mogen er hoogstens {limit} in.",
                "The cell holds {n} characters; at most {limit} are allowed.",
            ),
        ),
    ),
    ProblemCode.FORMULA_INJECTION: ProblemText(
        (
            "De cel begint als een formule (=, +, -, @); haal dat teken weg.",
            "The cell starts like a formula (=, +, -, @); remove that character.",
        ),
        (
            (
                "De cel begint met {start}, wat een spreadsheet als formule uitvoert; haal dat teken weg.",
                "The cell starts with {start}, which spreadsheets run as a formula; remove that character.",
            ),
        ),
    ),
    ProblemCode.CONTROL_CHARACTER: ProblemText(
        ("De cel bevat een stuurteken; haal het weg.", "The cell holds a control character; remove it."),
        (
            (
                "De cel bevat het stuurteken {char}, dat in geen tekst hoort; haal het weg.",
                "The cell holds the control character {char}, which no text should hold; remove it.",
            ),
        ),
    ),
    ProblemCode.BAD_ID: ProblemText(
        ("Een id met ongeldige tekens.", "An id with characters that are not allowed."),
        (
            (
                "‘{value}’ is geen bruikbare id: gebruik alleen letters, cijfers en . _ : / -",
                "‘{value}’ is not a usable id: use letters, digits and . _ : / - only",
            ),
        ),
    ),
    ProblemCode.BAD_VALUE: ProblemText(
        ("Een waarde van de verkeerde vorm.", "A value of the wrong form."),
        (
            ("‘{kvk}’ is geen KvK-nummer (8 cijfers).", "‘{kvk}’ is not a KvK number (8 digits)."),
            ("Werkgever ‘{twice}’ staat er twee keer in.", "Employer ‘{twice}’ is listed twice."),
            (
                "Niveau ‘{level}’ past niet bij code {area}.",
                "Level ‘{level}’ does not match code {area}.",
            ),
        ),
    ),
    ProblemCode.UNKNOWN_SECTOR: ProblemText(
        ("Onbekende sector.", "Unknown sector."),
        (
            (
                "‘{value}’ is geen bekende sector; gebruik een van: {sectors}.",
                "‘{value}’ is not a known sector; use one of: {sectors}.",
            ),
        ),
    ),
    ProblemCode.UNKNOWN_KIND: ProblemText(
        ("Onbekend soort afspraak.", "Unknown kind of agreement."),
        (
            (
                "‘{value}’ is geen bekend soort afspraak; gebruik een van: {kinds}.",
                "‘{value}’ is not a known kind of agreement; use one of: {kinds}.",
            ),
        ),
    ),
    ProblemCode.BAD_AREA_CODE: ProblemText(
        (
            "Geen CBS-code (GMxxxx, WKxxxxxx of BUxxxxxxxx).",
            "Not a CBS code (GMxxxx, WKxxxxxx or BUxxxxxxxx).",
        ),
        (
            (
                "‘{value}’ is geen CBS-code (GMxxxx, WKxxxxxx of BUxxxxxxxx).",
                "‘{value}’ is not a CBS code (GMxxxx, WKxxxxxx or BUxxxxxxxx).",
            ),
            (
                "‘{municipality}’ is geen gemeentecode (GMxxxx).",
                "‘{municipality}’ is not a gemeente code (GMxxxx).",
            ),
        ),
    ),
    ProblemCode.BAD_NUMBER: ProblemText(
        ("Geen (geheel) getal.", "Not a (whole) number."),
        (
            ("‘{value}’ is geen getal.", "‘{value}’ is not a number."),
            (
                "‘{value}’ is te groot; een aantal is hoogstens {limit}.",
                "‘{value}’ is too large; a count is at most {limit}.",
            ),
            ("{fraction} is geen geheel getal.", "{fraction} is not a whole number."),
        ),
    ),
    ProblemCode.NEGATIVE_NUMBER: ProblemText(
        ("Een negatief getal; aantallen zijn 0 of meer.", "A negative number; counts are 0 or more."),
        (("{value} is negatief; aantallen zijn 0 of meer.", "{value} is negative; counts are 0 or more."),),
    ),
    ProblemCode.BAD_FTE: ProblemText(
        ("De fte ligt niet tussen 0 en 1.", "The fte is not between 0 and 1."),
        (
            (
                "fte {value} ligt niet boven 0 en tot en met 1.",
                "fte {value} is not above 0 and at most 1.",
            ),
        ),
    ),
    ProblemCode.BAD_DATE: ProblemText(
        (
            "Geen geldige datum; schrijf JJJJ-MM-DD of DD-MM-JJJJ.",
            "Not a valid date; write YYYY-MM-DD or DD-MM-YYYY.",
        ),
        (
            (
                "‘{value}’ is geen datum; schrijf JJJJ-MM-DD of DD-MM-JJJJ.",
                "‘{value}’ is not a date; write YYYY-MM-DD or DD-MM-YYYY.",
            ),
            ("‘{date}’ is geen bestaande datum.", "‘{date}’ is not a real date."),
        ),
    ),
    ProblemCode.BAD_DATE_RANGE: ProblemText(
        ("De einddatum ligt voor de begindatum.", "The end is before the start."),
        (
            (
                "Het einde ({end}) ligt voor het begin ({start}).",
                "The end ({end}) is before the start ({start}).",
            ),
        ),
    ),
    ProblemCode.BAD_PERIOD: ProblemText(
        (
            "Geen periode; schrijf een maand (2025-03) of een kwartaal (2025-K1).",
            "Not a period; write a month (2025-03) or a quarter (2025-Q1).",
        ),
        (
            (
                "‘{value}’ is geen periode; schrijf een maand (2025-03) of een kwartaal (2025-K1).",
                "‘{value}’ is not a period; write a month (2025-03) or a quarter (2025-Q1).",
            ),
        ),
    ),
    ProblemCode.BAD_BOUNDARY: ProblemText(
        (
            "Een ongeldige grens: gebruik een GeoJSON Polygon of MultiPolygon in WGS 84.",
            "An invalid boundary: use a GeoJSON Polygon or MultiPolygon in WGS 84.",
        )
    ),
    ProblemCode.LIST_LENGTH_MISMATCH: ProblemText(
        (
            "Het aantal fte-waarden past niet bij het aantal werkgevers.",
            "The number of fte values does not match the employers.",
        ),
        (
            (
                "Fte-waarden: {fte}; werkgevers: {employers}. Geef één fte per werkgever.",
                "Fte values: {fte}; employers: {employers}. Give one fte per employer.",
            ),
        ),
    ),
    ProblemCode.AMBIGUOUS_SOURCE: ProblemText(
        (
            "Vul precies één afzender in: from_organisation of from_professional.",
            "Fill exactly one of from_organisation and from_professional.",
        )
    ),
    ProblemCode.SELF_REFERRAL: ProblemText(
        ("Een organisatie kan niet naar zichzelf verwijzen.", "An organisation cannot refer to itself.")
    ),
    ProblemCode.POSSIBLE_CLIENT_IDENTITY: ProblemText(
        (
            "Deze waarde lijkt cliëntgegevens te bevatten; laad nooit cliëntgegevens.",
            "This value looks like client data; never load client data.",
        )
    ),
    ProblemCode.DUPLICATE_KEY: ProblemText(
        (
            "Dezelfde sleutel staat twee keer in de bestanden, met verschillende waarden.",
            "The same key is in the files twice, with different values.",
        ),
        (
            (
                "Dezelfde sleutel staat ook in {other_file}, rij {other_row}, met andere waarden ({fields}).",
                "The same key is also on {other_file} row {other_row}, with different values ({fields}).",
            ),
        ),
    ),
    ProblemCode.DUPLICATE_ROW: ProblemText(
        ("Dezelfde rij twee keer; één keer gelezen.", "The same row twice; read once."),
        (
            (
                "Dezelfde rij als {other_file}, rij {other_row}; één keer gelezen.",
                "The same row as {other_file} row {other_row}; read once.",
            ),
        ),
    ),
    ProblemCode.UNKNOWN_ORGANISATION: ProblemText(
        (
            "Een organisatie die niet in de bestanden of de database staat.",
            "An organisation in neither the files nor the store.",
        ),
        (
            (
                "{ids}: geen organisatie met deze id in deze bestanden of in de database.",
                "{ids}: no organisation with this id in these files or in the store.",
            ),
            (
                "{ids} en nog {more}: geen organisatie met deze id in deze bestanden of in de database.",
                "{ids} and {more} more: no organisation with this id in these files or in the store.",
            ),
        ),
    ),
    ProblemCode.UNKNOWN_PROFESSIONAL: ProblemText(
        (
            "Een professional die niet in de bestanden of de database staat.",
            "A professional in neither the files nor the store.",
        ),
        (
            (
                "{ids}: geen professional met deze id in deze bestanden of in de database.",
                "{ids}: no professional with this id in these files or in the store.",
            ),
            (
                "{ids} en nog {more}: geen professional met deze id in deze bestanden of in de database.",
                "{ids} and {more} more: no professional with this id in these files or in the store.",
            ),
        ),
    ),
    ProblemCode.AREA_NOT_DESCRIBED: ProblemText(
        (
            "Een gebied zonder beschrijving; toegevoegd met zijn code als naam.",
            "An area not described; added with its code as name.",
        ),
        (
            (
                "Gebiedscodes zonder beschrijving in een tabel areas: {codes} ({n} in totaal); ze zijn "
                "toegevoegd met hun code als naam.",
                "Area codes not described in an areas table: {codes} ({n} in all); they were added "
                "with their code as name.",
            ),
        ),
    ),
    ProblemCode.UNKNOWN_AREA: ProblemText(
        (
            "Een gebied dat niet in de bestanden of de database staat.",
            "An area in neither the files nor the store.",
        ),
        (
            (
                "{ids}: geen gebied met deze code in deze bestanden of in de database.",
                "{ids}: no area with this code in these files or in the store.",
            ),
        ),
    ),
    ProblemCode.PARENT_CYCLE: ProblemText(
        (
            "De koepel of het bovenliggende gebied leidt terug naar zichzelf.",
            "The umbrella or parent leads back to itself.",
        ),
        (
            (
                "De koepels gaan in een kring rond ({chain}); een organisatie kan niet haar eigen "
                "koepel zijn.",
                "The umbrellas go round in a circle ({chain}); an organisation cannot be its own umbrella.",
            ),
            (
                "{parent} kan {area} niet bevatten: een bovenliggend gebied is groter "
                "(gemeente, wijk, buurt).",
                "{parent} cannot hold {area}: a parent is a larger area (gemeente, wijk, buurt).",
            ),
        ),
    ),
    ProblemCode.PSEUDONYMS_REQUIRED: ProblemText(
        (
            "De database en deze bestanden mengen pseudoniemen en namen in de open lucht; laad met dezelfde "
            "pseudonimisering als de database.",
            "The store and these files would mix pseudonyms and names in clear; load with the same "
            "pseudonymisation as the store.",
        )
    ),
    ProblemCode.BAD_JSON: ProblemText(
        ("Geen bruikbare JSON op deze plek.", "Not usable JSON at this place.")
    ),
    ProblemCode.NO_ORGANISATIONS: ProblemText(
        ("Er staan geen organisaties (HSDS organization) in.", "No HSDS organization was found.")
    ),
    ProblemCode.DANGLING_REFERENCE: ProblemText(
        (
            "Een verwijzing naar iets dat niet in de bestanden staat; overgeslagen.",
            "A reference to something not in the files; skipped.",
        )
    ),
    ProblemCode.DEFAULT_SECTOR: ProblemText(
        (
            "Geen sector af te leiden; de sector ‘overig’ is gebruikt.",
            "No sector could be derived; the sector ‘other’ was used.",
        )
    ),
    ProblemCode.AMBIGUOUS_SECTOR: ProblemText(
        (
            "Meer dan één sector past; de eerste is gebruikt.",
            "More than one sector fits; the first was used.",
        )
    ),
    ProblemCode.UNMATCHED_AREA: ProblemText(
        ("Een gebied dat niet bij een CBS-code past.", "An area that matches no CBS code.")
    ),
    ProblemCode.AMBIGUOUS_AREA: ProblemText(
        ("Een gebied dat bij meer CBS-codes past.", "An area that matches more than one CBS code.")
    ),
    ProblemCode.REGION_SKIPPED: ProblemText(
        (
            "Geen gemeente, wijk of buurt; overgeslagen.",
            "Not a gemeente, wijk or buurt; skipped.",
        )
    ),
    ProblemCode.TEXT_COLUMN: ProblemText(
        (
            "Een kolom met tekst in plaats van getallen; niet gelezen.",
            "A column of text, not numbers; not read.",
        )
    ),
    ProblemCode.BAD_GEOMETRY: ProblemText(
        ("Een ongeldige vorm (geometrie).", "An invalid shape (geometry).")
    ),
}
"""Per code: its meaning and its details, in Dutch and English (``tests`` check every code has both)."""


def fields(template: str) -> frozenset[str]:
    """The names a template fills in.

    >>> sorted(fields("{ids} and {more} more"))
    ['ids', 'more']
    """
    return frozenset(name for _, name, _, _ in Formatter().parse(template) if name)


def _shown(name: str, value: str | int | float, lang: Language) -> str:
    if name in _DATES:
        return day(str(value), lang)
    return cell(value, lang) if is_number(value) else str(value)


def render(texts: ProblemText, params: Mapping[str, str | int | float], lang: object) -> str:
    """``texts`` in ``lang``: the detail using the most of ``params``, else the meaning.

    Parts a template does not name are left out (such as ``reason``, the English words of an
    exception); a template is used only when every part it names is there.
    """
    chosen = language(lang)
    pick = 1 if chosen == "en" else 0
    parts = {**_KNOWN, **params}
    usable = [pair for pair in texts.details if fields(pair[0]) <= parts.keys()]
    if not usable:
        return texts.meaning[pick]
    best = max(usable, key=lambda pair: len(fields(pair[0]) - _KNOWN.keys()))
    return best[pick].format(**{name: _shown(name, parts[name], chosen) for name in fields(best[pick])})


def problem_text(problem: RowError, lang: object) -> str:
    """One problem in ``lang``, from its code and parts (an unknown code: the loader's message)."""
    try:
        texts = PROBLEM_TEXTS[ProblemCode(problem.code)]
    except (ValueError, KeyError):
        return problem.message
    return render(texts, problem.detail, lang)
