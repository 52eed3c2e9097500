"""Map elements: filters, focus, sizes, level-of-detail grouping and expansion, partner safety."""

from __future__ import annotations

import random

import networkx as nx
import pytest

from app.present.kaart_elements import (
    GROUP_PREFIX,
    Decor,
    Highlights,
    MapOptions,
    build_elements,
    node_sizes,
    toggle_group,
    visible,
)
from app.present.kaart_labels import MAX_ZOOM, short_name
from app.present.kaart_layout import Point
from app.present.kaart_style import stylesheet

SECTORS = ("zorg", "welzijn", "wonen", "onderwijs", "jeugd", "gemeente")


def synthetic(n: int = 2000, m: int = 15000, seed: int = 5) -> nx.Graph[str]:
    """An organisation-like graph: sectors, wijken, per-layer counts and weights."""
    rng = random.Random(seed)
    base = nx.gnm_random_graph(n, m, seed=seed)
    G: nx.Graph[str] = nx.Graph()
    for i in base:
        G.add_node(
            f"O{i:04d}", name=f"Org {i}", sector=SECTORS[i % len(SECTORS)], wijken=(f"WK99010{i % 7 + 1}",)
        )
    for a, b in base.edges():
        counts = {
            "agreements": rng.randint(0, 1),
            "professionals": rng.randint(0, 1),
            "referrals": rng.randint(1, 40),
        }
        G.add_edge(f"O{a:04d}", f"O{b:04d}", weight=sum(counts.values()), **counts)
    return G


@pytest.fixture(scope="module")
def big() -> nx.Graph[str]:
    return synthetic()


def _grid(G: nx.Graph[str]) -> dict[str, Point]:
    return {n: (float(i % 50) * 40, float(i // 50) * 40) for i, n in enumerate(G)}


def _nodes(elements: list[dict]) -> list[dict]:  # type: ignore[type-arg]
    return [e for e in elements if "source" not in e["data"]]


def test_above_the_threshold_the_map_is_grouped_by_sector_with_summed_ties(big: nx.Graph[str]) -> None:
    options = MapOptions(referrals=True)
    elements = build_elements(big, visible(big, options), _grid(big), options)
    groups = _nodes(elements)
    assert sorted(g["data"]["group"] for g in groups) == sorted(f"sector:{s}" for s in SECTORS)
    assert sum(g["data"]["count"] for g in groups) == 2000
    zorg = next(g for g in groups if g["data"]["group"] == "sector:zorg")
    assert zorg["data"]["label"] == "Zorg (334)"
    assert "group" in zorg["classes"]
    between = sum(
        d["weight"] for a, b, d in big.edges(data=True) if big.nodes[a]["sector"] != big.nodes[b]["sector"]
    )
    assert sum(e["data"]["weight"] for e in elements if "source" in e["data"]) == between


def test_an_expanded_group_shows_its_members_and_the_rest_stays_grouped(big: nx.Graph[str]) -> None:
    options = MapOptions(referrals=True, expanded=frozenset({"sector:zorg"}))
    elements = build_elements(big, visible(big, options), _grid(big), options)
    nodes = _nodes(elements)
    members = [n for n in nodes if not n["data"]["id"].startswith(GROUP_PREFIX)]
    assert len(members) == 334
    assert {n["classes"].split()[0] for n in members} == {"sector-zorg"}
    assert len(nodes) - len(members) == len(SECTORS) - 1
    assert not any("labelled" in n["classes"] for n in members)  # too many to label
    zorg_ties = [
        e
        for e in elements
        if e["data"]["id"].count("~") == 1 and not e["data"]["id"].startswith(GROUP_PREFIX)
    ]
    assert zorg_ties
    assert all(big.has_edge(e["data"]["source"], e["data"]["target"]) for e in zorg_ties[:50])
    assert toggle_group(["sector:zorg"], "sector:zorg") == []


def test_grouping_by_wijk_names_the_wijken(big: nx.Graph[str]) -> None:
    options = MapOptions(group_by="wijk")
    elements = build_elements(
        big, visible(big, options), _grid(big), options, area_names={"WK990101": "Centrum"}
    )
    labels = {n["data"]["label"] for n in _nodes(elements)}
    assert "Centrum (286)" in labels
    assert len(labels) == 7


def test_a_large_map_has_one_element_per_organisation_and_tie(big: nx.Graph[str]) -> None:
    """Its speed is measured in benchmarks/bench_app.py, not here."""
    options = MapOptions(referrals=True, group_above=10_000)
    sizes = Highlights(sizes=node_sizes({n: float(d) for n, d in big.degree()}))
    placed = Decor(zooms=dict.fromkeys(big, 1.0))  # label placement is memoised apart (Services.label_zooms)
    elements = build_elements(big, visible(big, options), _grid(big), options, sizes, decor=placed)
    assert len(elements) == 2000 + 15000


def test_partner_elements_carry_no_referrals(big: nx.Graph[str]) -> None:
    options = MapOptions(group_above=10_000, referrals=False)
    edges = [
        e for e in build_elements(big, visible(big, options), _grid(big), options) if "source" in e["data"]
    ]
    assert edges
    assert all("referrals" not in e["data"] for e in edges)
    for e in edges[:200]:
        d = big.edges[e["data"]["source"], e["data"]["target"]]
        assert e["data"]["weight"] == d["agreements"] + d["professionals"]  # referrals not counted


def test_sector_and_weight_filters_and_labels() -> None:
    G = synthetic(300, 900)
    everything = visible(G, MapOptions(referrals=True))
    zorg = visible(G, MapOptions(sectors=frozenset({"zorg"}), referrals=True))
    heavy = visible(G, MapOptions(min_weight=30, referrals=True))
    assert len(everything.nodes) == 300
    assert {G.nodes[n]["sector"] for n in zorg.nodes} == {"zorg"}
    assert 0 < len(heavy.edges) < len(everything.edges)
    assert all(w >= 30 for _, _, w, _ in heavy.edges)
    long = zorg.nodes[0]
    G.nodes[long]["name"] = "Gemeente Ketendam - Servicepunt Het Anker voor Wonen en Zorg"
    few = build_elements(G, zorg, _grid(G), MapOptions(sectors=frozenset({"zorg"})))
    zooms = [n["data"].get("lz") for n in _nodes(few)]  # no ``lz``: the name never shows
    names = {n: G.nodes[n]["name"] for n in G}
    for node in _nodes(few):  # ``short`` only where the name is cut (the stylesheet falls back to ``label``)
        data = node["data"]
        assert data["label"] == names[data["id"]]
        assert data.get("short", data["label"]) == short_name(data["label"])
        assert data.get("short") != data["label"]
    cut = next(n["data"] for n in _nodes(few) if n["data"]["id"] == long)
    assert cut["short"] == "Servicepunt Het Anker voor…"
    assert 0 in zooms
    assert all(z is None or 0 <= z <= MAX_ZOOM for z in zooms)


def test_ties_are_styled_by_class_not_per_element(big: nx.Graph[str]) -> None:
    """Compact elements: a tie's width and opacity are classes the stylesheet defines; no
    element carries a style value or a key the page does not use."""
    rules = {rule["selector"] for rule in stylesheet()}
    for options in (MapOptions(referrals=True), MapOptions(referrals=True, group_above=10_000)):
        elements = build_elements(big, visible(big, options), _grid(big), options)
        ties = [e for e in elements if "source" in e["data"]]
        assert ties
        for tie in ties:
            assert set(tie["data"]) <= {"id", "source", "target", "weight", "referrals", "ties"}
            looks = [c for c in tie["classes"].split() if c[0] in "wo" and c[1:].isdigit()]
            assert len(looks) == 2
            assert all(f"edge.{c}" in rules for c in looks)
        for node in _nodes(elements):
            assert not {"sector", "width", "opacity", "style"} & set(node["data"])


def test_focus_one_step_versus_two_steps() -> None:
    G: nx.Graph[str] = nx.Graph()
    G.add_edges_from([("a", "b"), ("b", "c"), ("c", "d")], agreements=1)
    one = visible(G, MapOptions(focus="a", steps=1))
    two = visible(G, MapOptions(focus="a", steps=2))
    assert one.nodes == ["a", "b"]
    assert two.nodes == ["a", "b", "c"]
    elements = build_elements(G, one, {}, MapOptions(focus="a", steps=1))
    assert "focus" in elements[0]["classes"]


def test_suggested_ties_are_dashed_edges_between_drawn_nodes() -> None:
    G: nx.Graph[str] = nx.Graph()
    G.add_edges_from([("a", "b"), ("b", "c")], agreements=1)
    elements = build_elements(
        G, visible(G, MapOptions()), {}, MapOptions(), Highlights(suggested=(("a", "c"), ("a", "z")))
    )
    assert [e["data"]["id"] for e in elements if e["classes"] == "suggested"] == ["suggested:a~c"]
