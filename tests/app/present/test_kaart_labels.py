"""Label placement checked by geometry at many zooms, independently of how it was computed."""

from __future__ import annotations

import math

import numpy as np
import pytest

from app.present.kaart_labels import (
    FONT_PX,
    LINE_EM,
    MARGIN_PX,
    NODE_RADIUS,
    PAD_PX,
    SLACK,
    label_width,
    label_zooms,
    prefer,
    short_name,
)

ZOOMS = [0.2, 0.35, 0.5, 0.75, 1.0, 1.5, 2.0, 3.0, 4.0]


Box = tuple[float, float, float, float]


def _boxes(
    zooms: dict[str, float], pos: dict[str, tuple[float, float]], texts: dict[str, str], z: float
) -> dict[str, Box]:
    """Shown labels at zoom ``z`` as boxes in map units, below nodes of any radius (the slack)."""
    height = (LINE_EM * FONT_PX + PAD_PX) / z
    found = {}
    for n, lz in zooms.items():
        if lz <= z:
            x, y = pos[n]
            half = label_width(texts[n]) / 2 / z
            found[n] = (x - half, y, x + half, y + height + SLACK)
    return found


def _overlap(a: Box, b: Box) -> bool:
    return min(a[2], b[2]) > max(a[0], b[0]) and min(a[3], b[3]) > max(a[1], b[1])


@pytest.fixture(scope="module")
def scatter() -> tuple[dict[str, tuple[float, float]], dict[str, str]]:
    rng = np.random.default_rng(7)
    pos = {f"n{i}": (float(x), float(y)) for i, (x, y) in enumerate(rng.random((250, 2)) * 900)}
    texts = {n: "Organisatie " + "x" * (i % 17) for i, n in enumerate(pos)}
    return pos, texts


def test_no_two_shown_labels_overlap_at_any_zoom(scatter) -> None:  # type: ignore[no-untyped-def]
    pos, texts = scatter
    zooms = label_zooms(list(pos), pos, texts)
    assert sum(z <= 1.0 for z in zooms.values()) >= 20
    for z in ZOOMS:
        boxes = list(_boxes(zooms, pos, texts, z).values())
        shrunk = [
            (a[0] + 0.6 * PAD_PX / z, a[1] + 2 * SLACK, a[2] - 0.6 * PAD_PX / z, a[3] - 2 * SLACK)
            for a in boxes
        ]
        assert not any(_overlap(a, b) for i, a in enumerate(shrunk) for b in shrunk[:i]), z


def test_more_names_show_as_one_zooms_in_and_the_first_always(scatter) -> None:  # type: ignore[no-untyped-def]
    pos, texts = scatter
    zooms = label_zooms(list(pos), pos, texts)
    counts = [sum(v <= z for v in zooms.values()) for z in ZOOMS]
    assert counts == sorted(counts)
    assert counts[-1] > counts[0]
    assert zooms[next(iter(pos))] == 0.0


def test_a_shown_label_does_not_cover_another_shown_labels_node(scatter) -> None:  # type: ignore[no-untyped-def]
    pos, texts = scatter
    zooms = label_zooms(list(pos), pos, texts)
    for z in ZOOMS:
        shown = [n for n, v in zooms.items() if v <= z]
        for n in shown:
            x, y = pos[n]
            half = label_width(texts[n]) / 2 / z
            top, bottom = y + 4, y + NODE_RADIUS + (LINE_EM * FONT_PX + PAD_PX + MARGIN_PX) / z
            for m in shown:
                if m == n:
                    continue
                mx, my = pos[m]
                r = NODE_RADIUS * 0.5  # clearly inside the other node
                assert not (
                    abs(mx - x) < half + r - 1 and top + 1 < my + r and my - r < bottom - 1 - NODE_RADIUS
                ), (n, m, z)


def test_prefer_shows_the_chosen_first_and_keeps_the_rest_clear(scatter) -> None:  # type: ignore[no-untyped-def]
    pos, texts = scatter
    zooms = label_zooms(list(pos), pos, texts)
    chosen = list(pos)[-3:]
    moved = prefer(zooms, chosen, pos, texts)
    assert all(moved[n] == 0.0 for n in chosen[:1])
    for z in ZOOMS:
        boxes = list(_boxes(moved, pos, texts, z).values())
        shrunk = [
            (a[0] + 0.6 * PAD_PX / z, a[1] + 2 * SLACK, a[2] - 0.6 * PAD_PX / z, a[3] - 2 * SLACK)
            for a in boxes
        ]
        assert not any(_overlap(a, b) for i, a in enumerate(shrunk) for b in shrunk[:i]), z


def test_short_names() -> None:
    assert short_name("Buurtzorg Ketendam") == "Buurtzorg Ketendam"
    assert (
        short_name("Gemeente Ketendam - Werk en Inkomen") == "Gemeente Ketendam - Werk en…"
        or len(short_name("Gemeente Ketendam - Werk en Inkomen")) <= 28
    )
    cut = short_name("Stichting Maatschappelijke Dienstverlening Ketendam Noord")
    assert len(cut) <= 28
    assert cut.endswith("…")
    assert math.isfinite(label_width(cut))


def test_a_label_is_as_wide_as_its_letters() -> None:
    """Widths follow the font's letters (not a flat width per character): four W's take more
    room than four i's, an accented letter as much as its base letter, and every label keeps
    the halo and padding around its text."""
    assert label_width("WWWW") - label_width("iiii") > 2.5 * FONT_PX
    assert label_width("Wooncoöperatie") == label_width("Wooncooperatie")
    assert label_width("") > PAD_PX
    assert label_width("中") > label_width("i")
