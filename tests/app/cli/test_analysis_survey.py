"""``ketenkaart analyse`` and ``report`` carry what partners reported, read from a real SQLite store.

Three care and welfare organisations in one wijk; A and B share an agreement. In round R1
(closed) A confirms B (trust 4 and 2: 3) and adds C; B confirms A (trust 4) and later saves
a draft that drops A; C is invited but does not answer. A and B are both interested in
meeting each other.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from app.cli.main import cli
from graph.model import Agreement, Area, Ecosystem, Organisation
from graph.periods import Period
from graph.survey import Interest, Response, SuggestionAnswer, SurveyRound, TieAnswer, TieStatus
from graph.taxonomy import AgreementKind, AreaLevel, Sector
from queries.sqlite import SqliteStore

DOCS = (Path(__file__).parents[3] / "docs" / "analytics.md").read_text(encoding="utf-8")


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "ketenkaart.sqlite"
    with SqliteStore(path) as store:
        store.apply(
            Ecosystem(
                areas=(
                    Area("GM9901", "Ketendam", AreaLevel.GEMEENTE),
                    Area("WK990101", "Centrum", AreaLevel.WIJK, "GM9901"),
                ),
                organisations=(
                    Organisation("A", "Alfa Zorg", Sector.ZORG, "GM9901", ("WK990101",)),
                    Organisation("B", "Beta Welzijn", Sector.WELZIJN, "GM9901", ("WK990101",)),
                    Organisation("C", "Gamma Welzijn", Sector.WELZIJN, "GM9901", ("WK990101",)),
                ),
                agreements=(Agreement("X", "Convenant", AgreementKind.COVENANT, parties=("A", "B")),),
            )
        )
    return path


def _fill(db: Path) -> None:
    interested = (SuggestionAnswer("B", Interest.INTERESTED),)
    with SqliteStore(db) as store:
        store.open_round(
            SurveyRound(
                "R1",
                "Najaar",
                Period.parse("2026-Q4"),
                date(2026, 12, 20),
                ("A", "B", "C"),
                "analist",
                "2026-10-01",
            )
        )
        store.save_response(
            Response(
                "R1",
                "A",
                ties=(
                    TieAnswer("B", TieStatus.CONFIRMED, frequency=3, ratings=(("reliable", 4), ("open", 2))),
                    TieAnswer("C", TieStatus.ADDED, frequency=1),
                ),
                suggestions=interested,
                submitted=True,
            )
        )
        b_said = Response(
            "R1",
            "B",
            ties=(TieAnswer("A", TieStatus.CONFIRMED, frequency=3, ratings=(("shared_goal", 4),)),),
            suggestions=(SuggestionAnswer("A", Interest.INTERESTED),),
            submitted=True,
        )
        store.save_response(b_said)
        store.save_response(Response("R1", "B", ties=(TieAnswer("A", TieStatus.REJECTED),), submitted=False))
        store.close_round("R1", "2026-12-21T09:00:00+00:00")


def analysed(db: Path, *extra: str) -> dict[str, Any]:
    result = run("analyse", "--database", str(db), "--json", *extra)
    assert result.exit_code == 0, result.output
    data: dict[str, Any] = json.loads(result.output)
    return data


def test_without_rounds_there_is_no_survey_section(db: Path) -> None:
    assert "survey" not in analysed(db)


def test_analyse_json_carries_the_survey_section_after_answers_are_saved(db: Path) -> None:
    _fill(db)
    survey = analysed(db)["survey"]
    assert survey["round"] == "R1"
    assert survey["closed"] is True
    assert survey["rounds"] == [
        {
            "id": "R1",
            "name": "Najaar",
            "period": "2026-Q4",
            "closes": "2026-12-20",
            "closed_at": "2026-12-21T09:00:00+00:00",
            "invited": 3,
            "responded": 2,  # B's later draft does not undo its submission
            "response_rate": pytest.approx(2 / 3),
        }
    ]
    # A-B named by both (B's submitted version counts, not its draft); A-C by A, C did not answer
    assert survey["reciprocity"] | {"pairs": None} == {
        "mutual": 1,
        "one_sided": 0,
        "unanswered": 1,
        "rate": 1.0,
        "pairs": None,
    }
    # A rates B trust (4 + 2) / 2 = 3; B rates A trust 4: the tie's trust is 3.5 over 2 raters
    assert survey["ties"] == [
        {"a": "A", "b": "B", "trust": 3.5, "trust_raters": 2, "value": None, "value_raters": 0}
    ]
    assert survey["gap"]["unseen"] == [{"reporter": "A", "partner": "C", "layers": []}]
    assert survey["gap"]["confirmed"] == 2
    assert survey["coffee_matches"] == [["A", "B"]]
    # welfare: B answered, C did not: 50% is below 60%
    assert {"level": "sector", "group": "welzijn", "reason": "low_rate", "value": 0.5} in survey["response"][
        "warnings"
    ]


def test_reported_ties_are_a_layer_of_the_analysis(db: Path) -> None:
    assert analysed(db)["scope"]["ties"] == 1  # the agreement A-B
    _fill(db)
    assert analysed(db)["scope"]["ties"] == 2  # and A-C, reported by A
    only = analysed(db, "--layers", "agreements,professionals,referrals")
    assert (only["scope"]["ties"], only["scope"]["layers"]) == (
        1,
        ["agreements", "professionals", "referrals"],
    )


def test_every_key_of_the_survey_section_is_documented(db: Path) -> None:
    _fill(db)
    survey = analysed(db)["survey"]
    assert sorted(key for key in survey if f"`survey.{key}`" not in DOCS) == []
    keys: set[str] = set()
    for part in ("response", "reciprocity", "gap"):
        keys |= set(survey[part])
    keys |= set(survey["rounds"][0]) | set(survey["response"]["by_sector"][0])
    keys |= set(survey["response"]["warnings"][0]) | set(survey["reciprocity"]["pairs"][0])
    keys |= set(survey["organisations"][0]) | set(survey["ties"][0]) | set(survey["gap"]["unseen"][0])
    assert sorted(key for key in keys if f"`{key}`" not in DOCS) == []
    assert "`survey`" in DOCS


def test_the_report_shows_the_survey_with_its_tables(db: Path, tmp_path: Path) -> None:
    _fill(db)
    out = tmp_path / "rapport.html"
    result = run("report", str(out), "--database", str(db), "--lang", "en")
    assert result.exit_code == 0, result.output
    page = out.read_text(encoding="utf-8")
    assert "Survey: response" in page
    assert "2 of 3 invited organisations submitted their answers" in page
    assert "Caution: sector Welfare has 50% response, less than 60%." in page
    tables = out.with_name("rapport-tabellen")
    assert (
        (tables / "enquete-banden.csv")
        .read_text(encoding="utf-8-sig")
        .splitlines()[1]
        .startswith("Alfa Zorg,Beta Welzijn,3.5,2")
    )
    assert (tables / "enquete-koffie.csv").exists()


def test_the_summary_names_the_round_and_its_figures(db: Path) -> None:
    _fill(db)
    result = run("analyse", "--database", str(db))
    assert result.exit_code == 0, result.output
    said = " ".join(result.output.split())
    assert "Survey R1: 2 of 3 answered; 1 ties named by both, 0 by one;" in said
    assert "0 data ties rejected, 1 reported ties not in the data" in said
