"""The data page: counts and load log, upload -> dry run -> confirm, analysts only."""

from __future__ import annotations

from pathlib import Path

import pytest
from dash import Dash

from app.access import ANALYST, Role, Viewer
from app.settings import Settings
from app.web.factory import create_app
from app.web.pages import gegevens
from app.web.services import services
from graph.model import Ecosystem
from loaders.writers import ecosystem_tables, write_csv_folder
from queries.sqlite import SqliteStore
from tests.app.conftest import request_as, users_with
from tests.app.present.test_gegevens import BAD, encoded
from tests.app.trees import components, grid_rows, text_of


@pytest.fixture
def fresh_app(tmp_path: Path) -> Dash:
    """The explorer on a fresh, empty store, with an analyst and a partner."""
    users = users_with(("ana", "analist", None), ("piet", "partner", "ORG0043"))
    return create_app(Settings(), SqliteStore(tmp_path / "x.sqlite"), users=users)


def test_upload_dry_run_confirm_and_reload(fresh_app: Dash, demo: Ecosystem, tmp_path: Path) -> None:
    write_csv_folder(ecosystem_tables(demo), tmp_path / "demo")
    contents, names = encoded(tmp_path / "demo")
    with request_as(fresh_app, "ana"):
        store = services().store
        report, key, disabled, result, cleared = gegevens.upload(contents, names, "nl")
        assert disabled is False
        assert isinstance(key, str)
        assert result == []
        assert cleared is None
        assert "Geen fouten gevonden" in text_of(report)
        batch = grid_rows(report, "gegevens-batch-table")
        first = {k: batch[0][k] for k in ("records", "count", "new")}
        assert first == {"records": "organisaties", "count": 150, "new": 150}
        rows = len(demo.flows)  # more than 9,999: a grouped number
        assert f"{rows:,}".replace(",", ".") in {row["__fmt_count"] for row in batch}  # as Dutch writes it
        assert store.counts().organisations == 0  # the dry run wrote nothing
        revision = store.revision()
        changes, key_after, disabled_after, overview, report_after = gegevens.load_upload(1, key, "en")
        assert report_after == []  # the dry run's "confirm to write it" is gone once it is written
        assert (key_after, disabled_after) == (None, True)
        assert store.revision() > revision
        assert store.counts() == demo.counts()
        flows = next(r for r in grid_rows(changes, "gegevens-changes-table") if r["table"] == "referral rows")
        assert (flows["changed"], flows["__fmt_changed"]) == (rows, f"{rows:,}")
        counted = grid_rows(overview, "gegevens-counts")[0]
        assert (counted["records"], counted["count"]) == ("organisations", 150)
        log = grid_rows(overview, "gegevens-loads")
        assert len(log) == 1
        assert "organisations.csv" in log[0]["files"]
        assert log[0]["organisations"] == 150
        assert (
            services().organisation_names()["ORG0043"] == "Stichting Welzijn Ketendam"
        )  # other pages see it
        _, again, _, _, _ = gegevens.upload(contents, names, "en")
        second, _, _, overview, _ = gegevens.load_upload(1, again, "en")
        assert "No changes" in text_of(second)
        assert len(grid_rows(overview, "gegevens-loads")) == 1


def test_bad_file_shows_the_report_row_and_keeps_confirm_disabled(fresh_app: Dash) -> None:
    with request_as(fresh_app, "ana"):
        report, key, disabled, _, _ = gegevens.upload(*encoded(BAD / "unknown-sector" / "input"), "en")
    assert key is None
    assert disabled is True
    assert "error found; nothing will be written" in text_of(report) or "errors found" in text_of(report)
    assert "1 errors" not in text_of(report)  # one error, singular
    rows = grid_rows(report, "gegevens-report-table")
    assert {k: v for k, v in rows[0].items() if k != "message"} == {
        "severity": "error",
        "file": "organisations.csv",
        "row": "3",
        "column": "sector",
        "code": "unknown-sector",
    }


def test_partners_cannot_upload_or_load(fresh_app: Dash, tmp_path: Path) -> None:
    with request_as(fresh_app, "piet"):
        with pytest.raises(PermissionError):
            gegevens.upload(*encoded(BAD / "unknown-sector" / "input"), "nl")
        with pytest.raises(PermissionError):
            gegevens.load_upload(1, "a" * 32, "nl")
        page = gegevens.layout("nl", Viewer("piet", Role.PARTNER, "ORG0043"))
    assert "niet beschikbaar" in text_of(page)
    assert "gegevens-upload" not in text_of(page)
    assert not (tmp_path / "data" / "uploads").exists()


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_layout_shows_counts_and_an_empty_log(fresh_app: Dash, lang: str) -> None:
    with request_as(fresh_app, "ana"):
        page = gegevens.layout("en" if lang == "en" else "nl", ANALYST)
    text = text_of(page)
    assert ("Nothing has been loaded yet." if lang == "en" else "Er is nog niets geladen.") in text
    first = grid_rows(page, "gegevens-counts")[0]
    assert (first["records"], first["count"]) == ("organisations" if lang == "en" else "organisaties", 0)
    upload = next(c for c in components(page) if getattr(c, "id", None) == "gegevens-upload")
    assert upload.multiple is True
    assert upload.accept == ".csv,.xlsx"
