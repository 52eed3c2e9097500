"""The report's brokerage section and tables on the real demo, in both languages."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pandas as pd
import pytest

from app.i18n import MEASURES, Language
from app.report.brokerage import T, broker_frame
from app.report.html import report_tables, write_report
from graph.analysis import analyse
from graph.brokerage import ROLES
from graph.model import Ecosystem
from loaders.demo import PLANTED

COUNTS = (*ROLES, "total")


@pytest.fixture(scope="module")
def analysis(demo: Ecosystem) -> dict[str, Any]:
    return analyse(demo)


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_brokers_table_lists_every_cross_sector_broker_with_its_counts(
    analysis: dict[str, Any], lang: Language
) -> None:
    frame = broker_frame(analysis, lang)
    nodes = {n["name"]: n["brokerage"] for n in analysis["nodes"]}
    brokers = {name for name, b in nodes.items() if b["total"] > b["coordinator"]}
    organisation = frame.columns[1]
    assert set(frame[organisation]) == brokers
    assert frame.iloc[0][organisation] == next(
        n["name"] for n in analysis["nodes"] if n["id"] == PLANTED["broker"]
    )
    for _, row in frame.iterrows():
        assert [row[T(role, lang)] for role in COUNTS] == [nodes[row[organisation]][role] for role in COUNTS]
    across = frame[T("total", lang)] - frame[T("coordinator", lang)]
    assert list(across) == sorted(across, reverse=True)


def test_knelpunten_table_has_one_column_per_role(analysis: dict[str, Any]) -> None:
    frame = report_tables(analysis)["knelpunten"]
    assert "brokerage" not in frame.columns
    by_id = {n["id"]: n["brokerage"] for n in analysis["nodes"]}
    for _, row in frame.iterrows():
        assert [row[f"brokerage_{role}"] for role in COUNTS] == [by_id[row["id"]][role] for role in COUNTS]


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_report_has_a_brokerage_section_and_csv(
    analysis: dict[str, Any], lang: Language, tmp_path: Path
) -> None:
    out = tmp_path / "rapport.html"
    write_report(analysis, out, title="Test", lang=lang)
    html = out.read_text(encoding="utf-8")
    assert f"<h2>{MEASURES['brokerage'].name(lang)}</h2>" in html
    role = "Poortwachter voor" if lang == "nl" else "Gatekeeper for"
    assert role in html
    csv = pd.read_csv(
        tmp_path / "rapport-tabellen" / "makelaars.csv",
        sep=";" if lang == "nl" else ",",
        encoding="utf-8-sig",
    )
    assert list(csv.columns[-len(COUNTS) :]) == [T(role, lang) for role in COUNTS]
    assert len(csv) == len(broker_frame(analysis, lang))
