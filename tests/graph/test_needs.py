"""Needs versus coverage: hand-made ecosystems with known answers, and the Utrecht CBS figures."""

from __future__ import annotations

import csv
import math
import statistics
from collections.abc import Iterable

import networkx as nx
import pytest

from graph.model import Agreement, Area, Ecosystem, Organisation
from graph.needs import FLAG_COVERAGE, FLAG_NEED, NEED_MEASURES, WijkNeed, needs_vs_coverage
from graph.needs_scores import standard_scores
from graph.project import organisation_graph
from graph.taxonomy import AgreementKind, AreaLevel, Sector
from tests.graph.networks import shared_data


def _gemeente(code: str = "GM01") -> Area:
    return Area(code, f"Gemeente {code}", AreaLevel.GEMEENTE)


def _wijk(code: str, parent: str | None = "GM01", /, **indicators: float) -> Area:
    return Area(code, f"Wijk {code}", AreaLevel.WIJK, parent, indicators=tuple(indicators.items()))


def _buurt(code: str, parent: str) -> Area:
    return Area(code, f"Buurt {code}", AreaLevel.BUURT, parent)


def _org(org_id: str, sector: Sector, *areas: str) -> Organisation:
    return Organisation(org_id, org_id, sector, areas=areas)


def _by_code(results: Iterable[WijkNeed]) -> dict[str, WijkNeed]:
    return {w.code: w for w in results}


# ------------------------------------------------------------------------------ serving


def test_a_wijk_without_organisations_has_zero_coverage_in_every_sector() -> None:
    eco = Ecosystem(areas=(_gemeente(), _wijk("WK0101", a_inw=2000.0)))
    (wijk,) = needs_vs_coverage(eco)
    assert [sector for sector, _ in wijk.coverage] == list(Sector)
    assert all(count == 0 for _, count in wijk.coverage)
    assert (wijk.organisations, wijk.per_10k, wijk.density) == (0, 0.0, None)
    assert (wijk.municipality, wijk.residents, wijk.rank) == ("GM01", 2000.0, 1)


def test_gemeente_wide_organisations_serve_every_wijk_of_their_gemeente_only() -> None:
    eco = Ecosystem(
        areas=(
            _gemeente("GM01"),
            _gemeente("GM02"),
            _wijk("WK0101"),
            _wijk("WK0102"),
            _wijk("WK0201", "GM02"),
        ),
        organisations=(_org("A", Sector.ZORG, "GM01"), _org("B", Sector.JEUGD, "WK0102")),
    )
    found = _by_code(needs_vs_coverage(eco))
    assert found["WK0101"].organisations_in(Sector.ZORG) == 1
    assert found["WK0102"].organisations == 2
    assert found["WK0102"].organisations_in(Sector.JEUGD) == 1
    assert found["WK0201"].organisations == 0
    assert found["WK0201"].municipality == "GM02"


def test_a_buurt_counts_for_its_wijk_by_the_area_tree_or_by_its_code() -> None:
    eco = Ecosystem(
        areas=(_gemeente(), _wijk("WK0101"), _wijk("WK0102"), _buurt("BU01010001", "WK0102")),
        organisations=(
            _org("A", Sector.WELZIJN, "BU01010001"),  # the tree says: wijk WK0102
            _org("B", Sector.WONEN, "BU01010199"),  # not in the areas: its code says WK010101
        ),
    )
    found = _by_code(needs_vs_coverage(eco))
    assert found["WK0102"].organisations_in(Sector.WELZIJN) == 1
    assert found["WK0101"].organisations == 0  # WK0101 is not WK010101
    assert found["WK0102"].organisations == 1


def test_an_organisation_serving_a_wijk_and_its_buurt_counts_once() -> None:
    eco = Ecosystem(
        areas=(_gemeente(), _wijk("WK0101", a_inw=5000.0), _buurt("BU01010101", "WK0101")),
        organisations=(_org("A", Sector.ZORG, "GM01", "WK0101", "BU01010101"),),
    )
    (wijk,) = needs_vs_coverage(eco)
    assert wijk.organisations == 1
    assert wijk.per_10k == pytest.approx(2.0)


def test_municipality_follows_the_parent_chain() -> None:
    eco = Ecosystem(areas=(_wijk("WK0301", "GM03"), _wijk("WK0401", None)))
    found = _by_code(needs_vs_coverage(eco))
    assert found["WK0301"].municipality == "GM03"  # parent not in the areas, but a GM code
    assert found["WK0401"].municipality is None


# ------------------------------------------------------------------------------ density


def test_density_is_none_below_two_organisations_and_counts_ties_among_those_serving() -> None:
    orgs = (
        _org("A", Sector.ZORG, "WK0101"),
        _org("B", Sector.WELZIJN, "WK0101"),
        _org("C", Sector.WONEN, "WK0101"),
        _org("D", Sector.JEUGD, "WK0102"),
    )
    agreements = (
        Agreement("X", "Convenant", AgreementKind.COVENANT, parties=("A", "B")),
        Agreement("Y", "Contract", AgreementKind.CONTRACT, parties=("C", "D")),  # D serves elsewhere
    )
    eco = Ecosystem(
        areas=(_gemeente(), _wijk("WK0101"), _wijk("WK0102")), organisations=orgs, agreements=agreements
    )
    found = _by_code(needs_vs_coverage(eco))
    assert found["WK0101"].density == pytest.approx(1 / 3)  # 1 tie among 3 organisations
    assert found["WK0102"].density is None


def test_a_given_graph_is_used_and_the_default_is_the_organisation_graph() -> None:
    orgs = tuple(_org(i, Sector.ZORG, "WK0101") for i in "ABC")
    agreements = (Agreement("X", "Convenant", AgreementKind.COVENANT, parties=("A", "B", "C")),)
    eco = Ecosystem(areas=(_gemeente(), _wijk("WK0101")), organisations=orgs, agreements=agreements)
    assert needs_vs_coverage(eco)[0].density == 1.0
    assert needs_vs_coverage(eco, organisation_graph(eco)) == needs_vs_coverage(eco)
    assert needs_vs_coverage(eco, nx.Graph([("A", "B")]))[0].density == pytest.approx(1 / 3)
    assert needs_vs_coverage(eco, nx.DiGraph([("A", "B"), ("B", "A")]))[0].density == pytest.approx(1 / 3)


# ------------------------------------------------------------------------------ measures and scores


def test_missing_indicators_leave_out_only_the_measures_they_feed() -> None:
    eco = Ecosystem(
        areas=(
            _gemeente(),
            _wijk("WK0101", a_inw=1000.0, a_00_14=200.0, p_hh_li=12.5),
            _wijk("WK0102", a_inw=0.0, a_00_14=0.0, a_hh=0.0, a_1p_hh=0.0),
            _wijk("WK0103"),
        )
    )
    found = _by_code(needs_vs_coverage(eco))
    assert [m.key for m in found["WK0101"].measures] == ["youth_share", "low_income"]
    youth = found["WK0101"].measure("youth_share")
    assert youth is not None
    assert youth.value == pytest.approx(20.0)
    assert found["WK0101"].measure("elderly_share") is None
    assert found["WK0102"].measures == ()  # zero residents and households: no shares
    assert found["WK0102"].per_10k is None
    assert (found["WK0103"].measures, found["WK0103"].need_score, found["WK0103"].residents) == (
        (),
        0.0,
        None,
    )


def test_equal_wijken_score_zero_and_rank_by_code() -> None:
    figures = {"a_inw": 4000.0, "a_00_14": 600.0, "a_65_oo": 500.0, "p_hh_li": 8.0}
    eco = Ecosystem(
        areas=(_gemeente(), *(_wijk(code, **figures) for code in ("WK0103", "WK0101", "WK0102"))),
        organisations=(_org("A", Sector.ZORG, "GM01"), _org("B", Sector.JEUGD, "GM01")),
    )
    results = needs_vs_coverage(eco)
    assert [(w.code, w.rank) for w in results] == [("WK0101", 1), ("WK0102", 2), ("WK0103", 3)]
    for wijk in results:
        assert all(m.z == 0.0 for m in wijk.measures)
        assert (wijk.need_score, wijk.coverage_score, wijk.gap) == (0.0, 0.0, 0.0)
        assert not wijk.flagged
        assert wijk.reasons == ()


def test_wijken_are_compared_within_their_own_municipality() -> None:
    eco = Ecosystem(
        areas=(
            _gemeente("GM01"),
            _gemeente("GM02"),
            _wijk("WK0101", "GM01", a_inw=1000.0, a_00_14=100.0),
            _wijk("WK0102", "GM01", a_inw=1000.0, a_00_14=300.0),
            _wijk("WK0201", "GM02", a_inw=1000.0, a_00_14=500.0),  # alone in GM02: z 0
        )
    )
    found = _by_code(needs_vs_coverage(eco))
    youth = {code: found[code].measure("youth_share") for code in found}
    assert youth["WK0201"] is not None
    assert (youth["WK0201"].z, youth["WK0201"].median) == (0.0, 50.0)
    assert youth["WK0101"] is not None
    assert youth["WK0102"] is not None
    assert (youth["WK0101"].z, youth["WK0102"].z) == (-1.0, 1.0)  # two values: mean 20, sd 10
    assert youth["WK0101"].median == youth["WK0102"].median == 20.0


def _three_wijken() -> Ecosystem:
    """WK0103 is young and has no jeugd organisation; WK0101 and WK0102 are alike and served."""
    young = (100.0, 120.0, 300.0)
    areas = [_wijk(f"WK010{i}", a_inw=1000.0, a_00_14=y) for i, y in enumerate(young, start=1)]
    orgs = (
        _org("J", Sector.JEUGD, "WK0101", "WK0102"),
        _org("O", Sector.ONDERWIJS, "GM01"),
        _org("Z", Sector.ZORG, "GM01"),
    )
    ties = (Agreement("X", "Convenant", AgreementKind.COVENANT, parties=("J", "O", "Z")),)
    return Ecosystem(areas=(_gemeente(), *areas), organisations=orgs, agreements=ties)


def test_the_scores_follow_the_documented_formulas() -> None:
    results = needs_vs_coverage(_three_wijken())
    found = _by_code(results)
    youth = standard_scores([10.0, 12.0, 30.0])
    per_10k = standard_scores([30.0, 30.0, 20.0])
    density = standard_scores([1.0, 1.0, 1.0])  # all zero: the same density everywhere
    for i, code in enumerate(("WK0101", "WK0102", "WK0103")):
        assert found[code].need_score == pytest.approx(max(youth[i], 0.0))  # only above-mean need counts
    # WK0103's one high need (youth: jeugd and onderwijs) has onderwijs only: answered 1/2
    assert found["WK0103"].coverage_score == pytest.approx((per_10k[2] + density[2]) / 2 - 0.5)
    assert found["WK0101"].coverage_score == pytest.approx((per_10k[0] + density[0]) / 2)
    for wijk in results:
        assert wijk.gap == pytest.approx(wijk.need_score - wijk.coverage_score)
    assert [w.code for w in results] == ["WK0103", "WK0101", "WK0102"]  # equal gaps: by code
    assert [w.rank for w in results] == [1, 2, 3]
    assert [w.gap for w in results] == sorted((w.gap for w in results), reverse=True)


def test_flagged_means_high_need_and_thin_coverage() -> None:
    found = _by_code(needs_vs_coverage(_three_wijken()))
    assert found["WK0103"].need_score > FLAG_NEED
    assert found["WK0103"].coverage_score < FLAG_COVERAGE
    assert [code for code, w in found.items() if w.flagged] == ["WK0103"]


def test_reasons_name_the_high_need_the_missing_partner_and_the_thin_coverage() -> None:
    wijk = needs_vs_coverage(_three_wijken())[0]
    assert [r.code for r in wijk.reasons] == ["high-need", "missing-partner", "thin-coverage"]
    assert [r.nl for r in wijk.reasons] == [
        "30% jongeren onder 15 (mediaan gemeente 12%)",
        "geen jeugd-partner (voor jongeren onder 15)",
        "20 organisaties per 10.000 inwoners (mediaan 30)",
    ]
    assert [r.en for r in wijk.reasons] == [
        "30% young people under 15 (municipal median 12%)",
        "no youth partner (for young people under 15)",
        "20 organisations per 10,000 residents (median 30)",
    ]


def test_a_rate_measure_and_sparse_ties_read_per_thousand_and_as_density() -> None:
    areas = [
        _wijk("WK0101", a_inw=1000.0, a_soz_wb=10.0),
        _wijk("WK0102", a_inw=1000.0, a_soz_wb=12.0),
        _wijk("WK0103", a_inw=1000.0, a_soz_wb=45.0),
    ]
    orgs = (
        *(_org(i, Sector.WERK_INKOMEN, "WK0101", "WK0102") for i in "AB"),
        _org("C", Sector.HULPVERLENING, "GM01"),
    )
    ties = (Agreement("X", "Convenant", AgreementKind.COVENANT, parties=("A", "B", "C")),)
    eco = Ecosystem(areas=(_gemeente(), *areas), organisations=orgs, agreements=ties)
    wijk = needs_vs_coverage(eco)[0]
    assert wijk.code == "WK0103"
    texts = [r.nl for r in wijk.reasons]
    assert texts[0] == "45 bijstandsuitkeringen per 1.000 inwoners (mediaan gemeente 12)"
    assert "geen partner voor werk en inkomen (voor bijstandsuitkeringen)" in texts
    assert "geen banden: minder dan 2 organisaties (mediaan dichtheid 1,00)" in texts
    assert "no partner for work and income (for social assistance benefits)" in [r.en for r in wijk.reasons]


def test_need_measures_have_stable_keys_units_and_answering_sectors() -> None:
    keys = [spec.key for spec in NEED_MEASURES]
    assert len(set(keys)) == len(keys)
    expected = {"youth_share", "elderly_share", "single_households", "low_income"}
    assert expected | {"social_assistance", "youth_care", "wmo"} <= set(keys)
    for spec in NEED_MEASURES:
        assert spec.unit in {"%", "‰"}
        assert spec.sectors
        assert spec.nl
        assert spec.en
    origin = {"a_nl_all", "a_eur_al", "a_neu_al", "a_geb_nl", "a_geb_eu", "a_geb_ne", "a_gbl_eu", "a_gbl_ne"}
    assert not origin & {code for spec in NEED_MEASURES for code in (spec.numerator, spec.denominator)}


# ------------------------------------------------------------------------------ Utrecht (CBS kwb 2024)


def _utrecht_areas() -> list[Area]:
    """The Utrecht kwb rows as Area records: every numeric column an indicator, '.' left out."""
    path = shared_data("cbs_utrecht_buurten", "kwb_2024_utrecht.csv")
    levels = {"Gemeente": AreaLevel.GEMEENTE, "Wijk": AreaLevel.WIJK, "Buurt": AreaLevel.BUURT}
    areas = []
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            code, level = row["gwb_code_10"], levels[row["recs"]]
            parent = (
                None
                if level is AreaLevel.GEMEENTE
                else ("GM0344" if code.startswith("WK") else "WK" + code[2:8])
            )
            indicators = []
            for name, text in row.items():
                if name.startswith(("a_", "p_", "g_")) and text not in {"", "."}:
                    indicators.append((name, float(text)))
            areas.append(Area(code, row["regio"], level, parent, indicators=tuple(indicators)))
    return areas


def test_utrecht_measures_equal_the_shares_computed_from_the_raw_figures() -> None:
    areas = _utrecht_areas()
    results = needs_vs_coverage(Ecosystem(areas=tuple(areas)))
    wijken = {a.code: a for a in areas if a.level is AreaLevel.WIJK}
    assert sorted(w.code for w in results) == sorted(wijken)
    assert len(wijken) == 10
    raw = {code: dict(a.indicators) for code, a in wijken.items()}
    expected = {
        "youth_share": {c: 100 * f["a_00_14"] / f["a_inw"] for c, f in raw.items()},
        "elderly_share": {c: 100 * f["a_65_oo"] / f["a_inw"] for c, f in raw.items()},
        "single_households": {c: 100 * f["a_1p_hh"] / f["a_hh"] for c, f in raw.items()},
    }
    for wijk in results:
        assert wijk.municipality == "GM0344"
        assert [m.key for m in wijk.measures] == list(expected)  # income, benefits, care: '.' in 2024
        for measure in wijk.measures:
            values = expected[measure.key]
            sd = statistics.pstdev(values.values())
            assert measure.value == pytest.approx(values[wijk.code])
            assert measure.median == pytest.approx(statistics.median(values.values()))
            assert measure.z == pytest.approx((values[wijk.code] - statistics.fmean(values.values())) / sd)
        assert wijk.need_score == pytest.approx(statistics.fmean(max(m.z, 0.0) for m in wijk.measures))


def test_utrecht_west_has_the_published_figures_and_scores_balance_out() -> None:
    results = needs_vs_coverage(Ecosystem(areas=tuple(_utrecht_areas())))
    west = _by_code(results)["WK034401"]
    assert west.residents == 29710
    youth = west.measure("youth_share")
    assert youth is not None
    assert youth.value == pytest.approx(100 * 4285 / 29710)
    for key in ("youth_share", "elderly_share", "single_households"):
        measures = [w.measure(key) for w in results]
        assert math.fsum(m.z for m in measures if m is not None) == pytest.approx(0.0, abs=1e-9)
