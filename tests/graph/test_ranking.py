"""The ranking of chances, measured: hidden ties come back (``benchmarks/bench_ranking.py``)."""

from __future__ import annotations

import itertools

import networkx as nx
import pytest

from benchmarks.bench_ranking import (
    METHODS,
    SHARED,
    Split,
    demo_splits,
    demo_temporal_splits,
    evaluate,
    public_splits,
    run,
)


@pytest.fixture(scope="module")
def temporal() -> Split:
    return demo_splits()[0]


def test_the_demo_grows_ties_in_its_last_quarter(temporal: Split) -> None:
    assert temporal.name == "demo temporal"
    assert len(temporal.hidden) >= 20
    assert not any(temporal.train.has_edge(*pair) for pair in temporal.hidden)


def test_the_new_ranking_beats_adamic_adar_and_common_neighbours_on_the_temporal_split(
    temporal: Split,
) -> None:
    found = {name: evaluate(temporal, ranking(temporal.train)) for name, ranking in METHODS.items()}
    new = found["new"]
    for base in ("adamic_adar", "common_neighbours"):
        assert new.auc > found[base].auc, base
        assert new.p50 > found[base].p50, base
        assert new.p10 >= found[base].p10, base


def test_over_twelve_demos_the_new_ranking_beats_both_baselines_on_every_measure() -> None:
    splits = demo_temporal_splits()
    assert len({split.name for split in splits}) == 12
    assert all(len(split.hidden) >= 15 for split in splits)
    (table,) = run(splits).values()  # one group: the twelve splits averaged
    for base in ("adamic_adar", "common_neighbours"):
        for measure in ("p10", "p50", "auc"):
            assert table["new"][measure] > table[base][measure], (base, measure)


def test_evaluate_agrees_with_brute_force() -> None:
    G = nx.relabel_nodes(nx.karate_club_graph(), lambda i: f"K{i:02d}")
    hidden = frozenset([("K00", "K09"), ("K05", "K33"), ("K14", "K20"), ("K01", "K29")])
    G.remove_edges_from([pair for pair in hidden if G.has_edge(*pair)])
    split = Split("karate", G, hidden)
    scores = METHODS["adamic_adar"](G)
    got = evaluate(split, scores)
    untied = [(u, v) for u, v in itertools.combinations(sorted(G), 2) if not G.has_edge(u, v)]
    positive = [scores.get(p, 0.0) for p in untied if p in hidden]
    negative = [scores.get(p, 0.0) for p in untied if p not in hidden]
    wins = sum(1.0 if a > b else 0.5 if a == b else 0.0 for a in positive for b in negative)
    assert got.auc == pytest.approx(wins / (len(positive) * len(negative)))
    best = sorted(untied, key=lambda p: -scores.get(p, 0.0))
    cut = scores.get(best[9], 0.0)
    if scores.get(best[10], 0.0) < cut:  # no tie at the cut: precision does not depend on the shuffle
        assert got.p10 == sum(p in hidden for p in best[:10]) / 10


@pytest.mark.skipif(not SHARED.exists(), reason="shared reference data not found beside the checkout")
def test_kapferers_second_wave_is_the_hidden_set() -> None:
    social = next(s for s in public_splits() if s.name == "kapferer social")
    assert social.train.number_of_nodes() == 39
    assert social.train.number_of_edges() == 158  # wave 1 (SOURCE.md)
    assert 0 < len(social.hidden) <= 120  # wave 2 ties that wave 1 lacks
