"""Map positions: deterministic, complete, cached per data revision and per audience."""

from __future__ import annotations

import math

import networkx as nx
import numpy as np
import pytest
from dash import Dash
from scipy.spatial.distance import pdist

from app.access import ANALYST, Role, Viewer
from app.present.kaart_layout import (
    ASPECT,
    NODE_GAP,
    fit_aspect,
    group_layout,
    layout_positions,
    radial_layout,
    turn,
    wijk_layout,
)
from app.web.services import EXTENSION, Services

PARTNER = Viewer("piet", Role.PARTNER, "ORG0043")


def _blocks() -> nx.Graph[str]:
    G = nx.stochastic_block_model(
        [40, 40, 40], [[0.3, 0.01, 0.01], [0.01, 0.3, 0.01], [0.01, 0.01, 0.3]], seed=3
    )
    H: nx.Graph[str] = nx.relabel_nodes(G, {i: f"O{i:03d}" for i in G})
    H.add_nodes_from(["lonely-1", "lonely-2"])
    H.add_edge("pair-a", "pair-b")
    return H


def test_every_node_gets_a_finite_position_and_the_same_one_each_time() -> None:
    G = _blocks()
    first, second = layout_positions(G), layout_positions(G.copy())
    assert set(first) == set(G)
    assert first == second
    assert all(math.isfinite(x) and math.isfinite(y) for x, y in first.values())


def test_tied_organisations_sit_closer_than_random_pairs() -> None:
    G = _blocks()
    pos = {n: np.array(p) for n, p in layout_positions(G).items()}
    tied = np.mean([np.linalg.norm(pos[a] - pos[b]) for a, b in G.edges()])
    nodes = sorted(G)
    pairs = [(nodes[i], nodes[(i * 7 + 13) % len(nodes)]) for i in range(len(nodes))]
    spread = np.mean([np.linalg.norm(pos[a] - pos[b]) for a, b in pairs if a != b])
    assert tied < 0.6 * spread


def test_positions_are_cached_per_revision_and_differ_for_partners(demo_app: Dash) -> None:
    deps: Services = demo_app.server.extensions[EXTENSION]
    deps.warm()
    analyst = deps.positions(ANALYST)
    assert deps.positions(ANALYST) is analyst  # cached: the same object
    partner = deps.positions(PARTNER)
    assert partner is not analyst  # a set of its own, without the referral layer
    assert set(analyst) == set(partner) == set(deps.organisation_names())
    assert len(analyst) == 150


def test_no_two_organisations_closer_than_the_node_gap_and_the_drawing_is_wide() -> None:
    pos = layout_positions(_blocks())
    points = np.array(list(pos.values()))
    assert pdist(points).min() >= NODE_GAP - 1.0
    stretched = np.array(list(fit_aspect(pos).values()))
    width, height = np.ptp(stretched, axis=0)
    assert width / height == pytest.approx(ASPECT, rel=0.05)
    assert pdist(stretched).min() >= pdist(points).min() - 1e-6  # stretching never brings nodes closer


def test_groups_and_wijk_blocks_and_rings_do_not_overlap() -> None:
    G = _blocks()
    pos = layout_positions(G)
    members = {f"g{i}": [n for n in sorted(G) if hash(n) % 5 == i] for i in range(5)}
    sizes = {k: 30 + 6 * math.sqrt(len(v)) for k, v in members.items()}
    centres, inside = group_layout(members, {("g0", "g1"): 5.0}, sizes, pos, frozenset({"g2"}))
    assert set(inside) == set(members["g2"])
    radius = {k: sizes[k] / 2 for k in members} | {
        "g2": max(math.dist(centres["g2"], p) for p in inside.values())
    }
    for a in members:
        for b in members:
            if a < b:
                assert math.dist(centres[a], centres[b]) >= radius[a] + radius[b]
    placed, blocks = wijk_layout({"WK1": sorted(G)[:60], "WK2": sorted(G)[60:]}, pos)
    (x1, y1, r1), (x2, y2, r2) = blocks["WK1"], blocks["WK2"]
    assert math.dist((x1, y1), (x2, y2)) >= r1 + r2
    assert set(placed) == set(G)
    ring = radial_layout("O000", [sorted(G.adj["O000"])], pos)
    assert ring["O000"] == (0.0, 0.0)
    assert len({round(math.dist(p, (0, 0))) for n, p in ring.items() if n != "O000"}) > 0


def test_a_quarter_turn_keeps_every_distance_and_stands_a_wide_drawing_upright() -> None:
    pos = layout_positions(_blocks())
    turned = turn(pos)
    names = sorted(pos)
    before = pdist(np.array([pos[n] for n in names]))
    after = pdist(np.array([turned[n] for n in names]))
    assert np.allclose(before, after)
    width, height = np.ptp(np.array(list(pos.values())), axis=0)
    t_width, t_height = np.ptp(np.array(list(turned.values())), axis=0)
    assert (t_width, t_height) == pytest.approx((height, width))  # wide turns tall, tall wide


def test_isolates_form_a_band_below_and_small_components_fill_the_main_ones_corners() -> None:
    G: nx.Graph[str] = nx.relabel_nodes(nx.grid_2d_graph(9, 9), lambda p: f"g{p[0]}-{p[1]}")
    G.add_edges_from((f"p{i}a", f"p{i}b") for i in range(4))
    G.add_nodes_from(f"lonely-{i}" for i in range(30))
    pos = layout_positions(G)
    points = np.array(list(pos.values()))
    assert pdist(points).min() >= NODE_GAP - 1.0
    alone = np.array([pos[n] for n in G if n.startswith("lonely")])
    tied = np.array([pos[n] for n in G if not n.startswith("lonely")])
    assert alone[:, 1].min() > tied[:, 1].max()  # a band below the rest
    assert np.ptp(alone[:, 0]) <= np.ptp(tied[:, 0]) + 1e-6  # no wider than the rest
    assert np.ptp(alone[:, 1]) <= 2 * NODE_GAP * 1.2  # in at most three rows
    grid = np.array([pos[n] for n in G if n.startswith("g")])
    pairs = np.array([pos[n] for n in G if n.startswith("p")])
    # a grid laid out round leaves its box's corners empty: the pairs go there, not beside it
    assert (pairs.min(axis=0) >= grid.min(axis=0) - 1e-6).all()
    assert (pairs.max(axis=0) <= grid.max(axis=0) + 1e-6).all()


def test_a_small_group_on_a_long_path_does_not_squeeze_the_body() -> None:
    """A dense body of 120 with a group of 5 hanging on a path of 6 ties: the group is drawn in,
    so the body spans over a third of the drawing's width (without it, about 15%) and all its height."""
    body = nx.relabel_nodes(nx.connected_watts_strogatz_graph(120, 8, 0.2, seed=3), lambda n: f"b{n}")
    tail = nx.path_graph([f"t{i}" for i in range(6)])
    group = nx.complete_graph([f"g{i}" for i in range(5)])
    G = nx.compose_all([body, tail, group])
    G.add_edges_from([("b0", "t0"), ("t5", "g0")])
    pos = layout_positions(G)
    points = np.array(list(pos.values()))
    inner = np.array([pos[n] for n in body])
    spans = np.ptp(inner, axis=0) / np.ptp(points, axis=0)
    assert spans.min() >= 0.35, spans
