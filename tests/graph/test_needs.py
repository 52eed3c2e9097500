"""Needs versus coverage: hand-made ecosystems with known answers, and the Utrecht CBS figures."""

from __future__ import annotations

import csv
import math
import statistics
from collections.abc import Iterable

import networkx as nx
import pytest

from graph.density import density_by_area, density_by_membership
from graph.model import Agreement, Area, Ecosystem, Organisation
from graph.needs import FLAG_COVERAGE, FLAG_NEED, NEED_MEASURES, WijkNeed, needs_vs_coverage
from graph.needs_scores import _clearly_low, _Compared, standard_scores
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


def test_a_gemeente_wide_organisation_counts_with_its_ties_in_every_wijk_of_its_gemeente() -> None:
    """G serves GM01 (both wijken); A (zorg) and B (welzijn) serve WK0101, C (zorg) WK0102.

    Ties A-G, B-G, A-B, C-G. WK0101: A, B, G with 3 ties: density 3/3 = 1, 2 partners
    each, cross-sector A-B and B-G (2 of 3). WK0102: C, G with C-G (zorg-zorg): density 1,
    1 partner each, no tie across sectors. Overzicht (node attribute ``wijken``) leaves G out.
    """
    orgs = (
        _org("A", Sector.ZORG, "WK0101"),
        _org("B", Sector.WELZIJN, "WK0101"),
        _org("C", Sector.ZORG, "WK0102"),
        _org("G", Sector.ZORG, "GM01"),
    )
    agreements = (
        Agreement("X", "Convenant", AgreementKind.COVENANT, parties=("A", "G")),
        Agreement("Y", "Convenant", AgreementKind.COVENANT, parties=("B", "G")),
        Agreement("Z", "Convenant", AgreementKind.COVENANT, parties=("A", "B")),
        Agreement("W", "Convenant", AgreementKind.COVENANT, parties=("C", "G")),
    )
    eco = Ecosystem(
        areas=(_gemeente(), _wijk("WK0101"), _wijk("WK0102")), organisations=orgs, agreements=agreements
    )
    found = _by_code(needs_vs_coverage(eco))
    one, two = found["WK0101"], found["WK0102"]
    assert (one.organisations, one.density, one.ties_per_organisation) == (3, 1.0, 2.0)
    assert one.cross_sector_share == pytest.approx(2 / 3)
    assert (two.organisations, two.density, two.ties_per_organisation, two.cross_sector_share) == (
        2, 1.0, 1.0, 0.0,
    )  # fmt: skip
    overzicht = density_by_area(organisation_graph(eco))
    assert (overzicht["WK0101"].organisations, overzicht["WK0101"].ties) == (2, 1)
    assert overzicht["WK0102"].organisations == 1


def test_the_tie_figures_are_those_of_the_one_density_computation() -> None:
    orgs = (
        _org("A", Sector.ZORG, "WK0101"),
        _org("B", Sector.WELZIJN, "WK0101"),
        _org("C", Sector.WONEN, "WK0101", "WK0102"),
        _org("D", Sector.JEUGD, "WK0102"),
        _org("E", Sector.JEUGD, "WK0103"),
    )
    agreements = (
        Agreement("X", "Convenant", AgreementKind.COVENANT, parties=("A", "B", "C")),
        Agreement("Y", "Contract", AgreementKind.CONTRACT, parties=("C", "D")),
    )
    eco = Ecosystem(
        areas=(_gemeente(), _wijk("WK0101"), _wijk("WK0102"), _wijk("WK0103")),
        organisations=orgs,
        agreements=agreements,
    )
    graph = organisation_graph(eco)
    cells = density_by_membership(graph, {"WK0101": "ABC", "WK0102": "CD", "WK0103": "E"})
    for wijk in needs_vs_coverage(eco, graph):
        cell = cells[wijk.code]
        figures = (wijk.organisations, wijk.density, wijk.ties_per_organisation, wijk.cross_sector_share)
        if cell.organisations < 2:  # one organisation: no tie is possible, no figure
            assert figures == (1, None, None, None)
        else:
            assert figures == (
                cell.organisations,
                cell.density,
                cell.ties_per_organisation,
                cell.cross_sector_share,
            )
    assert cells["WK0101"].cross_sector_share == 1.0  # A-B, A-C, B-C: three sectors


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
    # J, O, Z are all tied: 2 partners each in WK0101 and WK0102; O and Z alone in WK0103: 1 each
    # (the density is 1.0 in all three, so by density the three would not differ)
    ties = standard_scores([2.0, 2.0, 1.0])
    for i, code in enumerate(("WK0101", "WK0102", "WK0103")):
        assert found[code].need_score == pytest.approx(max(youth[i], 0.0))  # only above-mean need counts
    # WK0103's one high need (youth: jeugd and onderwijs) has onderwijs only: answered 1/2
    assert [found[code].density for code in found] == [1.0, 1.0, 1.0]
    assert found["WK0103"].coverage_score == pytest.approx((per_10k[2] + ties[2]) / 2 - 0.5)
    assert found["WK0101"].coverage_score == pytest.approx((per_10k[0] + ties[0]) / 2)
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
    # per 10k [30, 30, 20] and ties per organisation [2, 2, 1] both give WK0103 z = -sqrt(2):
    # equal weights keep the order organisations, then ties
    assert [r.code for r in wijk.reasons] == ["high-need", "missing-partner", "thin-coverage", "sparse-ties"]
    assert wijk.reasons[3].weight == pytest.approx(math.sqrt(2))
    assert [r.nl for r in wijk.reasons] == [
        "30% jongeren onder 15 (mediaan gemeente 12%)",
        "geen jeugd-partner (voor jongeren onder 15)",
        "20 organisaties per 10.000 inwoners (mediaan 30)",
        "1,0 samenwerkingen per organisatie (mediaan 2,0)",
    ]
    assert [r.en for r in wijk.reasons] == [
        "30% young people under 15 (municipal median 12%)",
        "no youth partner (for young people under 15)",
        "20 organisations per 10,000 residents (median 30)",
        "1.0 ties per organisation (median 2.0)",
    ]


def test_a_rate_measure_and_sparse_ties_read_per_thousand_and_per_organisation() -> None:
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
    # WK0101 and WK0102: A, B, C all tied, 2 partners each; WK0103 has C alone: median 2
    assert (
        "geen samenwerkingen: minder dan 2 organisaties (mediaan 2,0 samenwerkingen per organisatie)" in texts
    )
    assert "no ties: fewer than 2 organisations (median 2.0 ties per organisation)" in [
        r.en for r in wijk.reasons
    ]
    assert "no partner for work and income (for social assistance benefits)" in [r.en for r in wijk.reasons]


def test_coverage_follows_ties_per_organisation_where_density_points_the_other_way() -> None:
    """Small: 3 organisations, all tied (3 ties): density 3/3 = 1.0, 2 partners each. Large: 6
    organisations tied as K(3,3) (9 ties): density 9/15 = 0.6, 3 partners each. Both have 30
    organisations per 10,000 residents, so z_o = 0 and only the ties decide. By ties per
    organisation ([2, 3]: z = -1, +1) Small's coverage is mean(0, -1) = -0.5 and Large's +0.5;
    with no need figures gap = -coverage, so Small ranks first, with the reason 2 against the
    median 2.5 (z -1, 20% below). By density ([1.0, 0.6]) the order and the reason would be Large's.
    """
    small, large = ("S1", "S2", "S3"), ("L1", "L2", "L3", "L4", "L5", "L6")
    orgs = (
        *(_org(i, Sector.ZORG, "WK0101") for i in small),
        *(_org(i, Sector.WELZIJN, "WK0102") for i in large),
    )
    graph = nx.Graph([("S1", "S2"), ("S2", "S3"), ("S1", "S3")])
    graph.add_edges_from((a, b) for a in large[:3] for b in large[3:])
    eco = Ecosystem(
        areas=(_gemeente(), _wijk("WK0101", a_inw=1000.0), _wijk("WK0102", a_inw=2000.0)), organisations=orgs
    )
    results = needs_vs_coverage(eco, graph)
    found = _by_code(results)
    s, big = found["WK0101"], found["WK0102"]
    assert (s.density, big.density) == pytest.approx((1.0, 0.6))  # density: Small above Large
    assert (s.ties_per_organisation, big.ties_per_organisation) == (2.0, 3.0)  # ties: Small below Large
    assert s.per_10k == big.per_10k == pytest.approx(30.0)
    assert (s.coverage_score, big.coverage_score) == pytest.approx((-0.5, 0.5))
    assert [(w.code, w.rank) for w in results] == [("WK0101", 1), ("WK0102", 2)]
    assert [w.gap for w in results] == pytest.approx([0.5, -0.5])
    assert [(r.code, r.nl, r.en) for r in s.reasons] == [
        (
            "sparse-ties",
            "2,0 samenwerkingen per organisatie (mediaan 2,5)",
            "2.0 ties per organisation (median 2.5)",
        )
    ]
    assert s.reasons[0].weight == pytest.approx(1.0)
    assert big.reasons == ()


def test_a_wijk_below_two_organisations_scores_as_zero_ties_per_organisation() -> None:
    """One: 1 organisation (no tie possible), 500 residents; Pair: 2 tied; Apart: 2 untied, 1000
    residents each: 20 per 10,000 in all three, so z_o = 0. Ties per organisation are scored
    as [0, 1, 0], so One's coverage equals Apart's, though only Apart has a figure (0.0)."""
    orgs = (
        _org("A", Sector.ZORG, "WK0101"),
        *(_org(i, Sector.ZORG, "WK0102") for i in "BC"),
        *(_org(i, Sector.ZORG, "WK0103") for i in "DE"),
    )
    areas = (_wijk("WK0101", a_inw=500.0), _wijk("WK0102", a_inw=1000.0), _wijk("WK0103", a_inw=1000.0))
    eco = Ecosystem(areas=(_gemeente(), *areas), organisations=orgs)
    found = _by_code(needs_vs_coverage(eco, nx.Graph([("B", "C")])))
    one, pair, apart = found["WK0101"], found["WK0102"], found["WK0103"]
    assert (one.ties_per_organisation, pair.ties_per_organisation, apart.ties_per_organisation) == (
        None,
        1.0,
        0.0,
    )
    z = standard_scores([0.0, 1.0, 0.0])
    assert one.coverage_score == apart.coverage_score == pytest.approx(z[0] / 2)
    assert pair.coverage_score == pytest.approx(z[1] / 2)


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


def test_a_figure_equal_to_a_zero_median_is_no_reason() -> None:
    """0 ties per organisation where the median wijk also has 0 is not "below the median",
    however low its standard score; 0.8 against a median of 1 is."""
    assert not _clearly_low(_Compared(value=0.0, median=0.0, z=-1.0))
    assert _clearly_low(_Compared(value=0.8, median=1.0, z=-1.0))
    assert not _clearly_low(_Compared(value=0.95, median=1.0, z=-1.0))
