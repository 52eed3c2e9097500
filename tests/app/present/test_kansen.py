"""The Kansen presenter on the real demo: planted missing links, gaps and practice, both languages."""

from __future__ import annotations

from collections import Counter
from typing import Any

import pytest

from app.i18n import Language
from app.present.kansen import chance_sections, spread_suggestions
from graph.model import Ecosystem
from loaders.demo import PLANTED
from tests.app.analysed import Analysed, by_name, cells

LANGS: list[Language] = ["nl", "en"]


@pytest.fixture(scope="module")
def analysed(demo: Ecosystem) -> Analysed:
    return Analysed.of(demo)


@pytest.fixture(scope="module")
def suggestions(demo: Ecosystem, analysed: Analysed) -> list[dict[str, Any]]:
    return spread_suggestions(analysed.graph, {a.code: a.name for a in demo.areas})


def test_spread_suggestions_hold_the_planted_missing_links_and_spread_out(
    suggestions: list[dict[str, Any]],
) -> None:
    pairs = [(s["source"], s["target"]) for s in suggestions]
    for a, b in PLANTED["missing_links"]:
        assert (min(a, b), max(a, b)) in pairs[:10]
    for start in range(len(pairs)):
        window = Counter(o for pair in pairs[start : start + 20] for o in pair)
        assert max(window.values()) <= 2  # no organisation more than twice in any twenty
    assert all(s["introducer"] is not None for s in suggestions)  # candidates share a partner


@pytest.mark.parametrize("lang", LANGS)
def test_chances_of_the_demo(analysed: Analysed, suggestions: list[dict[str, Any]], lang: Language) -> None:
    names = analysed.names
    sections = by_name(chance_sections(analysed.analysis, suggestions, names, lang))
    linie, schuldhulp = (names[o] for o in PLANTED["missing_links"][0])
    link = next(
        r
        for r in sections["kansen-links"].rows
        if {r["organisation-a"], r["organisation-b"]} == {linie, schuldhulp}
    )
    assert ("gedeelde partners" if lang == "nl" else "shared partners") in str(link["reasons"])
    assert link["introducer"] in set(names.values())
    overlaps = sections["kansen-overlaps"].rows
    assert overlaps, "the demo's same-sector providers overlap"
    assert all(r["sector-a"] == r["sector-b"] for r in overlaps)
    absent = sections["kansen-absent-sectors"].rows
    assert [(r["area"], r["sector"]) for r in absent] == [
        ("Havenkwartier", "Jeugd" if lang == "nl" else "Youth")
    ]
    gap = sections["kansen-sector-gaps"].rows
    assert all(f" {'en' if lang == 'nl' else 'and'} " in str(r["sectors"]) for r in gap)
    specialist = next(
        r for r in sections["kansen-shared-specialists"].rows if r["role"] == PLANTED["duplicated_role"]
    )
    assert specialist["areas"] == "Oost"
    assert specialist["professionals"] == 6
    paper = sections["kansen-paper-agreements"].rows
    assert [r["agreement"] for r in paper] == ["Convenant Laaggeletterdheid Ketendam"]
    assert paper[0]["kind"] == ("Convenant" if lang == "nl" else "Covenant")
    source, target = (names[o] for o in PLANTED["flow_without_agreement"])
    assert any(
        {r["organisation-a"], r["organisation-b"]} == {source, target}
        for r in sections["kansen-unagreed-flows"].rows
    )
    ping = sections["kansen-ping-pong"].rows[0]
    assert {ping["organisation-a"], ping["organisation-b"]} == {names[o] for o in PLANTED["ping_pong"]}
    ambassador = sections["kansen-ambassadors"].rows[0]
    assert ambassador["professional"] == PLANTED["ambassador"]
    assert ambassador["own-share"] == 82.4
    every_cell = " ".join(cells(s) for s in sections.values())
    assert not any(person in every_cell for person in analysed.person_names)
    assert all(s.action and s.meaning for s in sections.values())
