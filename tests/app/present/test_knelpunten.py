"""The Knelpunten presenter on the real demo: planted bottlenecks ranked, islands, both languages."""

from __future__ import annotations

from collections import Counter

import pytest

from app.i18n import MEASURES, Language
from app.present import formatting
from app.present.knelpunten import T, bottleneck_sections, broker_role
from graph.analysis import analyse
from graph.brokerage import ROLES, role_of
from graph.cuts import cut_off
from graph.model import Ecosystem
from graph.project import Layers, organisation_graph, referral_graph
from graph.taxonomy import Sector
from loaders.demo import PLANTED
from tests.app.analysed import Analysed, agreement_islands, by_name, cells

LANGS: list[Language] = ["nl", "en"]


@pytest.fixture(scope="module")
def analysed(demo: Ecosystem) -> Analysed:
    return Analysed.of(demo)


def test_cut_off_finds_the_planted_cluster(analysed: Analysed) -> None:
    graph, cluster = analysed.graph, PLANTED["isolated_cluster"]
    assert cut_off(graph, node=PLANTED["articulation_point"]) == cluster
    a, b = PLANTED["bridge"]
    assert cut_off(graph, edge=(a, b)) == sorted([*cluster, PLANTED["articulation_point"]])
    assert cut_off(graph, node=PLANTED["broker"]) == []


@pytest.mark.parametrize("lang", LANGS)
def test_bottlenecks_rank_the_planted_structures(analysed: Analysed, lang: Language) -> None:
    names = analysed.names
    sections = by_name(bottleneck_sections(analysed.analysis, analysed.graph, names, lang))
    broker = names[PLANTED["broker"]]
    connectors = sections["knelpunten-connectors"]
    assert connectors.title == MEASURES["betweenness"].name(lang)
    assert connectors.rows[0]["organisation"] == broker
    share = next(n["betweenness"] for n in analysed.analysis["nodes"] if n["id"] == PLANTED["broker"])
    assert f"{100 * share:.1f}".replace(".", "," if lang == "nl" else ".") in str(connectors.rows[0]["why"])
    assert sections["knelpunten-busy"].rows[0]["organisation"] == broker
    assert [r["organisation"] for r in sections["knelpunten-load"].rows] == [broker]
    assert sections["knelpunten-load"].rows[0]["capacity"] == 95
    articulation = {r["organisation"]: r for r in sections["knelpunten-articulation"].rows}
    voedselbank = articulation[names[PLANTED["articulation_point"]]]
    assert voedselbank["cut"] == 5
    assert all(names[o] in str(voedselbank["why"]) for o in PLANTED["isolated_cluster"])
    assert voedselbank["action"] == MEASURES["articulation_point"].action(lang)
    assert sections["knelpunten-bridges"].title == MEASURES["bridge"].name(lang)
    assert sections["knelpunten-bridges"].rows[0]["cut"] == 6
    professional, a, b = PLANTED["sole_tie_professional"]
    sole = sections["knelpunten-sole-ties"].rows
    assert [(r["professional"], r["organisation-a"], r["organisation-b"]) for r in sole] == [
        (professional, names[a], names[b])
    ]
    assert sections["knelpunten-islands"].rows == []  # every demo organisation has a tie with all layers
    every_cell = " ".join(cells(s) for s in sections.values())
    assert "ORG0" not in every_cell  # organisation names, not ids
    assert not any(person in every_cell for person in analysed.person_names)  # pseudonymous ids only
    assert all(row["why"] and row["action"] for s in sections.values() for row in s.rows)


def test_bottleneck_texts_differ_per_language(analysed: Analysed) -> None:
    nl, en = (
        by_name(bottleneck_sections(analysed.analysis, analysed.graph, analysed.names, lang))
        for lang in LANGS
    )
    assert nl["knelpunten-articulation"].title == "Knelpunt"
    assert en["knelpunten-articulation"].title == "Bottleneck"
    assert nl["knelpunten-load"].rows[0]["why"] != en["knelpunten-load"].rows[0]["why"]
    assert [h for _, h in nl["knelpunten-load"].columns] != [h for _, h in en["knelpunten-load"].columns]
    assert (nl["knelpunten-islands"].title, en["knelpunten-islands"].title) == ("Eiland", "Island")


@pytest.mark.parametrize("lang", LANGS)
def test_islands_with_only_agreements_are_listed_by_name(demo: Ecosystem, lang: Language) -> None:
    layers = Layers.parse(["agreements"])
    analysis, graph = analyse(demo, layers=layers), organisation_graph(demo, layers=layers)
    names = {o.id: o.name for o in demo.organisations}
    section = by_name(bottleneck_sections(analysis, graph, names, lang))["knelpunten-islands"]
    expected = agreement_islands(demo)
    assert len(expected) > 10
    listed = [str(r["organisation"]) for r in section.rows]
    assert sorted(listed) == sorted(names[o] for o in expected)
    assert listed == sorted(listed, key=str.casefold)
    assert [r["rank"] for r in section.rows] == list(range(1, len(expected) + 1))
    assert section.meaning == MEASURES["isolate"].meaning(lang)
    wijken = {a.code: a.name for a in demo.areas if a.code.startswith("WK")}
    islands_by_name = {names[o.id]: o for o in demo.organisations if o.id in expected}
    for row in section.rows:
        island = islands_by_name[str(row["organisation"])]
        assert row["sector"] == island.sector.label(lang)
        shown = set(str(row["areas"]).split(", "))
        assert {wijken[c] for c in island.areas if c in wijken} <= shown <= set(wijken.values())
    assert all(row["action"] == MEASURES["isolate"].action(lang) for row in section.rows)


def _lower_sectors(
    across: Counter[tuple[str, str]], own: str, role: str, pair: int, lang: Language
) -> dict[str, str]:
    """The sectors of the first pair of ``role`` with ``pair`` chains, as the texts name them."""
    source, target = min((a, c) for (a, c), n in across.items() if n == pair and role_of(a, own, c) == role)
    return {
        k: Sector(v).label(lang).lower() for k, v in (("own", own), ("source", source), ("target", target))
    }


def _chains_across(demo: Ecosystem, broker: str) -> Counter[tuple[str, str]]:
    """Referral chains a -> broker -> c across sectors with no a -> c, counted here from the flows."""
    R = referral_graph(demo)
    sector = {o.id: o.sector.value for o in demo.organisations}
    return Counter(
        (sector[a], sector[c])
        for a in R.predecessors(broker)
        for c in R.successors(broker)
        if a != c and not R.has_edge(a, c) and not sector[a] == sector[c] == sector[broker]
    )


@pytest.mark.parametrize("lang", LANGS)
def test_brokers_between_sectors_lead_with_the_planted_broker(
    analysed: Analysed, demo: Ecosystem, lang: Language
) -> None:
    names = analysed.names
    section = by_name(bottleneck_sections(analysed.analysis, analysed.graph, names, lang))[
        "knelpunten-brokers"
    ]
    assert section.title == MEASURES["brokerage"].name(lang)
    assert section.meaning == MEASURES["brokerage"].meaning(lang)
    rows = section.rows
    assert len(rows) == 15
    assert rows[0]["organisation"] == names[PLANTED["broker"]]
    chains = [int(str(r["chains"])) for r in rows]
    assert chains == sorted(chains, reverse=True)
    ids = {name: org for org, name in names.items()}
    sectors = {o.id: o.sector.value for o in demo.organisations}
    for row in rows[:3]:
        broker = ids[str(row["organisation"])]
        across = _chains_across(demo, broker)
        assert row["chains"] == sum(across.values())
        per_role: Counter[str] = Counter()
        for (a, c), n in across.items():
            per_role[role_of(a, sectors[broker], c)] += n
        main = max(ROLES[1:], key=lambda r: per_role[r])  # first in ROLES order on ties
        pair = max(n for (a, c), n in across.items() if role_of(a, sectors[broker], c) == main)
        assert formatting.number(pair, lang, 0) in str(row["why"])
        assert row["action"] == T(f"action-{main}", lang).format(
            org=row["organisation"], **_lower_sectors(across, sectors[broker], main, pair, lang)
        )
    nodes = {n["id"]: n for n in analysed.analysis["nodes"]}
    for row in rows:
        node = nodes[ids[str(row["organisation"])]]
        assert row["role"] == broker_role(node["brokerage"], node["sector"], lang)
        assert row["why"]
        assert row["action"]


def test_broker_roles_read_in_role_language(analysed: Analysed) -> None:
    nl, en = (
        by_name(bottleneck_sections(analysed.analysis, analysed.graph, analysed.names, lang))[
            "knelpunten-brokers"
        ]
        for lang in LANGS
    )
    roles_nl = [str(r["role"]) for r in nl.rows]
    roles_en = [str(r["role"]) for r in en.rows]
    assert any(r.startswith("Poortwachter voor ") for r in roles_nl)
    assert any(r.startswith("Gatekeeper for ") for r in roles_en)
    assert any(r.startswith("Verbindt ") and " met " in r for r in roles_nl)
    assert any(r.startswith("Connects ") and " with " in r for r in roles_en)
    assert roles_nl != roles_en
    assert [h for _, h in nl.columns] != [h for _, h in en.columns]
