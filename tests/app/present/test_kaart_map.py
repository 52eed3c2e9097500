"""The map for one viewer and canvas (``app.present.kaart.map_view``) on the demo's real services.

A partner's sparse map (no referral layer) draws every tie, marks the partner's own
organisation and its partners, and names them first; a portrait canvas (a phone) gets the
drawing upright and stretched to its shape, without any two organisations coming closer.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest
from dash import Dash
from scipy.spatial.distance import pdist

from app.access import ANALYST, Role, Viewer
from app.present.filters import Filters
from app.present.kaart import SPARSE_TIES, MapRequest, map_view
from app.present.kaart_layout import NODE_GAP
from app.web.services import EXTENSION, Services

PARTNER = Viewer("piet", Role.PARTNER, "ORG0043")


def _nodes(elements: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {e["data"]["id"]: e for e in elements if "source" not in e["data"]}


def _ties(elements: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [e for e in elements if "tie" in e.get("classes", "").split()]


def _box(elements: list[dict[str, Any]]) -> tuple[float, float]:
    points = np.array([(e["position"]["x"], e["position"]["y"]) for e in _nodes(elements).values()])
    width, height = np.ptp(points, axis=0)
    return float(width), float(height)


@pytest.fixture
def deps(demo_app: Dash) -> Services:
    found: Services = demo_app.server.extensions[EXTENSION]
    return found


def test_a_partners_sparse_map_draws_every_tie_and_marks_its_own_organisation(deps: Services) -> None:
    G = deps.graph(Filters(), PARTNER)
    assert G.number_of_edges() <= SPARSE_TIES * G.number_of_nodes()  # the demo without referrals
    assert len(deps.backbone(Filters(), PARTNER)) < G.number_of_edges() / 4  # the filter keeps few
    view = map_view(deps, PARTNER, MapRequest())
    assert (view.ties, view.drawn) == (G.number_of_edges(), None)  # every tie drawn
    assert len(_ties(view.elements)) == G.number_of_edges()
    nodes = _nodes(view.elements)
    own = [n for n, e in nodes.items() if "own" in e["classes"].split()]
    partners = {n for n, e in nodes.items() if "own-partner" in e["classes"].split()}
    assert own == ["ORG0043"]
    assert partners == set(G.adj["ORG0043"])
    assert nodes["ORG0043"]["data"]["lz"] == 0  # named at any zoom
    own_ties = [e for e in _ties(view.elements) if "own" in e["classes"].split()]
    assert len(own_ties) == G.degree("ORG0043")
    assert "own" in view.markers


def test_an_analysts_dense_map_keeps_the_backbone_and_marks_no_one(deps: Services) -> None:
    G = deps.graph(Filters(), ANALYST)
    assert G.number_of_edges() > SPARSE_TIES * G.number_of_nodes()
    view = map_view(deps, ANALYST, MapRequest())
    assert view.ties == G.number_of_edges()
    assert view.drawn == len(_ties(view.elements)) == len(deps.backbone(Filters(), ANALYST))
    assert not any("own" in e.get("classes", "").split() for e in view.elements)
    assert "own" not in view.markers


@pytest.mark.parametrize("viewer", [ANALYST, PARTNER], ids=["analist", "partner"])
def test_the_drawing_takes_the_canvas_shape_upright_on_a_phone(deps: Services, viewer: Viewer) -> None:
    wide = map_view(deps, viewer, MapRequest(aspect=1.6)).elements
    tall = map_view(deps, viewer, MapRequest(aspect=0.53)).elements
    width, height = _box(wide)
    assert width / height == pytest.approx(1.6, rel=0.1)
    width, height = _box(tall)
    assert width / height == pytest.approx(0.53, rel=0.1)
    laid = np.array(list(deps.positions(viewer).values()))
    for elements in (wide, tall):  # turned and stretched, never squeezed: no two come closer
        points = np.array([(e["position"]["x"], e["position"]["y"]) for e in _nodes(elements).values()])
        assert pdist(points).min() >= min(NODE_GAP, pdist(laid).min()) - 0.2
    # upright: turned, not squeezed, so the long axis of the same drawing now runs down
    a, b = _nodes(wide), _nodes(tall)
    pairs = [("ORG0043", n) for n in sorted(a) if n != "ORG0043"][:30]
    dx_wide = [abs(a[p]["position"]["x"] - a[q]["position"]["x"]) for p, q in pairs]
    dy_tall = [abs(b[p]["position"]["y"] - b[q]["position"]["y"]) for p, q in pairs]
    assert np.corrcoef(dx_wide, dy_tall)[0, 1] > 0.8
