"""The whole analysis: the promised keys, plain JSON data, determinism, planted structures."""

from __future__ import annotations

import json
from typing import Any

import pytest

from graph.analysis import analyse, plain
from graph.model import Ecosystem
from graph.periods import Period, PeriodRange
from graph.project import Layers
from graph.timeline import diff
from loaders.demo import PLANTED

ISSUE_KEYS = {"density", "ei_index", "silo_index", "sector_matrix", "nodes", "bridges", "suggestions", "gaps"}
NODE_KEYS = {"id", "betweenness", "constraint", "effective_size", "articulation_point"}


@pytest.fixture(scope="module")
def result(demo: Ecosystem) -> dict[str, Any]:
    return analyse(demo, seed=0)


def test_every_promised_key_is_there(result: dict[str, Any]) -> None:
    assert set(result) >= ISSUE_KEYS
    assert all(set(node) >= NODE_KEYS for node in result["nodes"])
    assert all({"source", "target", "score", "reasons"} <= set(s) for s in result["suggestions"])
    assert all({"code", "nl", "en"} <= set(r) for s in result["suggestions"] for r in s["reasons"])


def test_the_result_is_strict_json_and_the_same_for_the_same_seed(
    demo: Ecosystem, result: dict[str, Any]
) -> None:
    text = json.dumps(result, allow_nan=False)
    assert json.loads(text) == result
    assert analyse(demo, seed=0) == result


def test_the_planted_bottlenecks_are_found(result: dict[str, Any]) -> None:
    top = max(result["nodes"], key=lambda n: n["betweenness"])
    assert top["id"] == PLANTED["broker"]
    assert PLANTED["articulation_point"] in result["articulation_points"]
    assert sorted(PLANTED["bridge"]) in [sorted(b) for b in result["bridges"]]
    sole = [(t["professional"], sorted(t["organisations"])) for t in result["gaps"]["sole_ties"]]
    professional, *pair = PLANTED["sole_tie_professional"]
    assert (professional, sorted(pair)) in sole
    overloaded = [row["organisation"] for row in result["gaps"]["referral_load"] if (row["load"] or 0) > 1]
    assert overloaded == [PLANTED["broker"]]


def test_the_planted_gaps_are_found(result: dict[str, Any]) -> None:
    gaps = result["gaps"]
    wijk, sector = PLANTED["wijk_lacking_sector"]
    assert (wijk, sector) in [(g["area"], g["sector"]) for g in gaps["absent_sectors"]]
    first = gaps["ping_pong"][0]
    assert sorted(PLANTED["ping_pong"]) == sorted((first["a"], first["b"]))
    assert PLANTED["paper_agreement"] in [p["agreement"] for p in gaps["paper_agreements"]]
    assert sorted(PLANTED["flow_without_agreement"]) in [
        sorted((f["a"], f["b"])) for f in gaps["unagreed_flows"]
    ]
    assert gaps["ambassadors"][0]["professional"] == PLANTED["ambassador"]
    roles = [(o["role"], sorted(o["organisations"])) for o in gaps["shared_specialists"]]
    assert (PLANTED["duplicated_role"], sorted(PLANTED["duplicated_role_organisations"])) in roles


def test_silos_show_in_the_silo_index(result: dict[str, Any]) -> None:
    assert result["silo_index"] > 0.3
    assert result["silo"]["ratio"] > 0.85
    by_sector = result["silo"]["ei_by_sector"]
    silo_sectors = set(PLANTED["silo_sectors"])
    others = [v for s, v in by_sector.items() if s not in silo_sectors]
    assert max(by_sector[s] for s in silo_sectors) < min(others)


def test_layers_and_periods_narrow_the_analysis(demo: Ecosystem, result: dict[str, Any]) -> None:
    quarter = PeriodRange(Period.parse("2025-01"), Period.parse("2025-03"))
    narrow = analyse(demo, layers=Layers.parse(["referrals"]), periods=quarter)
    assert narrow["scope"]["layers"] == ["referrals"]
    assert narrow["scope"]["periods"] == "2025-01..2025-03"
    assert narrow["scope"]["ties"] < result["scope"]["ties"]
    assert [p["period"] for p in narrow["trend"]] == ["2025-01", "2025-02", "2025-03"]
    assert narrow["change"] is None  # the data start in 2025-01: no quarter before this one


def test_a_quarter_is_compared_with_the_quarter_before(demo: Ecosystem) -> None:
    q2 = PeriodRange(Period.parse("2025-Q2"), Period.parse("2025-Q2"))
    layers = Layers.parse(["referrals"])
    change = analyse(demo, layers=layers, periods=q2)["change"]
    assert (change["before"], change["after"]) == ("2025-Q1", "2025-Q2")
    q1 = PeriodRange(Period.parse("2025-Q1"), Period.parse("2025-Q1"))
    assert change == plain(diff(demo, q1, q2, layers=layers)) | {
        "density_change": change["density_after"] - change["density_before"],
        "silo_change": change["sector_modularity_after"] - change["sector_modularity_before"],
    }
    assert change["tie_changes"]  # ties do change between quarters in the demo


def test_above_the_exact_budget_betweenness_is_sampled_and_says_so(demo: Ecosystem) -> None:
    sampled = analyse(demo, exact_budget=1)
    assert sampled["scope"]["betweenness"].startswith("estimated within")  # KADABRA, an error bound
    assert all(0 <= n["betweenness"] <= 1 for n in sampled["nodes"])


def test_an_empty_ecosystem_gives_an_empty_analysis() -> None:
    empty = analyse(Ecosystem())
    assert empty["density"] == 0
    assert empty["nodes"] == []
    assert empty["suggestions"] == []
    assert empty["ei_index"] is None
