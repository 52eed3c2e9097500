"""The SQLite snapshot makes its records as they are read (``graph.model.presorted``): they
must equal the records the model's constructors make from the same values."""

from __future__ import annotations

from dataclasses import fields, replace
from datetime import date
from pathlib import Path

import pytest

from graph.model import (
    Agreement,
    Ecosystem,
    Employment,
    Organisation,
    Professional,
    ReferralFlow,
    presorted,
    presorted_columns,
)
from graph.periods import Period
from graph.taxonomy import ActorKind, AgreementKind, Sector
from loaders.templates import template_ecosystem
from queries.sqlite import SqliteStore


def _rebuilt(eco: Ecosystem) -> Ecosystem:
    """The same ecosystem made again through every constructor (sorting every list)."""
    return Ecosystem(
        areas=tuple(replace(a) for a in eco.areas),
        organisations=tuple(replace(o) for o in reversed(eco.organisations)),
        professionals=tuple(replace(p) for p in reversed(eco.professionals)),
        agreements=tuple(replace(a) for a in reversed(eco.agreements)),
        flows=tuple(reversed(eco.flows)),
        reported=eco.reported,
    )


def test_a_snapshot_equals_its_records_made_by_the_constructors(tmp_path: Path) -> None:
    eco = template_ecosystem()
    org = replace(eco.organisations[0], areas=("WK990101", "GM9901"), expertise=("wonen", "buurtwerk"))
    pact = replace(
        eco.agreements[0], parties=("ORG0002", "ORG0001"), start=date(2024, 2, 1), end=date(2026, 1, 31)
    )
    flows = tuple(
        replace(eco.flows[0], period=Period.parse(code)) for code in ("2025-03", "2025-01", "2025-02")
    )
    batch = replace(eco, organisations=(eco.organisations[1], org), agreements=(pact,), flows=flows)
    with SqliteStore(tmp_path / "store.sqlite") as store:
        store.apply(batch)
        read = store.snapshot()
    assert read == batch == _rebuilt(read)
    for name in ("areas", "organisations", "professionals", "agreements", "flows"):
        for made, expected in zip(getattr(read, name), getattr(batch, name), strict=True):
            assert [type(getattr(made, f.name)) for f in fields(made)] == [
                type(getattr(expected, f.name)) for f in fields(expected)
            ]
    assert read.organisations[0].areas == ("GM9901", "WK990101")
    assert read.agreements[0].parties == ("ORG0001", "ORG0002")


def test_expertise_stored_out_of_order_is_read_sorted_without_repeats(tmp_path: Path) -> None:
    # a store written by other means than ``apply`` may hold the words in any order
    with SqliteStore(tmp_path / "store.sqlite") as store:
        store.apply(template_ecosystem())
        store._conn.execute("""UPDATE organisations SET expertise = '["wonen", "buurtwerk", "wonen"]'""")
        store._conn.execute("""UPDATE professionals SET expertise = '["schulden", "ggz"]'""")
        read = store.snapshot()
    assert {o.expertise for o in read.organisations} == {("buurtwerk", "wonen")}
    assert read.professionals[0].expertise == ("ggz", "schulden")


def test_presorted_makes_the_record_the_constructor_makes_from_sorted_values() -> None:
    jobs = (Employment("A", 0.5), Employment("B", 0.2))
    assert presorted(Professional, "P", "Piet", "", ("ggz",), jobs) == Professional(
        "P", "Piet", expertise=("ggz",), employments=jobs[::-1]
    )
    org = presorted(Organisation, "O", "Org", Sector.ZORG, None, ("WK1",), None, None, None, "", ())
    assert org == Organisation("O", "Org", Sector.ZORG, areas=("WK1",))
    assert hash(org) == hash(Organisation("O", "Org", Sector.ZORG, areas=("WK1",)))
    unsorted = presorted(Agreement, "X", "x", AgreementKind.COVENANT, None, None, ("B", "A"), (), ())
    assert unsorted != Agreement("X", "x", AgreementKind.COVENANT, parties=("B", "A"))


def test_presorted_columns_make_the_records_the_constructor_makes() -> None:
    period = Period.parse("2025-01")
    made = presorted_columns(
        ReferralFlow,
        2,
        [ActorKind.ORGANISATION, ActorKind.PROFESSIONAL],
        ["A", "P"],
        ["B", "B"],
        [period, period],
        ["", "ggz"],
        [3, 0],
    )
    expected = (
        ReferralFlow(ActorKind.ORGANISATION, "A", "B", period, "", 3),
        ReferralFlow(ActorKind.PROFESSIONAL, "P", "B", period, "ggz", 0),
    )
    assert made == expected
    assert [hash(f) for f in made] == [hash(f) for f in expected]
    assert [repr(f) for f in made] == [repr(f) for f in expected]
    with pytest.raises(AttributeError):
        made[0].count = 4  # type: ignore[misc]


def test_presorted_columns_refuse_a_column_of_another_length() -> None:
    with pytest.raises(ValueError, match="zip"):
        presorted_columns(Employment, 2, ["O1", "O2"], [1.0])
    with pytest.raises(ValueError, match="zip"):
        presorted_columns(Employment, 2, ["O1", "O2"])
