"""Brokerage roles against independent values.

- R ``sna`` 2.7 ``brokerage()$raw.nli`` on the seven EMON networks
  (``../shared/data/drabek_emon/*/ref_brokerage_sna.csv``, computed with sna, see the data
  README), loaded through Ketenkaart's own loaders and referral graph;
- a published example: the strike network (Michael 1997) with its three groups, whose sna
  ``raw.nli`` is printed in the tutorial ``docs/5-Centrality_and_Brokerage_in_statnet.md`` of
  ``cllghn/r4sna`` (commit 200809ed01a394607c20e26d2aa52aa345c39d80); the arcs are that
  repository's ``data/Strike.net`` (commit 0ed488c05b7ada26b3842e3acbf6bf1fef0d1ad6) and the
  groups its ``data/Strikegroups.csv`` (commit 200809e...);
- Gould and Fernandez's five elementary triads (their Figure 1: one two-path per role);
- a brute force over all ordered triples on random small graphs, and the expectation
  under shuffled sectors by enumerating every shuffle.
"""

from __future__ import annotations

import csv
import itertools
from collections import Counter
from pathlib import Path

import networkx as nx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from graph.analysis import analyse
from graph.annotate import annotated_graph
from graph.brokerage import ROLES, brokerage, role_of
from graph.errors import UnsupportedGraph
from graph.model import Ecosystem, Organisation, ReferralFlow
from graph.periods import Period
from graph.project import referral_graph
from graph.taxonomy import ActorKind, Sector
from loaders.network_files import write_gexf, write_graphml
from tests.graph.networks import one_mode, shared_data

SNA_COLUMNS = {
    "w_I": "coordinator",
    "w_O": "itinerant",
    "b_IO": "representative",
    "b_OI": "gatekeeper",
    "b_O": "liaison",
    "t": "total",
}
EMON = ("Cheyenne", "HurrFrederic", "LakePomona", "MtSi", "MtStHelens", "Texas", "Wichita")


def _counts(found: object) -> dict[str, int]:
    return {role: getattr(found, role) for role in (*ROLES, "total")}


@pytest.mark.parametrize("case", EMON)
def test_emon_matches_sna(case: str, tmp_path: Path) -> None:
    folder = shared_data("drabek_emon", case)
    network = one_mode(folder, tmp_path, key="id", directed=True, group="Sponsorship")
    found = brokerage(referral_graph(network.ecosystem))
    with (folder / "ref_brokerage_sna.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == len(found)
    for row in rows:
        expected = {role: int(float(row[column])) for column, role in SNA_COLUMNS.items()}
        assert _counts(found[network.ids[row["node"]]]) == expected, row["label"]


# Michael's strike network: 24 people, 38 mutual ties (76 arcs), three groups.
STRIKE_NAMES = (
    "Xavier",
    "Utrecht",
    "Frank",
    "Domingo",
    "Norm",
    "Hal",
    "Russ",
    "Karl",
    "Bob",
    "Quint",
    "Wendle",
    "Ozzie",
    "Ike",
    "Ted",
    "Sam",
    "Vern",
    "Gill",
    "Lanny",
    "Mike",
    "Carlos",
    "Alejandro",
    "Paul",
    "Eduardo",
    "John",
)
STRIKE_GROUPS = (3, 3, 2, 1, 3, 2, 3, 2, 2, 3, 3, 3, 2, 3, 3, 3, 2, 2, 2, 1, 1, 3, 1, 2)
STRIKE_ARCS = (
    (1, 11),
    (1, 15),
    (2, 5),
    (2, 7),
    (2, 10),
    (2, 15),
    (3, 17),
    (4, 20),
    (4, 21),
    (4, 23),
    (5, 2),
    (5, 9),
    (5, 12),
    (5, 15),
    (5, 16),
    (5, 22),
    (6, 9),
    (6, 17),
    (6, 24),
    (7, 2),
    (7, 10),
    (7, 14),
    (8, 12),
    (8, 18),
    (8, 24),
    (9, 5),
    (9, 6),
    (9, 13),
    (9, 18),
    (9, 19),
    (9, 21),
    (9, 24),
    (10, 2),
    (10, 7),
    (10, 22),
    (11, 1),
    (11, 15),
    (12, 5),
    (12, 8),
    (13, 9),
    (13, 17),
    (13, 19),
    (14, 7),
    (14, 16),
    (15, 1),
    (15, 2),
    (15, 5),
    (15, 11),
    (16, 5),
    (16, 14),
    (17, 3),
    (17, 6),
    (17, 13),
    (17, 24),
    (18, 8),
    (18, 9),
    (18, 24),
    (19, 9),
    (19, 13),
    (20, 4),
    (20, 21),
    (20, 23),
    (21, 4),
    (21, 9),
    (21, 20),
    (21, 23),
    (22, 5),
    (22, 10),
    (23, 4),
    (23, 20),
    (23, 21),
    (24, 6),
    (24, 8),
    (24, 9),
    (24, 17),
    (24, 18),
)  # 1-based, as in Strike.net
# sna's raw.nli as printed in the tutorial: w_I w_O b_IO b_OI b_O t, in STRIKE_NAMES order.
STRIKE_SNA = (
    (0, 0, 0, 0, 0, 0), (8, 0, 0, 0, 0, 8), (0, 0, 0, 0, 0, 0), (0, 0, 0, 0, 0, 0),
    (18, 0, 5, 5, 0, 28), (2, 0, 0, 0, 0, 2), (4, 0, 0, 0, 0, 4), (0, 0, 2, 2, 0, 4),
    (14, 0, 10, 10, 2, 36), (4, 0, 0, 0, 0, 4), (0, 0, 0, 0, 0, 0), (0, 0, 1, 1, 0, 2),
    (4, 0, 0, 0, 0, 4), (2, 0, 0, 0, 0, 2), (8, 0, 0, 0, 0, 8), (2, 0, 0, 0, 0, 2),
    (10, 0, 0, 0, 0, 10), (2, 0, 0, 0, 0, 2), (0, 0, 0, 0, 0, 0), (0, 0, 0, 0, 0, 0),
    (0, 0, 3, 3, 0, 6), (2, 0, 0, 0, 0, 2), (0, 0, 0, 0, 0, 0), (12, 0, 0, 0, 0, 12),
)  # fmt: skip


def test_strike_network_matches_published_sna_output() -> None:
    G: nx.DiGraph[str] = nx.DiGraph()
    for name, group in zip(STRIKE_NAMES, STRIKE_GROUPS, strict=True):
        G.add_node(name, sector=group)
    G.add_edges_from((STRIKE_NAMES[a - 1], STRIKE_NAMES[c - 1]) for a, c in STRIKE_ARCS)
    assert G.number_of_edges() == 76
    found = brokerage(G)
    for name, values in zip(STRIKE_NAMES, STRIKE_SNA, strict=True):
        assert _counts(found[name]) == dict(zip(SNA_COLUMNS.values(), values, strict=True)), name


@pytest.mark.parametrize(
    ("groups", "role"),
    [
        ("AAA", "coordinator"),
        ("ABA", "itinerant"),
        ("BBA", "representative"),
        ("ABB", "gatekeeper"),
        ("ABC", "liaison"),
    ],
)
def test_gould_fernandez_elementary_triads(groups: str, role: str) -> None:
    G: nx.DiGraph[str] = nx.DiGraph([("a", "b"), ("b", "c")])
    nx.set_node_attributes(G, dict(zip("abc", groups, strict=True)), "sector")
    found = brokerage(G)
    assert _counts(found["b"]) == {r: int(r in (role, "total")) for r in (*ROLES, "total")}
    assert found["a"].total == found["c"].total == 0
    G.add_edge("a", "c")  # a direct tie closes the path: no brokerage left
    assert brokerage(G)["b"].total == 0


def _groups(G: nx.DiGraph[str]) -> dict[str, object]:
    return {node: G.nodes[node]["sector"] for node in G}


def _brute_force(G: nx.DiGraph[str], group: dict[str, object]) -> dict[str, Counter[str]]:
    """Every ordered triple (a, b, c) of distinct nodes: a -> b -> c, no a -> c."""
    roles: dict[str, Counter[str]] = {b: Counter() for b in G}
    for a, b, c in itertools.permutations(G, 3):
        if G.has_edge(a, b) and G.has_edge(b, c) and not G.has_edge(a, c):
            roles[b][role_of(group[a], group[b], group[c])] += 1
    return roles


@st.composite
def grouped_digraphs(draw: st.DrawFn, max_nodes: int = 9) -> nx.DiGraph[str]:
    """A small directed graph (reciprocal ties and self-loops allowed) with groups A-C."""
    n = draw(st.integers(0, max_nodes))
    nodes = [f"n{i}" for i in range(n)]
    G: nx.DiGraph[str] = nx.DiGraph()
    for node in nodes:
        G.add_node(node, sector=draw(st.sampled_from("ABC")))
    if nodes:
        arcs = st.tuples(st.sampled_from(nodes), st.sampled_from(nodes))
        G.add_edges_from(draw(st.lists(arcs, max_size=3 * n)))
    return G


@given(grouped_digraphs())
@settings(max_examples=150, deadline=None)
def test_counts_equal_brute_force(G: nx.DiGraph[str]) -> None:
    group = _groups(G)
    expected = _brute_force(G, group)
    found = brokerage(G)
    assert list(found) == list(G)
    for node, roles in expected.items():
        assert _counts(found[node]) == {**{r: roles[r] for r in ROLES}, "total": roles.total()}
        main = found[node].main
        cross_roles = [r for r in ROLES[1:] if roles[r]]
        if not cross_roles:
            assert main is None
            continue
        assert main is not None
        top = max(roles[r] for r in cross_roles)
        assert main.role == next(r for r in ROLES[1:] if roles[r] == top)  # ties: in ROLES order
        pairs = Counter(
            (group[a], group[c])
            for a, c in itertools.permutations(G, 2)
            if node not in (a, c)
            and G.has_edge(a, node)
            and G.has_edge(node, c)
            and not G.has_edge(a, c)
            and role_of(group[a], group[node], group[c]) == main.role
        )
        assert main.paths == max(pairs.values()) == pairs[main.source_sector, main.target_sector]
        assert main.role == role_of(main.source_sector, group[node], main.target_sector)


@given(grouped_digraphs())
@settings(max_examples=60, deadline=None)
def test_undirected_graph_counts_each_tie_both_ways(G: nx.DiGraph[str]) -> None:
    undirected = G.to_undirected()
    both = undirected.to_directed()
    assert {n: _counts(b) for n, b in brokerage(undirected).items()} == {
        n: _counts(b) for n, b in brokerage(both).items()
    }


@given(grouped_digraphs(max_nodes=6))
@settings(max_examples=40, deadline=None)
def test_vs_chance_is_observed_over_the_mean_of_every_shuffle(G: nx.DiGraph[str]) -> None:
    """The expectation, by enumerating every shuffle of the other nodes' groups."""
    found = brokerage(G)
    group = _groups(G)
    for broker in G:
        others = [n for n in G if n != broker]
        shuffles = list(itertools.permutations([group[n] for n in others]))
        mean: Counter[str] = Counter()
        for labels in shuffles:
            shuffled = {broker: group[broker], **dict(zip(others, labels, strict=True))}
            mean.update(_brute_force(G, shuffled)[broker])
        for role in ROLES:
            ratio = found[broker].vs_chance[role]
            expected = mean[role] / len(shuffles) if shuffles else 0
            if expected == 0:
                assert ratio is None
            else:
                assert ratio == pytest.approx(getattr(found[broker], role) / expected, rel=1e-12)


def test_multigraph_is_refused() -> None:
    with pytest.raises(UnsupportedGraph):
        brokerage(nx.MultiDiGraph([("a", "b")]))


def test_analyse_reports_brokerage_on_the_referral_graph() -> None:
    orgs = (
        Organisation("W", "Woonstichting", Sector.WONEN),
        Organisation("Z1", "Thuiszorg", Sector.ZORG),
        Organisation("Z2", "Wijkzorg", Sector.ZORG),
        Organisation("J", "Jeugdteam", Sector.JEUGD),
    )
    month = Period.parse("2025-01")
    flows = tuple(
        ReferralFlow(ActorKind.ORGANISATION, a, b, month, "", 2)
        for a, b in (("W", "Z1"), ("Z1", "Z2"), ("Z2", "J"))
    )
    eco = Ecosystem(organisations=orgs, flows=flows)
    nodes = {n["id"]: n for n in analyse(eco)["nodes"]}
    z1 = nodes["Z1"]["brokerage"]
    assert {k: z1[k] for k in (*ROLES, "total")} == {
        "coordinator": 0,
        "itinerant": 0,
        "representative": 0,
        "gatekeeper": 1,
        "liaison": 0,
        "total": 1,
    }
    assert z1["main"] == {"role": "gatekeeper", "source_sector": "wonen", "target_sector": "zorg", "paths": 1}
    assert nodes["Z2"]["brokerage"]["main"]["role"] == "representative"
    assert nodes["W"]["brokerage"]["total"] == 0
    assert nodes["W"]["brokerage"]["main"] is None
    # four organisations, two in care: a gatekeeper pair has probability 1 * 2 / (3 * 2)
    assert z1["vs_chance"]["gatekeeper"] == pytest.approx(3.0)


@pytest.mark.parametrize("fmt", ["gexf", "graphml"])
def test_network_files_carry_the_role_counts_of_analyse(fmt: str, demo: Ecosystem, tmp_path: Path) -> None:
    nodes = {n["id"]: n["brokerage"] for n in analyse(demo)["nodes"]}
    assert sum(b["total"] for b in nodes.values()) > 0
    G = annotated_graph(demo)
    writer = write_gexf if fmt == "gexf" else write_graphml
    reader = nx.read_gexf if fmt == "gexf" else nx.read_graphml
    found = reader(writer(G, tmp_path / f"net.{fmt}"))
    for node, data in found.nodes(data=True):
        assert {role: data[f"brokerage_{role}"] for role in (*ROLES, "total")} == {
            role: nodes[node][role] for role in (*ROLES, "total")
        }


def test_every_brokerage_key_is_documented() -> None:
    orgs = tuple(
        Organisation(i, i, s) for i, s in (("A", Sector.WONEN), ("B", Sector.ZORG), ("C", Sector.ZORG))
    )
    month = Period.parse("2025-01")
    flows = tuple(
        ReferralFlow(ActorKind.ORGANISATION, a, b, month, "", 1) for a, b in (("A", "B"), ("B", "C"))
    )
    found = {n["id"]: n["brokerage"] for n in analyse(Ecosystem(organisations=orgs, flows=flows))["nodes"]}[
        "B"
    ]
    documented = (Path(__file__).parents[2] / "docs" / "analytics.md").read_text(encoding="utf-8")
    assert "`nodes[].brokerage`" in documented
    keys = [*found, *found["vs_chance"], *found["main"]]
    assert set(keys) >= {
        *ROLES,
        "total",
        "vs_chance",
        "main",
        "role",
        "source_sector",
        "target_sector",
        "paths",
    }
    assert all(f"`{key}`" in documented for key in keys)
