"""Writes the hostile workbooks and CSV files of ``tests/data/bad`` (run once; the files are kept).

A workbook here is written as raw XML parts, not through openpyxl, so that it can claim what it
does not hold (a ``<dimension>`` of the whole sheet), hide sheets or put cells where no table has
columns. ``python -m tests.loaders.bad_files`` writes them again.
"""

from __future__ import annotations

import json
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

BAD = Path(__file__).parents[1] / "data" / "bad"
HEADER = ["id", "name", "sector", "municipality"]
ROW = ["ORG0009", "Buurthuis", "welzijn", "GM9901"]

_OOXML = "application/vnd.openxmlformats-officedocument.spreadsheetml"
_PACKAGE = "http://schemas.openxmlformats.org/package/2006"
_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    f'<Types xmlns="{_PACKAGE}/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    f'<Override PartName="/xl/workbook.xml" ContentType="{_OOXML}.sheet.main+xml"/>'
    "{sheets}"
    f'<Override PartName="/xl/sharedStrings.xml" ContentType="{_OOXML}.sharedStrings+xml"/>'
    "</Types>"
)
_SHEET_TYPE = '<Override PartName="/xl/worksheets/sheet{n}.xml" ContentType="' + _OOXML + '.worksheet+xml"/>'
_ROOT_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    f'<Relationships xmlns="{_PACKAGE}/relationships">'
    '<Relationship Id="rId1" Target="xl/workbook.xml" '
    'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"/>'
    "</Relationships>"
)
_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def column_letters(n: int) -> str:
    letters = ""
    while n:
        n, rem = divmod(n - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


def _cell(row: int, column: int, text: str) -> str:
    return f'<c r="{column_letters(column)}{row}" t="inlineStr"><is><t>{escape(text)}</t></is></c>'


def row_xml(row: int, cells: dict[int, str]) -> str:
    return f'<row r="{row}">' + "".join(_cell(row, c, t) for c, t in sorted(cells.items())) + "</row>"


def sheet_xml(rows: list[str], dimension: str = "A1:D2") -> str:
    return (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="{_MAIN}">'
        f'<dimension ref="{dimension}"/><sheetData>{"".join(rows)}</sheetData></worksheet>'
    )


def workbook(path: Path, sheets: list[tuple[str, str, str]], shared: list[str] | None = None) -> None:
    """Write a workbook of (title, state, sheet XML) with optional shared strings."""
    path.parent.mkdir(parents=True, exist_ok=True)
    entries = "".join(
        f'<sheet name="{t}" sheetId="{i}" state="{s}" r:id="rId{i}"/>'
        for i, (t, s, _) in enumerate(sheets, 1)
    )
    rels = "".join(
        f'<Relationship Id="rId{i}" Type="{_REL}/worksheet" Target="worksheets/sheet{i}.xml"/>'
        for i in range(1, len(sheets) + 1)
    )
    strings = "".join(f"<si><t>{escape(s)}</t></si>" for s in shared or [])
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        types = "".join(_SHEET_TYPE.format(n=i) for i in range(1, len(sheets) + 1))
        archive.writestr("[Content_Types].xml", _TYPES.format(sheets=types))
        archive.writestr("_rels/.rels", _ROOT_RELS)
        archive.writestr(
            "xl/workbook.xml",
            f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook xmlns="{_MAIN}" '
            f'xmlns:r="{_REL}"><sheets>{entries}</sheets></workbook>',
        )
        archive.writestr(
            "xl/_rels/workbook.xml.rels",
            f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            f'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            f'{rels}<Relationship Id="rIdS" Type="{_REL}/sharedStrings" Target="sharedStrings.xml"/>'
            f"</Relationships>",
        )
        archive.writestr(
            "xl/sharedStrings.xml",
            f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><sst xmlns="{_MAIN}" '
            f'count="{len(shared or [])}" uniqueCount="{len(shared or [])}">{strings}</sst>',
        )
        for i, (_, _, xml) in enumerate(sheets, 1):
            archive.writestr(f"xl/worksheets/sheet{i}.xml", xml)


def _header_and_row() -> list[str]:
    return [row_xml(1, dict(enumerate(HEADER, 1))), row_xml(2, dict(enumerate(ROW, 1)))]


def _case(name: str, description: str, code: str, file: str, row: int | None, column: str | None) -> Path:
    case = BAD / name
    (case / "input").mkdir(parents=True, exist_ok=True)
    expected = {"description": description, "code": code, "file": file, "row": row, "column": column}
    (case / "expected.json").write_text(json.dumps(expected, indent=2, ensure_ascii=False) + "\n", "utf-8")
    return case / "input"


def write_all() -> None:
    where = _case(
        "xlsx-dimension-claims-whole-sheet",
        "a sheet claims A1:XFD1048576 and holds a header and one cell at XFD1048576",
        "too-large",
        "book.xlsx[organisations]",
        1048576,
        None,
    )
    rows = [row_xml(1, dict(enumerate(HEADER, 1))), row_xml(1048576, {16384: "x"})]
    workbook(where / "book.xlsx", [("organisations", "visible", sheet_xml(rows, "A1:XFD1048576"))])

    where = _case(
        "xlsx-cells-in-column-xfd",
        "20,000 cells in column XFD below a header",
        "too-large",
        "book.xlsx[organisations]",
        2,
        None,
    )
    rows = [row_xml(1, dict(enumerate(HEADER, 1)))] + [row_xml(r, {16384: "x"}) for r in range(2, 20_002)]
    workbook(where / "book.xlsx", [("organisations", "visible", sheet_xml(rows, "A1:XFD20001"))])

    where = _case(
        "xlsx-one-huge-cell",
        "one shared-string cell of 6,000,000 characters",
        "too-large",
        "book.xlsx[organisations]",
        2,
        None,
    )
    huge = '<c r="B2" t="s"><v>0</v></c>'
    rows = [row_xml(1, dict(enumerate(HEADER, 1))), f'<row r="2">{_cell(2, 1, "ORG0009")}{huge}</row>']
    workbook(where / "book.xlsx", [("organisations", "visible", sheet_xml(rows))], shared=["a" * 6_000_000])

    for state in ("hidden", "veryHidden"):
        where = _case(
            f"xlsx-{state.lower()}-sheet",
            f"the organisations sheet is {state} in Excel",
            "hidden-sheet",
            "book.xlsx[organisations]",
            None,
            None,
        )
        workbook(where / "book.xlsx", [("organisations", state, sheet_xml(_header_and_row()))])

    for name, encoding in (("utf16-file", "utf-16"), ("utf32-file", "utf-32")):
        where = _case(
            name,
            f"organisations.csv saved as {encoding.upper()}",
            "bad-encoding",
            "organisations.csv",
            None,
            None,
        )
        text = ",".join(HEADER) + "\n" + ",".join(ROW) + "\n"
        (where / "organisations.csv").write_bytes(text.encode(encoding))


BASE = BAD / "bsn-in-referral-domain" / "input"  # the template data with one referral
_GOOD_REFERRAL = "ORG0001,,ORG0002,2025-01,schulden,12"
_ORGANISATION_2 = "ORG0002,Schuldhulp Ketendam,werk_inkomen,GM9901,WK990101,,25,,Schuldhulpverlening"


def _csv_case(
    name: str, description: str, code: str, file: str, row: int, column: str, edit: dict[str, tuple[str, str]]
) -> None:
    """A case from the base data with, per file, one text replaced (old, new)."""
    where = _case(name, description, code, file, row, column)
    for source in sorted(BASE.iterdir()):
        text = source.read_text(encoding="utf-8")
        if source.name in edit:
            old, new = edit[source.name]
            text = text.replace(old, new)
        (where / source.name).write_bytes(text.encode("utf-8"))


def _referral(domain: str = "schulden", count: str = "12") -> tuple[str, str]:
    return (_GOOD_REFERRAL.replace("111222333", "schulden"), f'ORG0001,,ORG0002,2025-01,"{domain}",{count}')


def write_csv_cases() -> None:
    referrals = "referrals.csv"
    organisations = "organisations.csv"
    base_referral = "ORG0001,,ORG0002,2025-01,111222333,12"
    cases: list[tuple[str, str, str, str, int, str, dict[str, tuple[str, str]]]] = [
        (
            "formula-injection-after-newline",
            "a name starts with a newline, then =HYPERLINK(...)",
            "formula-injection",
            organisations,
            3,
            "name",
            {organisations: ("Schuldhulp Ketendam,", '"\n=HYPERLINK(""http://x"")",')},
        ),
        (
            "formula-injection-after-no-break-space",
            "a name starts with a no-break space, then =1+1",
            "formula-injection",
            organisations,
            3,
            "name",
            {organisations: ("Schuldhulp Ketendam,", "\u00a0=1+1,")},
        ),
        (
            "formula-injection-after-vertical-tab",
            "a role starts with a vertical tab, then @SUM(1)",
            "formula-injection",
            "professionals.csv",
            2,
            "role",
            {"professionals.csv": ("schuldhulpverlener", "\x0b@SUM(1)")},
        ),
        (
            "control-character-nul-in-name",
            "an organisation name holds a NUL byte",
            "control-character",
            organisations,
            3,
            "name",
            {organisations: ("Schuldhulp Ketendam,", "Schuldhulp\x00Ketendam,")},
        ),
        (
            "client-identity-dashed-bsn",
            "a referral's domain holds 111-222-333, a BSN with dashes",
            "possible-client-identity",
            referrals,
            2,
            "domain",
            {referrals: (base_referral, _referral("111-222-333")[1])},
        ),
        (
            "client-identity-bsn-word",
            "a referral's domain holds 'bsn 111222333'",
            "possible-client-identity",
            referrals,
            2,
            "domain",
            {referrals: (base_referral, _referral("bsn 111222333")[1])},
        ),
        (
            "client-identity-name-and-birth-date",
            "a referral's domain holds 'Jan de Vries geb. 01-02-1980'",
            "possible-client-identity",
            referrals,
            2,
            "domain",
            {referrals: (base_referral, _referral("Jan de Vries geb. 01-02-1980")[1])},
        ),
        (
            "client-identity-postcode-and-number",
            "a referral's domain holds a postcode with a house number",
            "possible-client-identity",
            referrals,
            2,
            "domain",
            {referrals: (base_referral, _referral("3511 AB 12")[1])},
        ),
        (
            "count-beyond-64-bits",
            "a referral count of 2^63, one more than either store holds",
            "bad-number",
            referrals,
            2,
            "count",
            {referrals: (base_referral, _referral("schulden", "9223372036854775808")[1])},
        ),
        (
            "capacity-beyond-64-bits",
            "a capacity of 10^30",
            "bad-number",
            organisations,
            3,
            "capacity",
            {
                organisations: (
                    _ORGANISATION_2,
                    _ORGANISATION_2.replace(",25,", ",1000000000000000000000000000000,"),
                )
            },
        ),
        (
            "full-width-digits-in-municipality",
            "a municipality GM９９０１ in full-width digits",
            "bad-area-code",
            organisations,
            3,
            "municipality",
            {organisations: (_ORGANISATION_2, _ORGANISATION_2.replace(",GM9901,", ",GM９９０１,"))},
        ),
        (
            "arabic-indic-digits-in-kvk",
            "a KvK number in Arabic-Indic digits",
            "bad-value",
            organisations,
            3,
            "kvk",
            {organisations: (_ORGANISATION_2, _ORGANISATION_2.replace(",WK990101,,", ",WK990101,١٢٣٤٥٦٧٨,"))},
        ),
        (
            "full-width-digits-in-count",
            "a referral count of １２ in full-width digits",
            "bad-number",
            referrals,
            2,
            "count",
            {referrals: (base_referral, _referral("schulden", "１２")[1])},
        ),
        (
            "umbrella-cycle",
            "two organisations are each other's umbrella",
            "parent-cycle",
            organisations,
            2,
            "parent_id",
            {organisations: ("12345678,40,,", "12345678,40,ORG0002,")},
        ),
        (
            "area-parent-cycle",
            "a wijk whose parent is a buurt",
            "parent-cycle",
            "areas.csv",
            3,
            "parent",
            {"areas.csv": ("WK990101,Centrum,wijk,GM9901", "WK990101,Centrum,wijk,BU99010101")},
        ),
    ]
    for name, description, code, file, row, column, edit in cases:
        if name == "umbrella-cycle":
            _csv_case(name, description, code, file, row, column, edit)
            path = BAD / name / "input" / organisations
            text = path.read_text(encoding="utf-8").replace(
                _ORGANISATION_2, _ORGANISATION_2.replace(",25,,", ",25,ORG0001,")
            )
            path.write_text(text, encoding="utf-8")
            continue
        _csv_case(name, description, code, file, row, column, edit)
    ring = "[[5.1,52.08],[5.13,52.1],[5.13,52.08],[5.1,52.1],[5.1,52.08]]"
    boundaries = [
        (
            "boundary-self-intersecting",
            "an outline shaped like a bow tie crosses itself",
            '{""type"":""Polygon"",""coordinates"":[' + ring + "]}",
        ),
        (
            "boundary-nested-deeply",
            "an outline nested 100,000 brackets deep",
            '{""type"":""Polygon"",""coordinates"":' + "[" * 100_000 + "]" * 100_000 + "}",
        ),
        (
            "boundary-number-with-400-digits",
            "a coordinate with 400 digits",
            '{""type"":""Polygon"",""coordinates"":[[[5.1,52.08],['
            + "9" * 400
            + ",52.08],[5.13,52.1],[5.1,52.08]]]}",
        ),
    ]
    for name, description, cell in boundaries:
        where = _case(name, description, "bad-boundary", "areas.csv", 3, "boundary")
        for source in sorted(BASE.iterdir()):
            (where / source.name).write_bytes(source.read_bytes())
        (where / "areas.csv").write_text(
            f'code,name,level,parent,boundary\nGM9901,Ketendam,gemeente,,\nWK990101,Centrum,wijk,GM9901,"{cell}"\n',
            encoding="utf-8",
        )
    # every case keeps the base's referral, with a harmless domain
    for name in [c[0] for c in cases] + [b[0] for b in boundaries]:
        path = BAD / name / "input" / referrals
        path.write_text(
            path.read_text(encoding="utf-8").replace(base_referral, _GOOD_REFERRAL), encoding="utf-8"
        )


if __name__ == "__main__":
    write_all()
    write_csv_cases()
