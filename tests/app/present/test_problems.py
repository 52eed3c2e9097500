"""The loaders' problems in Dutch and English: a template per code, filled from the problem's parts.

Every case of the bad-input corpus (``tests/data/bad``) is checked with the real loaders;
each problem they report must read as the app's own template in either language, never
as the loaders' English message, and every part a loader gives (but the English ``reason``
of an exception) must find a template that uses it.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from app.present.gegevens import report_rows
from app.present.problems import PROBLEM_TEXTS, fields, problem_text, render
from loaders.codes import ProblemCode
from loaders.load import check
from loaders.report import LoadReport, RowError

BAD = Path(__file__).parents[2] / "data" / "bad"
CASES = sorted(p for p in BAD.iterdir() if (p / "expected.json").is_file())
ENGLISH = re.compile(
    r"\b(the|is not|not a|cannot|must|should|holds|only|found|with|this|than|use|file|cell|column|row)\b",
    re.IGNORECASE,
)
"""English words no Dutch problem text holds (values such as ids and column names are left out first)."""


def _source(case: Path) -> Path:
    folder = case / "input"
    books = sorted(folder.glob("*.xls[xm]"))
    return books[0] if len(books) == 1 else folder


def _without_parts(text: str, problem: RowError) -> str:
    for value in problem.detail.values():
        text = text.replace(str(value), "")
    return text


def test_every_code_has_a_meaning_and_its_details_in_both_languages() -> None:
    assert set(PROBLEM_TEXTS) == set(ProblemCode)
    for code, texts in PROBLEM_TEXTS.items():
        dutch, english = texts.meaning
        assert dutch.strip(), code
        assert english.strip(), code
        assert dutch != english, code
        assert not fields(dutch), f"{code}: a meaning needs no parts"
        assert not fields(english), f"{code}: a meaning needs no parts"
        for dutch, english in texts.details:
            assert dutch != english, code
            assert fields(dutch) == fields(english), f"{code}: {dutch!r} and {english!r} name other parts"


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_every_problem_of_the_corpus_is_said_in_the_language_chosen(case: Path) -> None:
    report = check(_source(case)).report
    problems = report.sorted_errors() + report.warnings
    assert problems, "a bad input reports a problem"
    for problem in problems:
        dutch, english = problem_text(problem, "nl"), problem_text(problem, "en")
        assert problem.message not in (dutch, english)
        assert not ENGLISH.search(_without_parts(dutch, problem)), dutch
        assert dutch != english
        texts = PROBLEM_TEXTS[ProblemCode(problem.code)]
        given = set(problem.detail) - {"reason"}
        if given:  # the loader named parts: a detail uses them, not only the code's meaning
            assert dutch != texts.meaning[0], (problem.code, problem.detail)
            assert not any(f"{{{name}}}" in dutch for name in given)


def test_numbers_and_dates_in_the_parts_are_written_per_language() -> None:
    long = RowError("o.csv", 2, "name", ProblemCode.CELL_TOO_LONG, "x", (("n", 200000), ("limit", 500)))
    assert "200.000" in problem_text(long, "nl")
    assert "200,000" in problem_text(long, "en")
    late = RowError(
        "a.csv", 2, "end", ProblemCode.BAD_DATE_RANGE, "x", (("end", "2024-06-30"), ("start", "2025-01-01"))
    )
    assert problem_text(late, "nl") == "Het einde (30 jun 2024) ligt voor het begin (1 jan 2025)."
    assert problem_text(late, "en") == "The end (30 Jun 2024) is before the start (1 Jan 2025)."


def test_a_detail_needs_every_part_it_names() -> None:
    texts = PROBLEM_TEXTS[ProblemCode.UNKNOWN_ORGANISATION]
    assert render(texts, {}, "nl") == texts.meaning[0]
    assert render(texts, {"ids": "ORG1"}, "nl").startswith("ORG1: geen organisatie")
    assert render(texts, {"ids": "ORG1, ORG2", "more": 3}, "nl").startswith("ORG1, ORG2 en nog 3:")


def test_report_rows_write_the_page_s_own_problems_and_row_numbers_per_language() -> None:
    report = LoadReport("upload")
    report.error("book.txt", None, None, ProblemCode.UNREADABLE_FILE, "upload CSV files", upload="type")
    report.error("organisations.csv", 12345, "id", ProblemCode.BAD_ID, "'a b' is not", value="a b")
    dutch, english = report_rows(report, "nl"), report_rows(report, "en")
    assert [r["message"] for r in dutch] == [
        "Laad CSV-bestanden of één Excel-werkmap (.xlsx).",
        "‘a b’ is geen bruikbare id: gebruik alleen letters, cijfers en . _ : / -",
    ]
    assert english[0]["message"] == "Upload CSV files or one Excel workbook (.xlsx)."
    assert (dutch[1]["row"], english[1]["row"]) == ("12.345", "12,345")
