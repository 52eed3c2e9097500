"""Partners' corrections to their own record, decided by an analyst, on a real store.

Accepting goes through the file loaders' checks and the one write path; refusing writes
nothing; every decision is recorded with who and when (and why, for a rejection).
"""

from __future__ import annotations

import pytest

from app.survey.corrections import accept, check_fields, contacts, find_change, propose, reject, set_contact
from graph.errors import InvalidAnswer, NotFound, StaleWrite
from graph.model import Area, Ecosystem, Organisation
from graph.survey import MAX_TEXT, ChangeStatus, PairDecision, ProposedChange
from graph.taxonomy import AreaLevel, Sector
from queries.base import KnownIds, Store
from queries.sqlite import SqliteStore

AT = "2026-12-06T10:00:00+00:00"
LATER = "2026-12-06T11:00:00+00:00"

BRUG = Organisation(
    "O1",
    "De Brug",
    Sector.WELZIJN,
    municipality="GM9901",
    areas=("WK990101",),
    kvk="41234567",
    capacity=12,
    description="Buurtwerk in het centrum",
    expertise=("buurtwerk",),
)
ANKER = Organisation("O2", "Het Anker", Sector.ZORG, municipality="GM9901", areas=("WK990102",))


KETENDAM = Ecosystem(
    areas=(
        Area("GM9901", "Ketendam", AreaLevel.GEMEENTE),
        Area("WK990101", "Centrum", AreaLevel.WIJK, "GM9901"),
        Area("WK990102", "Noord", AreaLevel.WIJK, "GM9901"),
    ),
    organisations=(BRUG, ANKER),
)


@pytest.fixture
def loaded(store: Store) -> Store:
    store.apply(KETENDAM)
    return store


def organisation(store: Store, id: str) -> Organisation:
    return next(o for o in store.snapshot().organisations if o.id == id)


def test_an_accepted_change_is_written_as_a_file_load_writes_and_recorded(loaded: Store) -> None:
    before, loads_before = loaded.revision(), len(loaded.loads())
    change = propose(
        loaded,
        "O1",
        {"name": "Stichting De Brug", "areas": "WK990101; wk990102", "expertise": "buurtwerk; jongerenwerk"},
        by="link",
        at=AT,
    )
    assert organisation(loaded, "O1") == BRUG  # proposing writes nothing to the record

    decision = accept(loaded, change.id, by="analist", at=LATER)

    changed = organisation(loaded, "O1")
    assert (changed.name, changed.areas, changed.expertise) == (
        "Stichting De Brug",
        ("WK990101", "WK990102"),
        ("buurtwerk", "jongerenwerk"),
    )
    # everything the partner did not touch is kept
    assert (changed.kvk, changed.capacity, changed.description, changed.municipality, changed.sector) == (
        BRUG.kvk,
        BRUG.capacity,
        BRUG.description,
        BRUG.municipality,
        BRUG.sector,
    )
    assert organisation(loaded, "O2") == ANKER
    assert loaded.revision() > before
    assert decision.result is not None
    assert decision.result.total > 0
    logged = loaded.loads()
    assert len(logged) == loads_before + 1
    assert change.id in logged[-1].source
    recorded = find_change(loaded, change.id)
    assert (recorded.status, recorded.decided_by, recorded.decided_at) == (
        ChangeStatus.ACCEPTED,
        "analist",
        LATER,
    )


@pytest.mark.parametrize(
    ("fields", "field", "code"),
    [
        ({"areas": "WK990199"}, "areas", "unknown_area"),
        ({"areas": "Centrum"}, "areas", "unknown_area"),
        ({"name": "<script>alert(1)</script>"}, "name", "markup"),
        ({"expertise": "schuldhulp; <b>alles</b>"}, "expertise", "markup"),
        ({"name": "x" * 201}, "name", "too_long"),
        ({"name": "   "}, "name", "missing"),
        ({"contact": "info at de brug"}, "contact", "bad_email"),
        ({"sector": "zorg"}, "sector", "unknown_field"),
        ({"name": '=HYPERLINK("http://x")'}, "name", "formula"),
    ],
)
def test_an_invalid_proposal_is_refused_with_its_field_and_nothing_is_stored(
    loaded: Store, fields: dict[str, str], field: str, code: str
) -> None:
    before = loaded.revision()
    with pytest.raises(InvalidAnswer) as refused:
        propose(loaded, "O1", fields, by="link", at=AT)
    assert (refused.value.field, refused.value.code) == (field, code)
    assert loaded.proposed_changes() == []
    assert loaded.revision() == before


def test_a_change_to_an_organisation_the_store_does_not_hold_is_refused(loaded: Store) -> None:
    with pytest.raises(InvalidAnswer, match="no organisation 'O9'"):
        propose(loaded, "O9", {"name": "Nieuw"}, by="link", at=AT)
    assert loaded.proposed_changes() == []


def test_a_stored_change_that_breaks_a_rule_is_refused_on_accept_and_nothing_is_written(
    loaded: Store,
) -> None:
    # stored without the checks (as another client of the store could), then decided
    loaded.propose_change(
        ProposedChange("bad-areas", "O1", (("areas", "WK990101;WK999999"),), by="link", at=AT)
    )
    loaded.propose_change(ProposedChange("formula", "O1", (("name", "@SUM(A1)"),), by="link", at=AT))
    before, snapshot = loaded.revision(), loaded.snapshot()
    with pytest.raises(InvalidAnswer, match="WK999999") as unknown:
        accept(loaded, "bad-areas", by="analist", at=LATER)
    assert unknown.value.code == "unknown_area"
    with pytest.raises(InvalidAnswer, match="formula") as formula:
        accept(loaded, "formula", by="analist", at=LATER)
    assert formula.value.field == "name"
    assert loaded.revision() == before
    assert loaded.snapshot() == snapshot
    assert {c.id: c.status for c in loaded.proposed_changes()} == {
        "bad-areas": ChangeStatus.PENDING,
        "formula": ChangeStatus.PENDING,
    }


def test_rejecting_records_who_and_why_and_writes_nothing_else(loaded: Store) -> None:
    change = propose(loaded, "O1", {"name": "De Brug Zuid"}, by="link", at=AT)
    organisations, loads = loaded.snapshot().organisations, loaded.loads()
    with pytest.raises(InvalidAnswer) as no_reason:
        reject(loaded, change.id, by="analist", at=LATER, reason="  ")
    assert no_reason.value.field == "reason"
    rejected = reject(loaded, change.id, by="analist", at=LATER, reason="Dit is een andere vestiging")
    assert (rejected.status, rejected.decided_by, rejected.decided_at, rejected.reason) == (
        ChangeStatus.REJECTED,
        "analist",
        LATER,
        "Dit is een andere vestiging",
    )
    assert loaded.snapshot().organisations == organisations
    assert loaded.loads() == loads
    with pytest.raises(StaleWrite, match="rejected already"):
        accept(loaded, change.id, by="analist", at=LATER)
    assert organisation(loaded, "O1") == BRUG


def test_a_change_is_decided_once(loaded: Store) -> None:
    change = propose(loaded, "O1", {"expertise": "buurtwerk; mantelzorg"}, by="link", at=AT)
    accept(loaded, change.id, by="analist", at=LATER)
    with pytest.raises(StaleWrite):
        accept(loaded, change.id, by="tweede", at=LATER)
    with pytest.raises(StaleWrite):
        reject(loaded, change.id, by="tweede", at=LATER, reason="te laat")
    assert find_change(loaded, change.id).decided_by == "analist"
    with pytest.raises(NotFound):
        accept(loaded, "no-such-change", by="analist", at=LATER)


def test_a_proposed_new_organisation_is_added_with_the_sector_the_analyst_gives(loaded: Store) -> None:
    change = propose(
        loaded,
        "",
        {"name": "Voedselbank Ketendam", "areas": "WK990102", "contact": "info@voedselbank.example"},
        by="link",
        at=AT,
    )
    assert contacts(loaded) == {}  # pending: no address yet
    with pytest.raises(InvalidAnswer) as no_sector:
        accept(loaded, change.id, by="analist", at=LATER)
    assert no_sector.value.field == "sector"
    with pytest.raises(InvalidAnswer, match="taken"):
        accept(loaded, change.id, by="analist", at=LATER, sector=Sector.WELZIJN, new_id="O2")
    decision = accept(loaded, change.id, by="analist", at=LATER, sector=Sector.WELZIJN, new_id="O3")
    added = organisation(loaded, "O3")
    assert (decision.organisation, added.name, added.sector, added.areas) == (
        "O3",
        "Voedselbank Ketendam",
        Sector.WELZIJN,
        ("WK990102",),
    )
    assert contacts(loaded) == {"O3": "info@voedselbank.example"}
    assert find_change(loaded, change.id).status is ChangeStatus.ACCEPTED


def test_a_new_organisation_is_checked_by_the_loaders_rules_for_a_file_row(loaded: Store) -> None:
    change = propose(loaded, "", {"name": "Buurtkamer"}, by="link", at=AT)
    organisations = loaded.snapshot().organisations
    with pytest.raises(InvalidAnswer, match="not a usable id") as refused:
        accept(loaded, change.id, by="analist", at=LATER, sector=Sector.WELZIJN, new_id="geen spaties")
    assert (refused.value.field, refused.value.code) == ("id", "bad-id")  # loaders.codes.ProblemCode
    assert loaded.snapshot().organisations == organisations
    assert find_change(loaded, change.id).status is ChangeStatus.PENDING


def test_a_new_organisation_needs_a_name(loaded: Store) -> None:
    with pytest.raises(InvalidAnswer) as refused:
        propose(loaded, "", {"areas": "WK990101"}, by="link", at=AT)
    assert refused.value.field == "name"


def test_the_contact_is_the_latest_accepted_one_and_never_a_column_of_the_record(loaded: Store) -> None:
    first = propose(loaded, "O1", {"contact": "oud@brug.example"}, by="link", at=AT)
    accept(loaded, first.id, by="analist", at="2026-12-06T10:05:00+00:00")
    pending = propose(loaded, "O1", {"contact": "nog-niet@brug.example"}, by="link", at=AT)
    turned_down = propose(loaded, "O2", {"contact": "fout@anker.example"}, by="link", at=AT)
    reject(loaded, turned_down.id, by="analist", at=LATER, reason="Niet van deze organisatie")
    assert contacts(loaded) == {"O1": "oud@brug.example"}
    assert organisation(loaded, "O1") == BRUG  # the address is not part of the organisation's record

    set_contact(loaded, "O2", "Info@Anker.Example", by="analist", at="2026-12-06T10:06:00+00:00")
    second = propose(loaded, "O1", {"contact": "nieuw@brug.example"}, by="link", at=AT)
    accept(loaded, second.id, by="analist", at="2026-12-06T10:07:00+00:00")
    assert contacts(loaded) == {"O1": "nieuw@brug.example", "O2": "Info@anker.example"}

    set_contact(loaded, "O2", "", by="analist", at="2026-12-06T10:08:00+00:00")
    assert contacts(loaded) == {"O1": "nieuw@brug.example"}
    assert find_change(loaded, pending.id).status is ChangeStatus.PENDING


class BusyStore(SqliteStore):
    """A real SQLite store in which another writer gets in between reading and writing, ``busy`` times."""

    busy = 0
    writes = 0

    def known_ids(self) -> KnownIds:
        known = super().known_ids()
        if self.busy:
            self.busy -= 1
            self.writes += 1  # a verdict that differs from the one before: the revision grows
            self.decide_pair(PairDecision("O1", "O2", same=False, by="collega", at=f"{self.writes}"))
        return known


def test_a_write_in_between_is_read_again_and_never_overwritten() -> None:
    with BusyStore() as store:
        store.apply(KETENDAM)
        change = propose(store, "O1", {"name": "De Brug Centrum"}, by="link", at=AT)
        store.busy = 2
        before = store.revision()
        accept(store, change.id, by="analist", at=LATER)
        assert store.revision() >= before + 2  # both writes in between happened
        assert organisation(store, "O1").name == "De Brug Centrum"
        assert find_change(store, change.id).status is ChangeStatus.ACCEPTED

        stubborn = propose(store, "O2", {"name": "Het Anker Noord"}, by="link", at=AT)
        store.busy = 3
        with pytest.raises(StaleWrite):
            accept(store, stubborn.id, by="analist", at=LATER)
        assert organisation(store, "O2") == ANKER
        assert find_change(store, stubborn.id).status is ChangeStatus.PENDING


def test_a_long_list_of_known_areas_is_no_free_text_and_passes() -> None:
    """Thirty buurt codes are some 300 characters: each code is checked (known, plain),
    not the joined list against the free-text limit."""
    codes = [f"BU9901{n:04d}" for n in range(30)]
    known = KnownIds(areas=frozenset(codes), organisations=frozenset({"O1"}))
    value = ";".join(codes)
    assert len(value) > MAX_TEXT
    assert check_fields("O1", {"areas": value}, known) == {"areas": ";".join(codes)}
    with pytest.raises(InvalidAnswer) as refused:
        check_fields("O1", {"areas": value + ";<b>x</b>"}, known)
    assert refused.value.field == "areas"
