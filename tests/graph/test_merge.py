"""Merging two organisations: everything moves, nothing dangles, referrals add up."""

from __future__ import annotations

from collections import Counter
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from graph.errors import ConfigError
from graph.merge import merge_organisations
from graph.model import Agreement, Ecosystem, Employment, Organisation, Professional, ReferralFlow
from graph.periods import Period
from graph.taxonomy import ActorKind, AgreementKind, Sector
from tests.strategies import ecosystems

JAN, FEB = Period.parse("2025-01"), Period.parse("2025-02")


def flow(
    source: str, target: str, count: int, period: Period = JAN, kind: ActorKind = ActorKind.ORGANISATION
) -> ReferralFlow:
    return ReferralFlow(kind, source, target, period, "zorg", count)


@pytest.fixture
def eco() -> Ecosystem:
    return Ecosystem(
        organisations=(
            Organisation("KEEP", "Stichting De Brug", Sector.WELZIJN, areas=("WK01",), expertise=("jeugd",)),
            Organisation(
                "DROP",
                "De Brug",
                Sector.WELZIJN,
                municipality="GM9901",
                areas=("WK02",),
                kvk="41234567",
                capacity=12,
                description="Buurtwerk",
                expertise=("schulden",),
            ),
            Organisation("TEAM", "Wijkteam Noord", Sector.HULPVERLENING),
            Organisation("BRANCH", "De Brug Noord", Sector.WELZIJN, parent_id="DROP"),
        ),
        professionals=(
            Professional("P1", "Sam", employments=(Employment("KEEP", 0.4), Employment("DROP", 0.2))),
            Professional("P2", "Kim", employments=(Employment("DROP", 1.0), Employment("TEAM", 0.2))),
            Professional("P3", "Ali", employments=(Employment("KEEP", 0.8), Employment("DROP", 0.6))),
        ),
        agreements=(
            Agreement(
                "A1", "Convenant", AgreementKind.COVENANT, date(2024, 1, 1), parties=("KEEP", "DROP", "TEAM")
            ),
            Agreement("A2", "Wijkteam", AgreementKind.WIJKTEAM, parties=("DROP", "TEAM"), members=("P2",)),
        ),
        flows=(
            flow("TEAM", "KEEP", 5),
            flow("TEAM", "DROP", 3),  # same key as the one above after the merge
            flow("TEAM", "DROP", 7, FEB),
            flow("KEEP", "DROP", 4),  # between the two: dropped
            flow("DROP", "KEEP", 1, FEB),  # between the two: dropped
            flow("DROP", "TEAM", 6),
            flow("P1", "DROP", 2, kind=ActorKind.PROFESSIONAL),
        ),
    )


def test_merge_moves_everything_to_the_kept_organisation(eco: Ecosystem) -> None:
    result = merge_organisations(eco, "KEEP", "DROP")
    merged = result.ecosystem
    orgs = {o.id: o for o in merged.organisations}
    assert set(orgs) == {"KEEP", "TEAM", "BRANCH"}
    keep = orgs["KEEP"]
    assert keep.name == "Stichting De Brug"  # the kept name stays
    assert keep.areas == ("WK01", "WK02")
    assert keep.expertise == ("jeugd", "schulden")
    assert (keep.kvk, keep.municipality, keep.capacity, keep.description) == (
        "41234567",
        "GM9901",
        12,
        "Buurtwerk",
    )
    assert orgs["BRANCH"].parent_id == "KEEP"
    jobs = {p.id: {e.organisation_id: e.fte for e in p.employments} for p in merged.professionals}
    assert jobs == {"P1": {"KEEP": 0.6}, "P2": {"KEEP": 1.0, "TEAM": 0.2}, "P3": {"KEEP": 1.0}}
    assert {a.id: a.parties for a in merged.agreements} == {"A1": ("KEEP", "TEAM"), "A2": ("KEEP", "TEAM")}
    flows = {(f.source_id, f.target_id, f.period.code): f.count for f in merged.flows}
    assert flows == {
        ("TEAM", "KEEP", "2025-01"): 8,
        ("TEAM", "KEEP", "2025-02"): 7,
        ("KEEP", "TEAM", "2025-01"): 6,
        ("P1", "KEEP", "2025-01"): 2,
    }


def test_the_summary_counts_what_moved(eco: Ecosystem) -> None:
    s = merge_organisations(eco, "KEEP", "DROP").summary
    assert (s.keep, s.drop) == ("KEEP", "DROP")
    assert (s.employments_moved, s.employments_combined, s.fte_capped) == (3, 2, 1)
    assert s.agreements_repointed == 2
    assert (s.flows_repointed, s.flows_combined) == (6, 1)
    assert (s.self_flows_dropped, s.self_referrals_dropped) == (2, 5)
    assert s.children_repointed == ("BRANCH",)
    assert (s.areas_added, s.expertise_added) == (("WK02",), ("schulden",))
    assert s.fields_filled == ("kvk", "municipality", "capacity", "description")


def test_the_kept_organisations_own_details_win() -> None:
    eco = Ecosystem(
        organisations=(
            Organisation("A", "Een", Sector.ZORG, kvk="11111111", capacity=0, description="eigen"),
            Organisation("B", "Twee", Sector.ZORG, kvk="22222222", capacity=9, description="ander"),
        )
    )
    result = merge_organisations(eco, "A", "B")
    kept = result.ecosystem.organisations[0]
    assert (kept.kvk, kept.capacity, kept.description) == ("11111111", 0, "eigen")
    assert result.summary.fields_filled == ()


def test_umbrellas_never_point_at_the_dropped_one_or_form_a_cycle() -> None:
    orgs = (
        Organisation("TOP", "Koepel", Sector.ZORG),
        Organisation("DROP", "Regio", Sector.ZORG, parent_id="TOP"),
        Organisation("KEEP", "Regio Noord", Sector.ZORG, parent_id="DROP"),
    )
    merged = merge_organisations(Ecosystem(organisations=orgs), "KEEP", "DROP").ecosystem
    assert {o.id: o.parent_id for o in merged.organisations} == {"TOP": None, "KEEP": "TOP"}
    # the other way round: the kept umbrella takes nothing from its own child
    merged = merge_organisations(Ecosystem(organisations=orgs), "DROP", "KEEP").ecosystem
    assert {o.id: o.parent_id for o in merged.organisations} == {"TOP": None, "DROP": "TOP"}
    looped = (
        Organisation("KEEP", "A", Sector.ZORG),
        Organisation("MID", "B", Sector.ZORG, parent_id="KEEP"),
        Organisation("DROP", "C", Sector.ZORG, parent_id="MID"),
    )
    merged = merge_organisations(Ecosystem(organisations=looped), "KEEP", "DROP").ecosystem
    assert {o.id: o.parent_id for o in merged.organisations} == {"KEEP": None, "MID": "KEEP"}
    under = (
        Organisation("DROP", "A", Sector.ZORG),
        Organisation("MID", "B", Sector.ZORG, parent_id="DROP"),
        Organisation("KEEP", "C", Sector.ZORG, parent_id="MID"),
    )
    merged = merge_organisations(Ecosystem(organisations=under), "KEEP", "DROP").ecosystem
    assert {o.id: o.parent_id for o in merged.organisations} == {"KEEP": None, "MID": "KEEP"}


def test_unknown_ids_and_merging_into_itself_are_refused(eco: Ecosystem) -> None:
    with pytest.raises(ConfigError, match="no organisation with id 'NOPE'"):
        merge_organisations(eco, "KEEP", "NOPE")
    with pytest.raises(ConfigError, match="no organisation with id 'NOPE'"):
        merge_organisations(eco, "NOPE", "DROP")
    with pytest.raises(ConfigError, match="into itself"):
        merge_organisations(eco, "KEEP", "KEEP")
    with pytest.raises(ConfigError, match="no organisation with id 'P1'"):
        merge_organisations(eco, "KEEP", "P1")  # a professional is no organisation


def _references(eco: Ecosystem) -> Counter[str]:
    """How often each organisation id is named by another record."""
    named: Counter[str] = Counter()
    named.update(o.parent_id for o in eco.organisations if o.parent_id)
    named.update(e.organisation_id for p in eco.professionals for e in p.employments)
    named.update(party for a in eco.agreements for party in a.parties)
    named.update(f.target_id for f in eco.flows)
    named.update(f.source_id for f in eco.flows if f.source_kind is ActorKind.ORGANISATION)
    return named


@settings(max_examples=150, deadline=None)
@given(st.data())
def test_merging_keeps_referrals_and_leaves_no_dangling_reference(data: st.DataObject) -> None:
    eco = data.draw(ecosystems(max_organisations=6))
    ids = [o.id for o in eco.organisations]
    if len(ids) < 2:
        return
    keep, drop = data.draw(st.permutations(ids))[:2]
    result = merge_organisations(eco, keep, drop)
    merged, summary = result.ecosystem, result.summary

    orgs = {o.id for o in merged.organisations}
    assert orgs == set(ids) - {drop}
    assert set(_references(merged)) <= orgs
    pros = {p.id for p in merged.professionals}
    assert {f.source_id for f in merged.flows if f.source_kind is ActorKind.PROFESSIONAL} <= pros
    assert pros == {p.id for p in eco.professionals}
    assert all(0 < e.fte <= 1.0 for p in merged.professionals for e in p.employments)

    before = eco.counts().referrals
    assert merged.counts().referrals == before - summary.self_referrals_dropped
    between = {keep, drop}
    assert summary.self_referrals_dropped == sum(
        f.count
        for f in eco.flows
        if f.source_kind is ActorKind.ORGANISATION and {f.source_id, f.target_id} == between
    )
    assert not any(
        f.source_kind is ActorKind.ORGANISATION and f.source_id == f.target_id for f in merged.flows
    )
    assert len({f.key for f in merged.flows}) == len(merged.flows)
    kept = next(o for o in merged.organisations if o.id == keep)
    old = {o.id: o for o in eco.organisations}
    assert set(kept.areas) == set(old[keep].areas) | set(old[drop].areas)
    assert merged.counts().agreements == eco.counts().agreements
    parents = {o.id: o.parent_id for o in merged.organisations}
    for first_parent in parents.values():  # no umbrella loops
        seen, current = set(), first_parent
        while current is not None:
            assert current not in seen
            seen.add(current)
            current = parents[current]
