"""docs/analytics.md names the chance lists' keys and every field of a chance that analyse prints."""

from __future__ import annotations

from pathlib import Path

from graph.analysis import analyse
from graph.model import Ecosystem

ANALYTICS = (Path(__file__).parents[1] / "docs" / "analytics.md").read_text(encoding="utf-8")


def test_every_field_of_suggestions_and_overlaps_is_documented(demo: Ecosystem) -> None:
    result = analyse(demo, top=3)
    assert result["suggestions"]
    assert result["overlaps"]
    keys = ["suggestions", "overlaps", *result["suggestions"][0], *result["overlaps"][0]]
    assert [key for key in keys if f"`{key}`" not in ANALYTICS] == []
    assert {s["kind"] for s in result["suggestions"]} == {"kennismaken"}
    assert {s["kind"] for s in result["overlaps"]} == {"afstemmen"}
    assert all(s["introducer"] for s in result["suggestions"] + result["overlaps"])
