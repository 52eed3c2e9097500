"""The one formatting layer: every number, month, date, count and CSV per language."""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime

import pytest

from app.present.common import number as common_number
from app.present.formatting import cell, count, csv_bytes, moment, month, number, percent, plotly_separators


@pytest.mark.parametrize(
    ("value", "digits", "nl", "en"),
    [
        (14499, 0, "14.499", "14,499"),
        (0.1654, 3, "0,165", "0.165"),
        (237.2, 1, "237,2", "237.2"),
        (-2.5, 1, "-2,5", "-2.5"),
    ],
)
def test_numbers_follow_the_language(value: float, digits: int, nl: str, en: str) -> None:
    assert (number(value, "nl", digits), number(value, "en", digits)) == (nl, en)
    assert common_number(value, "nl", digits) == nl  # the presenters' helper is the same layer


def test_missing_numbers_never_show_as_nan_or_none() -> None:
    assert {number(None, "nl"), number(float("nan"), "en"), cell(None, "nl"), percent(None, "en")} == {"–"}


def test_months_dates_and_plurals() -> None:
    assert [month(p, "nl") for p in ("2025-01", "2025-03", "2025-05")] == ["jan 2025", "mrt 2025", "mei 2025"]
    assert [month(p, "en") for p in ("2025-01", "2025-03", "2025-05")] == ["Jan 2025", "Mar 2025", "May 2025"]
    assert month("2025-Q2", "en") == "Q2 2025"
    stamp = datetime(2026, 12, 6, 3, 13, 22, tzinfo=UTC)
    assert "T" not in moment(stamp.isoformat(), "nl")
    assert "2026" in moment(stamp, "nl")
    assert [count(n, "fout", "fouten", "nl") for n in (0, 1, 2)] == ["0 fouten", "1 fout", "2 fouten"]
    assert count(1, "organisation", "organisations", "en") == "1 organisation"
    assert percent(0.5, "nl", 0) == "50%"


def test_dutch_csv_opens_in_dutch_excel_and_english_keeps_commas() -> None:
    rows = [{"name": "Buurthuis; De Linde", "score": 0.165, "n": 1070}]
    columns = [("name", "Naam"), ("score", "Score"), ("n", "Aantal")]
    dutch = csv_bytes(rows, columns, "nl")
    assert dutch.startswith(b"\xef\xbb\xbf")
    parsed = list(csv.reader(io.StringIO(dutch.decode("utf-8-sig")), delimiter=";"))
    assert parsed == [["Naam", "Score", "Aantal"], ["Buurthuis; De Linde", "0,165", "1070"]]
    english = list(csv.reader(io.StringIO(csv_bytes(rows, columns, "en").decode("utf-8-sig"))))
    assert english[1] == ["Buurthuis; De Linde", "0.165", "1070"]


def test_plotly_separators() -> None:
    assert (plotly_separators("nl"), plotly_separators("en")) == (",.", ".,")
