"""The change planner reports exactly what the SQLite store's merge statements write.

``Neo4jStore`` plans its writes with :func:`queries.changes.plan`; the SQLite store does
the same work in SQL. Both must report the same changes for the same batch, and refuse
the same bad batches, which this suite checks against the real SQLite store.
"""

from __future__ import annotations

from dataclasses import replace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from graph.errors import DuplicateKey, QueryFailed, StoreError
from graph.model import Area, Ecosystem, Employment, Professional, ReferralFlow
from graph.periods import Period
from graph.taxonomy import ActorKind, AreaLevel
from loaders.templates import template_ecosystem
from queries.changes import plan, stored_rows
from queries.sqlite import SqliteStore
from tests.strategies import ecosystems

KINDS = ("areas", "organisations", "professionals", "agreements", "flows")


def _sqlite_outcome(held: Ecosystem, batch: Ecosystem, *, replace_all: bool) -> dict[str, int] | str:
    with SqliteStore() as store:
        store.apply(held)
        try:
            return store.apply(batch, replace=replace_all).changes
        except StoreError:
            return "refused"


def _planned_outcome(held: Ecosystem, batch: Ecosystem, *, replace_all: bool) -> dict[str, int] | str:
    try:
        if replace_all:
            return plan(Ecosystem(), batch, removed=stored_rows(held)).changes()
        return plan(held, batch).changes()
    except StoreError:
        return "refused"


@settings(max_examples=80, deadline=None)
@given(
    held=ecosystems(),
    second=ecosystems(),
    keep=st.lists(st.booleans(), min_size=len(KINDS), max_size=len(KINDS)),
    rename_wijk=st.booleans(),
    replace_all=st.booleans(),
)
def test_plan_reports_what_the_sqlite_store_writes(
    held: Ecosystem, second: Ecosystem, keep: list[bool], rename_wijk: bool, replace_all: bool
) -> None:
    # Dropping whole kinds makes partial batches, some with references the store lacks.
    batch = Ecosystem(
        **{kind: getattr(second, kind) if kept else () for kind, kept in zip(KINDS, keep, strict=True)}
    )
    if rename_wijk:
        batch = replace(
            batch, areas=(*batch.areas, Area("WK990102", "Wijk Twee", AreaLevel.WIJK, "WK990101"))
        )
        batch = replace(batch, areas=tuple({a.code: a for a in batch.areas}.values()))
    expected = _sqlite_outcome(held, batch, replace_all=replace_all)
    assert _planned_outcome(held, batch, replace_all=replace_all) == expected


def test_an_unchanged_batch_plans_nothing(demo: Ecosystem) -> None:
    assert plan(demo, demo).changes() == {}


def test_replace_counts_every_stored_row(demo: Ecosystem) -> None:
    with SqliteStore() as store:
        store.apply(demo)
        removed = store.apply(Ecosystem(), replace=True).changes["removed"]
    assert stored_rows(demo) == removed


def test_a_duplicate_key_in_a_batch_is_refused() -> None:
    eco = template_ecosystem()
    pro = eco.professionals[0]
    twice = replace(pro, employments=(Employment("ORG0001", 0.4), Employment("ORG0001", 0.5)))
    with pytest.raises(DuplicateKey, match="employment"):
        plan(eco, Ecosystem(professionals=(twice,)))


def test_a_flow_from_an_unknown_source_is_refused_by_both_stores() -> None:
    eco = template_ecosystem()
    stray = ReferralFlow(ActorKind.PROFESSIONAL, "PRO-GONE", "ORG0001", Period.parse("2025-02"), "", 2)
    with pytest.raises(QueryFailed, match="PRO-GONE"):
        plan(eco, Ecosystem(flows=(stray,)))
    with SqliteStore() as store:
        store.apply(eco)
        revision = store.revision()
        with pytest.raises(QueryFailed, match="PRO-GONE"):
            store.apply(Ecosystem(flows=(stray,)))
        assert store.revision() == revision


def test_a_reference_to_a_record_in_the_store_is_fine() -> None:
    eco = template_ecosystem()
    newcomer = Professional("PRO00002", "Medewerker 2", employments=(Employment("ORG0002", 1.0),))
    assert plan(eco, Ecosystem(professionals=(newcomer,))).changes() == {"professionals": 1, "employments": 1}
