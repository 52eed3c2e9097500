"""Corrections partners propose to their own organisation record, and the analyst's decision.

A partner proposes new values for ``name``, ``areas`` (CBS codes separated by ``;``),
``expertise`` (separated by ``;``) or ``contact`` (the organisation's e-mail address); an
empty organisation proposes a new organisation, named by ``name``. The proposal is
checked when it is made and again when it is decided, since the store may have changed
in between.

Accepting a change writes it the way a file load writes: the organisation's record (as
stored, with the proposed values put in) becomes one row of an ``organisations`` table,
which :func:`loaders.validate.validate` checks with every rule a file meets, and
:func:`loaders.load.write_checked` writes in one ``apply`` (logged in the loads, with the
change's id). Only then is the decision recorded (``Store.decide_change``). A change
that breaks a rule is refused with :class:`graph.errors.InvalidAnswer` naming the field,
and nothing is written. Partners' text is held to more than a file's: at most
:data:`graph.survey.MAX_TEXT` characters, no markup, and only area codes the store
already holds.

**Where the contact lives.** An organisation's e-mail address is no column of
``Organisation`` (the ecosystem is about who works with whom, and exports carry it
everywhere). It lives in the survey's own records: the contact of an organisation is the
``contact`` field of the latest accepted correction for it (:func:`contacts`). An
analyst's own address for an organisation is recorded the same way, as a correction the
analyst proposes and accepts at once (:func:`set_contact`), so every address has a who
and a when. For a new organisation, the address it came with is recorded as such a
correction under its new id when it is accepted.
"""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Final

from app.survey.answers import check_text
from app.survey.mail import normalise_address
from graph.errors import InvalidAnswer, NotFound, StaleWrite
from graph.model import Ecosystem, Organisation
from graph.survey import ChangeStatus, ProposedChange
from graph.taxonomy import Sector
from loaders.load import Checked, write_checked
from loaders.readers import RawTable, Source
from loaders.report import LoadReport
from loaders.tables import LIST_SEPARATOR, ORGANISATIONS
from loaders.validate import validate
from loaders.writers import ecosystem_tables

if TYPE_CHECKING:
    from queries.base import ApplyResult, KnownIds, Store

__all__ = [
    "FIELDS",
    "SEPARATOR",
    "Decision",
    "accept",
    "check_fields",
    "contacts",
    "find_change",
    "propose",
    "reject",
    "set_contact",
]

FIELDS: Final = ("name", "areas", "expertise", "contact")
"""The fields of an organisation record a partner may propose values for."""

SEPARATOR: Final = ";"
"""Between the area codes, and between the words of expertise, in a proposed value."""

_NEW_PREFIX: Final = "N-"
_ATTEMPTS: Final = 3  # writes that may come between reading the store and writing a change


def _refuse(field: str, reason: str, code: str) -> InvalidAnswer:
    return InvalidAnswer(field, reason, code=code)


def _plain_text(field: str, value: str) -> str:
    """``value`` trimmed; the questionnaire's rule for free text (length, markup, formulas, controls)."""
    return check_text(field, value)


def _items(field: str, value: str, *, each: bool = False) -> list[str]:
    """The ``;``-separated items of ``value``, without repeats. With ``each``, the text rule
    applies to every item rather than the whole list: a list of area codes is as long as
    the areas chosen (all checked against the store), not free text."""
    cleaned = value.strip() if each else _plain_text(field, value)
    if each:
        for part in cleaned.split(SEPARATOR):
            _plain_text(field, part)
    if LIST_SEPARATOR in cleaned:
        raise _refuse(
            field, f"separate the items with {SEPARATOR!r}; {LIST_SEPARATOR!r} is not allowed", "bad_value"
        )
    items: list[str] = []
    for part in cleaned.split(SEPARATOR):
        item = " ".join(part.split())
        if item and item not in items:
            items.append(item)
    return items


def check_fields(organisation: str, fields: Mapping[str, str], known: KnownIds) -> dict[str, str]:
    """The proposed values, cleaned, or :class:`graph.errors.InvalidAnswer` for the first problem.

    Checks what a partner's text must meet beyond a file's rules: known fields only, at
    most :data:`graph.survey.MAX_TEXT` characters, no markup or control characters, area
    codes the store holds, an e-mail address that is one, a name for a new organisation,
    and an organisation the store holds for a correction to one.

    >>> from queries.base import KnownIds
    >>> known = KnownIds(areas=frozenset({"WK990101"}), organisations=frozenset({"O1"}))
    >>> check_fields("O1", {"areas": " wk990101 ;WK990101", "contact": "Info@Brug.Example"}, known)
    {'areas': 'WK990101', 'contact': 'Info@brug.example'}
    >>> check_fields("O1", {"areas": "WK990199"}, known)
    Traceback (most recent call last):
    ...
    graph.errors.InvalidAnswer: areas: no area WK990199 in the store
    """
    unknown = sorted(set(fields) - set(FIELDS))
    if unknown:
        raise _refuse(
            unknown[0], f"not a field a partner can change (only {', '.join(FIELDS)})", "unknown_field"
        )
    if not fields:
        raise _refuse("fields", "the change proposes nothing", "missing")
    if organisation and organisation not in known.organisations:
        raise _refuse(
            "organisation", f"no organisation {organisation!r} in the store", "unknown_organisation"
        )
    cleaned: dict[str, str] = {}
    for field in FIELDS:
        if field not in fields:
            continue
        value = fields[field]
        if field == "name":
            cleaned[field] = " ".join(_plain_text(field, value).split())
            if not cleaned[field]:
                raise _refuse(field, "a name cannot be empty", "missing")
        elif field == "areas":
            codes = list(dict.fromkeys(code.upper() for code in _items(field, value, each=True)))
            if missing := [code for code in codes if code not in known.areas]:
                raise _refuse(field, f"no area {', '.join(missing)} in the store", "unknown_area")
            cleaned[field] = SEPARATOR.join(codes)
        elif field == "expertise":
            cleaned[field] = SEPARATOR.join(_items(field, value))
        else:
            cleaned[field] = _contact(value)
    if not organisation and "name" not in cleaned:
        raise _refuse("name", "a new organisation needs a name", "missing")
    return cleaned


def _contact(value: str) -> str:
    text = _plain_text("contact", value)
    if not text:
        return ""  # no address: the organisation is no longer mailed
    try:
        return normalise_address(text)
    except ValueError as exc:
        raise _refuse("contact", str(exc), "bad_email") from exc


def propose(
    store: Store,
    organisation: str,
    fields: Mapping[str, str],
    *,
    by: str,
    at: str,
    change_id: str | None = None,
) -> ProposedChange:
    """Check and store a proposed correction (pending) and return it.

    ``organisation`` is the organisation's id, or empty for a new organisation; ``by``
    who proposes it (a user name, or ``"link"`` through a survey link); ``at`` an ISO
    timestamp. Raises :class:`graph.errors.InvalidAnswer`, storing nothing, when a value
    breaks a rule (the same check as :func:`accept` makes, rows and all).
    """
    known = store.known_ids()
    cleaned = check_fields(organisation, fields, known)
    change = ProposedChange(
        id=change_id or secrets.token_hex(8),
        organisation=organisation,
        fields=tuple(cleaned.items()),
        by=by,
        at=at,
    )
    if set(cleaned) - {"contact"}:
        current = _current(store.snapshot(), organisation) if organisation else None
        _checked(change, cleaned, current, known, sector=Sector.OVERIG, new_id=_NEW_PREFIX + change.id)
    store.propose_change(change)
    return change


def find_change(store: Store, change_id: str) -> ProposedChange:
    """The proposed correction with this id; :class:`graph.errors.NotFound` when there is none."""
    found = next((c for c in store.proposed_changes() if c.id == change_id), None)
    if found is None:
        raise NotFound(f"no proposed change {change_id!r}")
    return found


def _pending(store: Store, change_id: str) -> ProposedChange:
    change = find_change(store, change_id)
    if change.status is not ChangeStatus.PENDING:
        raise StaleWrite(
            f"change {change_id} was {change.status.value} already "
            f"(by {change.decided_by or 'someone'} at {change.decided_at or 'an earlier moment'})"
        )
    return change


def _current(eco: Ecosystem, organisation: str) -> Organisation:
    found = next((o for o in eco.organisations if o.id == organisation), None)
    if found is None:
        raise _refuse(
            "organisation", f"no organisation {organisation!r} in the store", "unknown_organisation"
        )
    return found


def _checked(
    change: ProposedChange,
    cleaned: Mapping[str, str],
    current: Organisation | None,
    known: KnownIds,
    *,
    sector: Sector,
    new_id: str,
) -> Checked:
    """The changed organisation as one checked row of an ``organisations`` file."""
    record = current or Organisation(new_id, cleaned["name"], sector)
    row = ecosystem_tables(Ecosystem(organisations=(record,)))["organisations"][0]
    for field in ("name", "areas", "expertise"):
        if field in cleaned:
            row[field] = (
                LIST_SEPARATOR.join(cleaned[field].split(SEPARATOR)) if field != "name" else cleaned[field]
            )
    file = f"change {change.id}"
    table = RawTable(ORGANISATIONS, file, list(row), [(2, [str(value) for value in row.values()])])
    fingerprint = hashlib.sha256(f"change:{change.id}:{sorted(row.items())}".encode()).hexdigest()
    report = LoadReport(file)
    batch = validate(Source(file, [table], [file], fingerprint), report, known=known)
    if not report.ok:
        problem = report.sorted_errors()[0]
        field = problem.column if problem.column in FIELDS else problem.column or "organisation"
        raise _refuse(field, problem.message, problem.code)
    return Checked(report, batch, fingerprint, (f"change {change.id} by {change.by or 'a partner'}",))


@dataclass(frozen=True, slots=True)
class Decision:
    """What deciding a change did: the change as recorded, the organisation it concerns
    (the new id, for a new organisation) and what the write changed (``None``: no write)."""

    change: ProposedChange
    organisation: str
    result: ApplyResult | None = None


def accept(
    store: Store,
    change_id: str,
    *,
    by: str,
    at: str,
    sector: Sector | None = None,
    new_id: str | None = None,
) -> Decision:
    """Accept a pending change: check it as a file row, write it in one ``apply``, record it.

    For a new organisation the analyst gives its ``sector``, and may give its id
    (``new_id``; by default ``N-`` and the change's id). Raises
    :class:`graph.errors.InvalidAnswer` (nothing written) when the change breaks a rule
    now, :class:`graph.errors.NotFound` for an unknown id, and
    :class:`graph.errors.StaleWrite` when it was decided already, or when the store kept
    changing while it was being written (it is read and checked again up to three times;
    nothing is written).
    """
    change = _pending(store, change_id)
    for attempt in range(1, _ATTEMPTS + 1):
        try:
            organisation, result = _write(store, change, by=by, sector=sector, new_id=new_id)
            break
        except StaleWrite:  # another write came between reading and writing: read again
            if attempt == _ATTEMPTS:
                raise
    decided = store.decide_change(change.id, ChangeStatus.ACCEPTED, by, at)
    contact = _contact(dict(change.fields).get("contact", ""))
    if not change.organisation and contact:
        _record_contact(store, organisation, contact, change, by=by, at=at)
    return Decision(decided, organisation, result)


def _write(
    store: Store, change: ProposedChange, *, by: str, sector: Sector | None, new_id: str | None
) -> tuple[str, ApplyResult | None]:
    """Check ``change`` against the store as it is now and write it, if the store has not
    changed since (``StaleWrite`` otherwise). Returns the organisation's id and what changed."""
    revision = store.revision()
    known = store.known_ids()
    cleaned = check_fields(change.organisation, dict(change.fields), known)
    organisation = change.organisation
    if not organisation:
        if sector is None:
            raise _refuse("sector", "a new organisation needs a sector", "missing")
        organisation = new_id or _NEW_PREFIX + change.id
        if organisation in known.organisations:
            raise _refuse("organisation", f"the id {organisation} is taken", "duplicate")
    if not set(cleaned) - {"contact"}:
        return organisation, None
    current = _current(store.snapshot(), change.organisation) if change.organisation else None
    checked = _checked(change, cleaned, current, known, sector=sector or Sector.OVERIG, new_id=organisation)
    source = f"change {change.id} accepted by {by}"
    return organisation, write_checked(checked, store, source=source, expected_revision=revision).result


def _record_contact(
    store: Store, organisation: str, address: str, origin: ProposedChange, *, by: str, at: str
) -> None:
    follow_up = ProposedChange(
        id=f"{origin.id}-contact",
        organisation=organisation,
        fields=(("contact", address),),
        by=origin.by,
        at=origin.at,
    )
    store.propose_change(follow_up)
    store.decide_change(
        follow_up.id, ChangeStatus.ACCEPTED, by, at, f"contact of the new organisation of {origin.id}"
    )


def reject(store: Store, change_id: str, *, by: str, at: str, reason: str) -> ProposedChange:
    """Reject a pending change, recording who and why; nothing else is written.

    ``reason`` is required (at most :data:`graph.survey.MAX_TEXT` characters, no markup).
    """
    why = " ".join(_plain_text("reason", reason).split())
    if not why:
        raise _refuse("reason", "say why the change is rejected", "missing")
    _pending(store, change_id)
    return store.decide_change(change_id, ChangeStatus.REJECTED, by, at, why)


def set_contact(store: Store, organisation: str, address: str, *, by: str, at: str) -> ProposedChange:
    """An analyst records an organisation's address (empty: none), as a change accepted at once."""
    change = propose(store, organisation, {"contact": address}, by=by, at=at)
    return store.decide_change(change.id, ChangeStatus.ACCEPTED, by, at, "set by an analyst")


def contacts(store: Store) -> dict[str, str]:
    """Each organisation's e-mail address: the ``contact`` of its latest accepted change.

    Organisations whose latest accepted contact is empty (removed) have none.
    """
    accepted = [c for c in store.proposed_changes(ChangeStatus.ACCEPTED) if c.organisation]
    accepted.sort(key=lambda c: (c.decided_at, c.at))
    found: dict[str, str] = {}
    for change in accepted:
        given = dict(change.fields)
        if "contact" in given:
            found[change.organisation] = given["contact"]
    return {organisation: address for organisation, address in found.items() if address}
