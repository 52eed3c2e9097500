"""Map positions: deterministic, complete, cached per data revision and per audience."""

from __future__ import annotations

import math

import networkx as nx
import numpy as np
from dash import Dash

from app.access import ANALYST, Role, Viewer
from app.present.kaart_layout import layout_positions
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
