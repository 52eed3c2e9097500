"""The contract every store keeps: one suite, run against every store that can run here.

The ``store`` fixture (tests/conftest.py) yields an empty store per kind; Neo4j is
skipped with its reason unless ``NEO4J_URI`` is set.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings

from graph.errors import StaleWrite, StoreError
from graph.model import Counts, Ecosystem, Employment, Professional, Scope
from graph.periods import Period, PeriodRange
from loaders.templates import template_ecosystem
from queries.base import KnownIds, LoadRecord, Store
from tests.strategies import ecosystems


def test_new_store_is_empty(store: Store) -> None:
    assert store.counts() == Counts()
    assert store.snapshot() == Ecosystem()
    assert store.loads() == []
    assert store.known_ids() == KnownIds()


def test_apply_then_snapshot_returns_the_batch(store: Store, demo: Ecosystem) -> None:
    result = store.apply(demo)
    assert result.total > 0
    assert store.snapshot() == demo
    assert store.counts() == demo.counts()


def test_applying_the_same_batch_twice_changes_nothing(store: Store, demo: Ecosystem) -> None:
    store.apply(demo)
    revision = store.revision()
    again = store.apply(demo)
    assert again.total == 0
    assert again.changes == {}
    assert store.revision() == revision
    assert store.snapshot() == demo


def test_revision_grows_only_when_something_changed(store: Store) -> None:
    start = store.revision()
    eco = template_ecosystem()
    store.apply(eco)
    after_first = store.revision()
    store.apply(eco)
    assert after_first > start
    assert store.revision() == after_first


def test_upsert_updates_changed_fields_and_replaces_lists(store: Store) -> None:
    eco = template_ecosystem()
    store.apply(eco)
    org = eco.organisations[0]
    moved = replace(org, name="Welzijn Ketendam Nieuw", areas=())
    result = store.apply(Ecosystem(organisations=(moved,)))
    assert result.changes == {"organisations": 1, "organisation_areas": 1}
    stored = next(o for o in store.snapshot().organisations if o.id == org.id)
    assert stored == moved


def test_records_not_in_the_batch_are_kept(store: Store) -> None:
    eco = template_ecosystem()
    store.apply(eco)
    store.apply(Ecosystem(organisations=(eco.organisations[0],)))
    assert store.counts() == eco.counts()


def test_replace_makes_the_batch_the_whole_content(store: Store, demo: Ecosystem) -> None:
    store.apply(demo)
    small = template_ecosystem()
    store.apply(small, replace=True)
    assert store.snapshot() == small


def test_employment_fte_change_is_one_change(store: Store) -> None:
    eco = template_ecosystem()
    store.apply(eco)
    pro = eco.professionals[0]
    jobs = (Employment("ORG0001", 0.5), Employment("ORG0002", 0.6))  # was 0.4 and 0.6
    result = store.apply(Ecosystem(professionals=(replace(pro, employments=jobs),)))
    assert result.changes == {"employments": 1}


def test_failed_apply_leaves_the_store_as_it_was(store: Store, demo: Ecosystem) -> None:
    store.apply(demo)
    before, revision = store.snapshot(), store.revision()
    orphan = Professional("PRO99999", "Nobody", employments=(Employment("ORG-MISSING", 1.0),))
    broken = Ecosystem(
        organisations=(replace(demo.organisations[0], name="changed"),), professionals=(orphan,)
    )
    with pytest.raises(StoreError):
        store.apply(broken)
    assert store.snapshot() == before
    assert store.revision() == revision


def test_scope_by_municipality(store: Store, demo: Ecosystem) -> None:
    store.apply(demo)
    assert store.snapshot(Scope(municipality="GM9901")) == demo
    assert store.snapshot(Scope(municipality="GM0000")).organisations == ()


def test_scope_by_area_includes_areas_below(store: Store) -> None:
    eco = template_ecosystem()
    store.apply(eco)
    by_gemeente = store.snapshot(Scope(areas=frozenset({"GM9901"})))
    assert {o.id for o in by_gemeente.organisations} == {"ORG0001", "ORG0002"}
    nowhere = store.snapshot(Scope(areas=frozenset({"WK990199"})))
    assert nowhere.organisations == ()
    assert nowhere.flows == ()
    assert nowhere.areas == eco.areas  # areas are reference data, always whole


def test_scoped_snapshot_keeps_only_ties_inside_the_scope(store: Store, demo: Ecosystem) -> None:
    store.apply(demo)
    wijk = demo.areas[1].code if demo.areas[1].level.value == "wijk" else "WK990101"
    part = store.snapshot(Scope(areas=frozenset({wijk})))
    inside = {o.id for o in part.organisations}
    pros = {p.id for p in part.professionals}
    assert inside
    assert len(inside) < len(demo.organisations)
    assert all(f.target_id in inside for f in part.flows)
    assert all(f.source_id in inside | pros for f in part.flows)
    assert all(e.organisation_id in inside for p in part.professionals for e in p.employments)
    assert all(set(a.parties) <= inside and a.parties for a in part.agreements)


def test_scope_by_period_range(store: Store, demo: Ecosystem) -> None:
    store.apply(demo)
    periods = sorted({f.period for f in demo.flows})
    first, last = periods[0], periods[2]
    part = store.snapshot(Scope(periods=PeriodRange(first, last)))
    assert {f.period for f in part.flows} == set(periods[:3])
    assert part.flows == tuple(f for f in demo.flows if f.period in PeriodRange(first, last))
    assert part.organisations == demo.organisations


def test_quarter_flows_fall_inside_a_month_range_only_when_covered(store: Store) -> None:
    eco = template_ecosystem()
    quarter = replace(eco.flows[0], period=Period.parse("2025-Q1"))
    store.apply(replace(eco, flows=(quarter,)))
    covered = Scope(periods=PeriodRange(Period.parse("2025-01"), Period.parse("2025-03")))
    partial = Scope(periods=PeriodRange(Period.parse("2025-02"), Period.parse("2025-06")))
    assert store.snapshot(covered).flows == (quarter,)
    assert store.snapshot(partial).flows == ()


def test_flows_come_in_key_order_when_months_and_quarters_mix(store: Store) -> None:
    # "2025-04" sorts before "2025-Q1" as text, after it by months: the key orders by months
    eco = template_ecosystem()
    codes = ("2025-04", "2025-Q1", "2025-Q2", "2025-01", "2025-05")
    flows = tuple(
        replace(eco.flows[0], period=Period.parse(code), domain=domain)
        for code in codes
        for domain in ("schulden", "")
    )
    store.apply(replace(eco, flows=flows))
    read = store.snapshot().flows
    assert [f.period.code for f in read[::2]] == ["2025-01", "2025-Q1", "2025-04", "2025-Q2", "2025-05"]
    assert [f.key for f in read] == sorted(f.key for f in flows)


def test_search_ignores_case_and_accents_and_ranks_prefixes_first(store: Store) -> None:
    eco = template_ecosystem()
    renamed = replace(eco.organisations[1], name="Schuldhulp Café Ketendam")
    store.apply(replace(eco, organisations=(eco.organisations[0], renamed)))
    hits = store.search("CAFE")
    assert [(h.kind, h.id) for h in hits] == [("organisation", "ORG0002")]
    ranked = store.search("ketendam")
    assert ranked[0].kind == "area"  # "Ketendam" itself starts with the text
    assert {h.id for h in ranked} >= {"ORG0001", "ORG0002", "GM9901"}
    assert store.search("ketendam", limit=1) == ranked[:1]
    assert store.search("   ") == []
    assert store.search("org0001")[0].id == "ORG0001"


def test_known_ids(store: Store) -> None:
    eco = template_ecosystem()
    store.apply(eco)
    known = store.known_ids()
    assert known.organisations == {"ORG0001", "ORG0002"}
    assert known.professionals == {"PRO00001"}
    assert known.agreements == {"AGR001"}
    assert known.areas == {"GM9901", "WK990101"}
    assert known.held_areas == eco.areas
    assert known.held_area("WK990101") == eco.areas[1]


def test_loads_are_logged_once_per_file_set(store: Store) -> None:
    eco = template_ecosystem()
    record = LoadRecord(
        "abc123", "2025-01-01T00:00:00+00:00", "/data/in", ("organisations.csv",), eco.counts()
    )
    store.apply(eco, record=record)
    store.apply(eco, record=replace(record, loaded_at="2025-02-01T00:00:00+00:00"))
    assert store.loads() == [record]


def test_replace_keeps_the_load_log(store: Store, demo: Ecosystem) -> None:
    first = LoadRecord(
        "first", "2025-01-01T00:00:00+00:00", "/data/in", ("organisations.csv",), demo.counts()
    )
    store.apply(demo, record=first)
    small = template_ecosystem()
    second = LoadRecord("second", "2025-02-01T00:00:00+00:00", "merge", (), small.counts())
    store.apply(small, replace=True, record=second)
    assert store.snapshot() == small
    assert [r.fingerprint for r in store.loads()] == ["first", "second"]


def test_a_write_based_on_an_old_revision_is_refused(store: Store, demo: Ecosystem) -> None:
    store.apply(demo)
    seen = store.revision()
    changed = replace(demo.organisations[0], name="Renamed meanwhile")
    store.apply(Ecosystem(organisations=(changed,)))  # someone else writes in between
    before, revision = store.snapshot(), store.revision()
    with pytest.raises(StaleWrite, match=f"revision {seen}, now {revision}"):
        store.apply(template_ecosystem(), replace=True, expected_revision=seen)
    assert store.snapshot() == before
    assert store.revision() == revision
    store.apply(template_ecosystem(), replace=True, expected_revision=revision)
    assert store.snapshot() == template_ecosystem()


def test_clear_removes_everything(store: Store, demo: Ecosystem) -> None:
    record = LoadRecord(
        "abc123", "2025-01-01T00:00:00+00:00", "/data/in", ("organisations.csv",), demo.counts()
    )
    store.apply(demo, record=record)
    revision = store.revision()
    store.clear()
    assert store.counts() == Counts()
    assert store.loads() == []
    assert store.revision() > revision


def test_dates_and_missing_values_survive(store: Store) -> None:
    eco = template_ecosystem()
    ended = replace(eco.agreements[0], end=date(2026, 6, 30))
    org = replace(eco.organisations[1], kvk=None, capacity=None, municipality=None, description="")
    batch = replace(eco, agreements=(ended,), organisations=(eco.organisations[0], org))
    store.apply(batch)
    assert store.snapshot() == batch


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(first=ecosystems(), second=ecosystems())
def test_any_valid_ecosystem_round_trips_and_reapplies_as_no_change(
    store: Store, first: Ecosystem, second: Ecosystem
) -> None:
    store.apply(first, replace=True)
    assert store.snapshot() == first
    assert store.apply(first).total == 0
    store.apply(second, replace=True)
    assert store.snapshot() == second


# -- expertise, indicators and boundaries ----------------------------------------------------

SQUARE = '{"type":"Polygon","coordinates":[[[5.1,52.1],[5.2,52.1],[5.2,52.2],[5.1,52.1]]]}'


def _with_open_data() -> Ecosystem:
    eco = template_ecosystem()
    wijk = replace(eco.areas[1], indicators=(("a_inw", 5200.0), ("p_hh_li", 12.5)), boundary=SQUARE)
    org = replace(eco.organisations[0], expertise=("schuldhulp", "buurtwerk"))
    return replace(eco, areas=(eco.areas[0], wijk), organisations=(org, eco.organisations[1]))


def test_expertise_indicators_and_boundaries_round_trip(store: Store) -> None:
    eco = _with_open_data()
    store.apply(eco)
    held = store.snapshot()
    assert held == eco
    wijk = next(a for a in held.areas if a.code == "WK990101")
    assert wijk.indicator("a_inw") == 5200.0
    assert wijk.indicator("a_00_14") is None
    assert wijk.boundary == SQUARE
    assert held.organisations[0].expertise == ("buurtwerk", "schuldhulp")
    assert store.apply(eco).changes == {}


def test_a_changed_indicator_boundary_or_expertise_is_one_change(store: Store) -> None:
    eco = _with_open_data()
    store.apply(eco)
    wijk, org = eco.areas[1], eco.organisations[0]
    more = replace(wijk, indicators=(*wijk.indicators, ("a_00_14", 610.0)))
    assert store.apply(Ecosystem(areas=(more,))).changes == {"areas": 1}
    assert store.apply(Ecosystem(areas=(replace(more, boundary=None),))).changes == {"areas": 1}
    assert store.apply(Ecosystem(areas=(replace(more, boundary=None),))).changes == {}
    assert store.apply(Ecosystem(organisations=(replace(org, expertise=()),))).changes == {"organisations": 1}
    held = store.snapshot()
    assert held.areas[1] == replace(more, boundary=None)
    assert held.organisations[0].expertise == ()


def test_an_indicator_that_is_no_number_is_refused(store: Store) -> None:
    eco = _with_open_data()
    store.apply(eco)
    before = store.snapshot()
    broken = replace(eco.areas[1], indicators=(("a_inw", float("nan")),))
    with pytest.raises(StoreError, match="a_inw"):
        store.apply(Ecosystem(areas=(broken,)))
    assert store.snapshot() == before


def test_expertise_is_kept_word_for_word(store: Store) -> None:
    eco = template_ecosystem()
    odd = replace(eco.organisations[0], expertise=("wonen | zorg", "ouderen café", '"quoted"', "[1]"))
    store.apply(replace(eco, organisations=(odd, eco.organisations[1])))
    assert store.snapshot().organisations[0].expertise == odd.expertise


def test_search_orders_ties_the_same_on_every_store(store: Store) -> None:
    """Prefix matches first, then shorter names, then names by code point, kind and id.

    The names tie in length and differ only in case, accents and a character outside the
    Basic Multilingual Plane, where collations and string lengths part ways.
    """
    eco = template_ecosystem()
    names = ["Zorg é", "Zorg E", "Zorg e", "Zorg 😀", "Zorg Z", "zorg a", "De Zorg"]
    orgs = tuple(
        replace(eco.organisations[0], id=f"ORG9{n:03d}", name=name, areas=()) for n, name in enumerate(names)
    )
    pros = tuple(Professional(f"PRO9{n:04d}", name) for n, name in enumerate(names[:3]))
    store.apply(Ecosystem(organisations=orgs, professionals=pros))
    hits = [(h.kind, h.id) for h in store.search("zorg", limit=-1)]
    expected = sorted(
        [("organisation", o.id, o.name) for o in orgs] + [("professional", p.id, p.name) for p in pros],
        key=lambda h: (not h[2].lower().startswith("zorg"), len(h[2]), h[2], h[0], h[1]),
    )
    assert hits == [(kind, key) for kind, key, _ in expected]
    assert store.search("zorg", limit=3) == store.search("zorg", limit=-1)[:3]
    assert store.search("zorg", limit=0) == []
