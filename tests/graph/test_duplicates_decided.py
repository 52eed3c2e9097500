"""Probable duplicates an analyst judged "not the same organisation" are not listed again."""

from __future__ import annotations

from graph.duplicates import DuplicateCandidate, not_same_pairs, probable_duplicates
from graph.model import Organisation
from graph.survey import PairDecision
from graph.taxonomy import Sector

# Three records with one name: three pairs, each listed as "same-name".
BRUG = [
    Organisation("O1", "Stichting De Brug", Sector.WELZIJN),
    Organisation("O2", "De Brug", Sector.WELZIJN),
    Organisation("O3", "Brug", Sector.WELZIJN),
]


def listed(found: list[DuplicateCandidate]) -> set[frozenset[str]]:
    return {frozenset((c.first, c.second)) for c in found}


def test_without_decisions_every_pair_is_listed() -> None:
    assert listed(probable_duplicates(BRUG)) == {
        frozenset({"O1", "O2"}),
        frozenset({"O1", "O3"}),
        frozenset({"O2", "O3"}),
    }


def test_a_not_same_verdict_removes_exactly_that_pair_whichever_way_round_it_was_given() -> None:
    for first, second in (("O1", "O2"), ("O2", "O1")):
        found = probable_duplicates(BRUG, decisions=[PairDecision(first, second, same=False)])
        assert listed(found) == {frozenset({"O1", "O3"}), frozenset({"O2", "O3"})}


def test_a_same_verdict_keeps_the_pair_listed_until_it_is_merged() -> None:
    found = probable_duplicates(BRUG, decisions=[PairDecision("O1", "O2", same=True)])
    assert frozenset({"O1", "O2"}) in listed(found)
    assert len(found) == 3


def test_the_latest_verdict_on_a_pair_counts() -> None:
    changed_mind = [PairDecision("O1", "O2", same=False), PairDecision("O2", "O1", same=True)]
    assert frozenset({"O1", "O2"}) in listed(probable_duplicates(BRUG, decisions=changed_mind))
    assert not_same_pairs(changed_mind) == frozenset()
    assert not_same_pairs(reversed(changed_mind)) == {("O1", "O2")}


def test_verdicts_apply_to_the_pairs_of_an_import_too() -> None:
    decisions = [PairDecision("O3", "O1", same=False), PairDecision("O3", "O2", same=False)]
    assert probable_duplicates(BRUG, among={"O3"}, decisions=decisions) == []
    assert listed(probable_duplicates(BRUG, among={"O1"}, decisions=decisions)) == {frozenset({"O1", "O2"})}


def test_verdicts_on_pairs_that_are_not_candidates_change_nothing() -> None:
    decisions = [PairDecision("O1", "O9", same=False), PairDecision("X", "Y", same=False)]
    assert probable_duplicates(BRUG, decisions=decisions) == probable_duplicates(BRUG)
