"""The input tables: their names, columns, Dutch and English headers and help text.

This module is data. Readers use it to recognise files and headers, validation to know
what is required, ``ketenkaart template`` to write the templates and their explanation,
and the exporter to write files that ``load`` reads back.

>>> TABLES["referrals"].column_for("Naar organisatie").name
'to_organisation'
>>> table_for_name("Verwijzingen").name
'referrals'
"""

from __future__ import annotations

from dataclasses import dataclass

from graph.taxonomy import normalise_label

__all__ = ["CLIENT_IDENTITY_HINTS", "LIST_SEPARATOR", "TABLES", "Column", "TableSpec", "table_for_name"]

LIST_SEPARATOR = "|"


@dataclass(frozen=True, slots=True)
class Column:
    """One column of an input table."""

    name: str
    dutch: str
    required: bool
    help_en: str
    help_nl: str
    example: str
    aliases: tuple[str, ...] = ()
    is_list: bool = False

    def headers(self) -> set[str]:
        """Every normalised header that names this column."""
        return {normalise_label(h) for h in (self.name, self.dutch, *self.aliases)}


@dataclass(frozen=True, slots=True)
class TableSpec:
    """One input table: a CSV file or an Excel sheet."""

    name: str
    dutch: str
    help_en: str
    columns: tuple[Column, ...]
    aliases: tuple[str, ...] = ()
    strict_columns: bool = False

    def column_for(self, header: str) -> Column | None:
        """The column a header names, in English or Dutch, or ``None``."""
        wanted = normalise_label(header)
        return next((c for c in self.columns if wanted in c.headers()), None)

    def required(self) -> tuple[Column, ...]:
        """The columns every file of this table must have."""
        return tuple(c for c in self.columns if c.required)


def _col(
    name: str,
    dutch: str,
    required: bool,
    help_en: str,
    help_nl: str,
    example: str,
    *aliases: str,
    is_list: bool = False,
) -> Column:
    return Column(name, dutch, required, help_en, help_nl, example, aliases, is_list)


AREAS = TableSpec(
    "areas",
    "gebieden",
    "CBS areas: gemeente, wijken and buurten (optional table)",
    (
        _col(
            "code",
            "code",
            True,
            "CBS code: GMxxxx, WKxxxxxx or BUxxxxxxxx",
            "CBS-code: GMxxxx, WKxxxxxx of BUxxxxxxxx",
            "WK990101",
            "cbs_code",
            "gebiedscode",
        ),
        _col("name", "naam", True, "Name of the area", "Naam van het gebied", "Centrum", "gebiedsnaam"),
        _col(
            "level",
            "niveau",
            False,
            "gemeente, wijk or buurt (read from the code when empty)",
            "gemeente, wijk of buurt (leeg: afgeleid uit de code)",
            "wijk",
        ),
        _col(
            "parent",
            "bovenliggend",
            False,
            "Code of the area above (read from the code when empty)",
            "Code van het bovenliggende gebied (leeg: afgeleid uit de code)",
            "GM9901",
            "parent_code",
            "ouder",
        ),
        _col(
            "boundary",
            "grens",
            False,
            "Outline as a GeoJSON Polygon or MultiPolygon geometry in WGS 84 longitude, latitude "
            "(JSON text, up to 5,000,000 characters; an Excel cell holds 32,767); a file without this "
            "column keeps the outlines the store holds",
            "Omtrek als GeoJSON-geometrie Polygon of MultiPolygon in WGS 84 lengte- en breedtegraad "
            "(JSON-tekst, tot 5.000.000 tekens; een Excel-cel houdt 32.767); een bestand zonder deze "
            "kolom laat de opgeslagen grenzen staan",
            '{"type":"Polygon","coordinates":[[[5.1,52.08],[5.13,52.08],[5.13,52.1],[5.1,52.08]]]}',
            "geometry",
            "geometrie",
            "geojson",
            "grenzen",
        ),
    ),
    aliases=("gebied", "area", "wijken"),
)

INDICATORS = TableSpec(
    "indicators",
    "indicatoren",
    "Figures per area, such as CBS kerncijfers: one row per area and indicator (optional table)",
    (
        _col(
            "area",
            "gebied",
            True,
            "CBS code of the area (in the areas of these files or of the store)",
            "CBS-code van het gebied (uit de gebieden van deze bestanden of van de opslag)",
            "WK990101",
            "code",
            "area_code",
            "gebiedscode",
            "cbs_code",
        ),
        _col(
            "indicator",
            "indicator",
            True,
            "Name of the figure, e.g. the CBS short code a_inw (residents); at most 100 characters",
            "Naam van het cijfer, bijv. de CBS-code a_inw (inwoners); hoogstens 100 tekens",
            "a_inw",
            "naam",
            "name",
            "variabele",
            "variable",
            "kerncijfer",
        ),
        _col(
            "value",
            "waarde",
            True,
            "The number (decimal comma accepted); leave the row out when the figure is unknown",
            "Het getal (decimale komma mag); laat de rij weg als het cijfer onbekend is",
            "5200",
            "getal",
            "number",
            "aantal",
        ),
    ),
    aliases=("indicator", "kerncijfers", "figures"),
)

ORGANISATIONS = TableSpec(
    "organisations",
    "organisaties",
    "Organisations in the ecosystem",
    (
        _col(
            "id",
            "id",
            True,
            "Your own unique code for the organisation",
            "Eigen unieke code van de organisatie",
            "ORG0001",
            "code",
            "organisatie_id",
            "organisation_id",
        ),
        _col("name", "naam", True, "Name", "Naam", "Stichting Welzijn Ketendam", "organisatienaam"),
        _col(
            "sector",
            "sector",
            True,
            "zorg, welzijn, wonen, onderwijs, veiligheid, hulpverlening, gemeente, werk_inkomen, jeugd, "
            "informeel or overig (Dutch or English labels)",
            "zorg, welzijn, wonen, onderwijs, veiligheid, hulpverlening, gemeente, werk_inkomen, jeugd, "
            "informeel of overig",
            "welzijn",
            "domein_sector",
        ),
        _col(
            "municipality",
            "gemeente",
            False,
            "CBS code of the municipality",
            "CBS-code van de gemeente",
            "GM9901",
            "gemeentecode",
            "municipality_code",
        ),
        _col(
            "areas",
            "gebieden",
            False,
            "Wijk or buurt codes served, separated by |",
            "Bediende wijk- of buurtcodes, gescheiden door |",
            "WK990101|WK990102",
            "werkgebied",
            "wijken",
            "areas_served",
            is_list=True,
        ),
        _col(
            "kvk",
            "kvk",
            False,
            "Chamber of Commerce number (8 digits)",
            "KvK-nummer (8 cijfers)",
            "12345678",
            "kvk_nummer",
            "kvk_number",
            "coc_number",
        ),
        _col(
            "capacity",
            "capaciteit",
            False,
            "Referrals per month it can take in",
            "Aantal verwijzingen per maand dat zij kan opnemen",
            "40",
        ),
        _col(
            "parent_id",
            "moederorganisatie",
            False,
            "id of the umbrella organisation",
            "id van de koepel- of moederorganisatie",
            "",
            "koepel",
            "parent",
            "umbrella",
        ),
        _col(
            "description",
            "omschrijving",
            False,
            "Short description",
            "Korte omschrijving",
            "Welzijnswerk voor alle wijken",
            "beschrijving",
        ),
        _col(
            "expertise",
            "expertise",
            False,
            "What it offers: services or fields of expertise, separated by |",
            "Wat zij biedt: diensten of deskundigheid, gescheiden door |",
            "buurtwerk|vroegsignalering",
            "diensten",
            "services",
            "aanbod",
            "deskundigheid",
            is_list=True,
        ),
    ),
    aliases=("organisaties", "organizations", "organisation", "organisatie"),
)

PROFESSIONALS = TableSpec(
    "professionals",
    "professionals",
    "Professionals and where they work (personal data: see --pseudonymise)",
    (
        _col(
            "id",
            "id",
            True,
            "Unique code for the professional",
            "Unieke code van de professional",
            "PRO00001",
            "code",
            "medewerker_id",
            "professional_id",
        ),
        _col(
            "name",
            "naam",
            True,
            "Display name (may be a pseudonym)",
            "Weergavenaam (mag een pseudoniem zijn)",
            "Medewerker 1",
            "weergavenaam",
        ),
        _col("role", "rol", False, "Job title", "Functie", "wijkverpleegkundige", "functie", "job_title"),
        _col(
            "expertise",
            "expertise",
            False,
            "Fields of expertise, separated by |",
            "Deskundigheid, gescheiden door |",
            "ouderen|ggz",
            "deskundigheid",
            is_list=True,
        ),
        _col(
            "organisations",
            "organisaties",
            True,
            "ids of the employers, separated by |",
            "id's van de werkgevers, gescheiden door |",
            "ORG0001",
            "werkgevers",
            "employers",
            "organisatie",
            "employer",
            is_list=True,
        ),
        _col(
            "fte",
            "fte",
            False,
            "fte per employer, in the same order, separated by | (empty: 1.0 for a single employer)",
            "fte per werkgever, in dezelfde volgorde, gescheiden door | (leeg: 1,0 bij één werkgever)",
            "0.8",
            "uren_fte",
            is_list=True,
        ),
    ),
    aliases=("medewerkers", "professional", "people", "personen"),
)

AGREEMENTS = TableSpec(
    "agreements",
    "afspraken",
    "Shared agreements between organisations",
    (
        _col("id", "id", True, "Unique code", "Unieke code", "AGR001", "code", "afspraak_id", "agreement_id"),
        _col("name", "naam", True, "Name", "Naam", "Convenant Vroegsignalering Schulden"),
        _col(
            "kind",
            "soort",
            True,
            "covenant, contract, shared_specialist, wijkteam, data_sharing or other",
            "convenant, contract, gedeelde_specialist, wijkteam, gegevensdeling of overig",
            "covenant",
            "type",
            "kind_of_agreement",
        ),
        _col(
            "start",
            "startdatum",
            False,
            "Start date (YYYY-MM-DD or DD-MM-YYYY)",
            "Startdatum (JJJJ-MM-DD of DD-MM-JJJJ)",
            "2025-01-01",
            "start_date",
            "begindatum",
            "begin",
        ),
        _col(
            "end",
            "einddatum",
            False,
            "End date, empty when open",
            "Einddatum, leeg als die open is",
            "",
            "end_date",
            "eind",
        ),
        _col(
            "parties",
            "partijen",
            True,
            "ids of the organisations that signed, separated by |",
            "id's van de deelnemende organisaties, gescheiden door |",
            "ORG0001|ORG0002",
            "organisaties",
            "organisations",
            is_list=True,
        ),
        _col(
            "members",
            "leden",
            False,
            "ids of the professionals taking part, separated by |",
            "id's van de deelnemende professionals, gescheiden door |",
            "PRO00001",
            "deelnemers",
            "professionals",
            is_list=True,
        ),
        _col(
            "areas",
            "gebieden",
            False,
            "Wijk or buurt codes covered, separated by |",
            "Wijk- of buurtcodes waar de afspraak geldt, gescheiden door |",
            "WK990101",
            "werkgebied",
            is_list=True,
        ),
    ),
    aliases=("overeenkomsten", "samenwerkingsafspraken", "agreement", "afspraak", "convenanten"),
)

REFERRALS = TableSpec(
    "referrals",
    "verwijzingen",
    "Referral counts between organisations per month or quarter: counts only, never client data",
    (
        _col(
            "from_organisation",
            "van_organisatie",
            False,
            "id of the referring organisation (or fill from_professional)",
            "id van de verwijzende organisatie (of vul van_professional)",
            "ORG0001",
            "van",
            "from",
            "source_organisation",
        ),
        _col(
            "from_professional",
            "van_professional",
            False,
            "id of the referring professional (or fill from_organisation)",
            "id van de verwijzende professional (of vul van_organisatie)",
            "",
            "source_professional",
            "van_medewerker",
        ),
        _col(
            "to_organisation",
            "naar_organisatie",
            True,
            "id of the organisation referred to",
            "id van de organisatie waarnaar verwezen is",
            "ORG0002",
            "naar",
            "to",
            "target_organisation",
        ),
        _col(
            "period",
            "periode",
            True,
            "Month YYYY-MM or quarter YYYY-Qn",
            "Maand JJJJ-MM of kwartaal JJJJ-Kn",
            "2025-01",
            "maand",
            "month",
            "kwartaal",
            "quarter",
        ),
        _col(
            "domain",
            "domein",
            False,
            "Topic of the referrals, e.g. schulden, wonen, jeugd",
            "Onderwerp van de verwijzingen, bijv. schulden, wonen, jeugd",
            "schulden",
            "onderwerp",
            "thema",
        ),
        _col(
            "count",
            "aantal",
            True,
            "Number of referrals (a whole number >= 0)",
            "Aantal verwijzingen (geheel getal >= 0)",
            "12",
            "aantal_verwijzingen",
            "number",
            "n",
        ),
    ),
    aliases=("verwijzing", "referral", "doorverwijzingen", "flows"),
    strict_columns=True,
)

TABLES: dict[str, TableSpec] = {
    t.name: t for t in (ORGANISATIONS, PROFESSIONALS, AGREEMENTS, REFERRALS, AREAS, INDICATORS)
}

# Headers that look like client data: a referrals file holding one is refused whole.
CLIENT_IDENTITY_HINTS = (
    "bsn",
    "burgerservicenummer",
    "sofinummer",
    "ssn",
    "client",
    "patient",
    "geboortedatum",
    "geboortedag",
    "birth",
    "dob",
    "adres",
    "address",
    "postcode",
    "zipcode",
    "telefoon",
    "phone",
    "email",
    "e_mail",
    "voornaam",
    "achternaam",
    "first_name",
    "last_name",
    "surname",
    "initialen",
    "persoon",
    "person",
    "dossier",
)


def table_for_name(name: str) -> TableSpec | None:
    """The table a file or sheet name stands for (English or Dutch), or ``None``.

    A suffix after ``_`` or ``-`` is allowed, so ``verwijzingen-2025-q1.csv`` is a
    referrals file.
    """
    wanted = normalise_label(name)
    for table in TABLES.values():
        for known in (normalise_label(n) for n in (table.name, table.dutch, *table.aliases)):
            if wanted == known or wanted.startswith(known + "_"):
                return table
    return None
