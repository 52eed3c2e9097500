"""The domain model: plain frozen records that cross every layer.

Loaders produce these records, stores write and read them, analytics consume them.
Lists inside a record are kept as sorted tuples, so two records with the same content
compare equal however their input was ordered.

Referral flows carry counts only. There is no field for a client and there never will
be: a flow is "how many referrals went from A to B in a period", nothing more.

>>> org = Organisation(id="O1", name="Buurtzorg Noord", sector=Sector.ZORG,
...                    municipality="GM9901", areas=("WK990102", "WK990101"))
>>> org.areas
('WK990101', 'WK990102')
>>> eco = Ecosystem(organisations=(org,))
>>> eco.counts().organisations
1
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable
from dataclasses import dataclass, fields
from datetime import date
from itertools import repeat, starmap
from typing import TypeVar

from graph.periods import Period, PeriodRange
from graph.survey import ReportedTie
from graph.taxonomy import ActorKind, AgreementKind, AreaLevel, Sector

__all__ = [
    "Agreement",
    "Area",
    "Counts",
    "Ecosystem",
    "Employment",
    "Organisation",
    "Professional",
    "ReferralFlow",
    "Scope",
    "presorted",
    "presorted_columns",
]

_Record = TypeVar("_Record")

_FIELD_SETTERS: dict[type, tuple[Callable[[object, object], None], ...]] = {}
"""What sets each field of a record type ``presorted`` made (its slots), in field order."""


def _sorted_unique(values: Iterable[str]) -> tuple[str, ...]:
    return tuple(sorted(set(values)))


def _normalise(record: object, *names: str) -> None:
    """Sort and de-duplicate the named tuple fields of a frozen record in place."""
    for name in names:
        object.__setattr__(record, name, _sorted_unique(getattr(record, name)))


def presorted(kind: type[_Record], *values: object) -> _Record:
    """A record of type ``kind`` from all its field values in field order, taken as they are.

    ``kind`` is one of this module's records (slotted dataclasses). Skips the sorting and
    de-duplication of the record's ``__post_init__``: for a reader whose rows already come
    in that form (records in key order, every list a sorted tuple without repeats), such as
    the SQLite snapshot, where that work is most of the cost of reading a large store. The
    caller vouches for the form: values in another form give a record that compares unequal
    to the one the constructor makes.

    >>> made = presorted(Agreement, "X", "x", AgreementKind.COVENANT, None, None, ("A", "B"), (), ())
    >>> made == Agreement("X", "x", AgreementKind.COVENANT, parties=("B", "A", "B"))
    True
    """
    record = object.__new__(kind)
    for set_field, value in zip(_field_setters(kind), values, strict=True):
        set_field(record, value)
    return record


def presorted_columns(kind: type[_Record], count: int, *columns: Iterable[object]) -> tuple[_Record, ...]:
    """``count`` records of type ``kind`` from their field values by column, taken as they are.

    ``columns`` holds one iterable per field, in field order, with that field's value for
    each record in turn. What ``presorted`` does for one record, done a field at a time for
    all records: the loops run in C (``map``, ``zip``, ``starmap``), not once per record in
    Python, which halves the time to make the 200k flows of a province store. The same
    vouching as for ``presorted``; a column with another number of values than ``count``
    raises ``ValueError``.

    >>> made = presorted_columns(Employment, 2, ["O1", "O2"], [1.0, 0.5])
    >>> made == (Employment("O1", 1.0), Employment("O2", 0.5))
    True
    """
    records = tuple(map(object.__new__, repeat(kind, count)))
    for set_field, column in zip(_field_setters(kind), columns, strict=True):
        deque(starmap(set_field, zip(records, column, strict=True)), maxlen=0)
    return records


def _field_setters(kind: type) -> tuple[Callable[[object, object], None], ...]:
    setters = _FIELD_SETTERS.get(kind)
    if setters is None:
        slots = (getattr(kind, f.name) for f in fields(kind))
        setters = _FIELD_SETTERS.setdefault(kind, tuple(slot.__set__ for slot in slots))
    return setters


@dataclass(frozen=True, slots=True)
class Area:
    """A CBS area: gemeente (``GMxxxx``), wijk (``WKxxxxxx``) or buurt (``BUxxxxxxxx``).

    ``indicators`` are figures about the area, such as the CBS kerncijfers, as
    ``(name, value)`` pairs sorted by name; a figure CBS left out is simply absent.
    ``boundary`` is the area's outline as a GeoJSON geometry (JSON text), when a
    boundary file was loaded.

    >>> area = Area("WK990101", "Centrum", AreaLevel.WIJK, "GM9901",
    ...             indicators=(("a_inw", 5200.0), ("a_00_14", 610.0)))
    >>> area.indicators
    (('a_00_14', 610.0), ('a_inw', 5200.0))
    >>> area.indicator("a_inw"), area.indicator("p_hh_li")
    (5200.0, None)
    """

    code: str
    name: str
    level: AreaLevel
    parent: str | None = None
    indicators: tuple[tuple[str, float], ...] = ()
    boundary: str | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "indicators", tuple(sorted(dict(self.indicators).items())))

    def indicator(self, name: str) -> float | None:
        """The value of one indicator, or ``None`` when the area does not have it."""
        return dict(self.indicators).get(name)


@dataclass(frozen=True, slots=True)
class Organisation:
    """An organisation in the ecosystem.

    ``areas`` are the CBS wijk or buurt codes it serves; ``parent_id`` names an umbrella
    organisation; ``capacity`` is how many referrals per month it can take in;
    ``expertise`` lists what it offers (for an Open Referral import: its services).
    """

    id: str
    name: str
    sector: Sector
    municipality: str | None = None
    areas: tuple[str, ...] = ()
    kvk: str | None = None
    capacity: int | None = None
    parent_id: str | None = None
    description: str = ""
    expertise: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        _normalise(self, "areas", "expertise")


@dataclass(frozen=True, slots=True, order=True)
class Employment:
    """One job of a professional: the organisation and the fte there."""

    organisation_id: str
    fte: float


@dataclass(frozen=True, slots=True)
class Professional:
    """A professional, possibly under a pseudonym, with one or more employments.

    More than one employment makes a *shared specialist*.
    """

    id: str
    name: str
    role: str = ""
    expertise: tuple[str, ...] = ()
    employments: tuple[Employment, ...] = ()

    def __post_init__(self) -> None:
        _normalise(self, "expertise")
        object.__setattr__(self, "employments", tuple(sorted(set(self.employments))))

    @property
    def is_shared(self) -> bool:
        """Whether this professional works for more than one organisation."""
        return len({e.organisation_id for e in self.employments}) > 1


@dataclass(frozen=True, slots=True)
class Agreement:
    """A shared agreement: its parties are organisations, its members professionals."""

    id: str
    name: str
    kind: AgreementKind
    start: date | None = None
    end: date | None = None
    parties: tuple[str, ...] = ()
    members: tuple[str, ...] = ()
    areas: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        _normalise(self, "parties", "members", "areas")


@dataclass(frozen=True, slots=True)
class ReferralFlow:
    """How many referrals went from a source to an organisation in one period.

    The key is ``(source_kind, source_id, target_id, period, domain)``.
    """

    source_kind: ActorKind
    source_id: str
    target_id: str
    period: Period
    domain: str
    count: int

    @property
    def key(self) -> tuple[str, str, str, int, int, str]:
        """The natural key: source kind and id, target, period (first and last month), domain."""
        p = self.period
        return (self.source_kind.value, self.source_id, self.target_id, p.first, p.last, self.domain)


@dataclass(frozen=True, slots=True)
class Counts:
    """How much an ecosystem holds; the keys of ``ketenkaart stats --json``."""

    organisations: int = 0
    professionals: int = 0
    employments: int = 0
    agreements: int = 0
    referral_flows: int = 0
    referrals: int = 0
    areas: int = 0
    periods: int = 0

    def as_dict(self) -> dict[str, int]:
        """The counts as a plain dict, in field order."""
        return {f.name: getattr(self, f.name) for f in fields(self)}


@dataclass(frozen=True, slots=True, weakref_slot=True)  # weakly held: its views in graph.arrays.shared_view
class Ecosystem:
    """A whole ecosystem, or a scoped part of it: what a load writes and a snapshot reads.

    Records are kept in key order, so two ecosystems with the same content are equal.

    ``reported`` holds the ties partners reported in survey rounds (the "gemeld" layer).
    A snapshot reads them from the store's survey records; ``apply`` never writes them
    (answers are stored through ``Store.save_response`` only), so they play no part in a
    load, in :meth:`counts` or in :meth:`is_empty`.
    """

    areas: tuple[Area, ...] = ()
    organisations: tuple[Organisation, ...] = ()
    professionals: tuple[Professional, ...] = ()
    agreements: tuple[Agreement, ...] = ()
    flows: tuple[ReferralFlow, ...] = ()
    reported: tuple[ReportedTie, ...] = ()

    def __post_init__(self) -> None:
        object.__setattr__(self, "areas", tuple(sorted(self.areas, key=lambda a: a.code)))
        for name in ("organisations", "professionals", "agreements"):
            ordered = sorted(getattr(self, name), key=lambda r: r.id)
            object.__setattr__(self, name, tuple(ordered))
        object.__setattr__(self, "flows", tuple(sorted(self.flows, key=lambda f: f.key)))
        reported = sorted(self.reported, key=lambda t: (t.round_id, t.reporter, t.partner))
        object.__setattr__(self, "reported", tuple(reported))

    def counts(self) -> Counts:
        """Count every kind of record."""
        return Counts(
            organisations=len(self.organisations),
            professionals=len(self.professionals),
            employments=sum(len(p.employments) for p in self.professionals),
            agreements=len(self.agreements),
            referral_flows=len(self.flows),
            referrals=sum(f.count for f in self.flows),
            areas=len(self.areas),
            periods=len({f.period for f in self.flows}),
        )

    def is_empty(self) -> bool:
        """Whether the ecosystem holds no record at all."""
        return not any((self.areas, self.organisations, self.professionals, self.agreements, self.flows))


@dataclass(frozen=True, slots=True)
class Scope:
    """Which part of an ecosystem a snapshot reads.

    - ``municipality``: only organisations in this CBS gemeente (``GMxxxx``);
    - ``areas``: only organisations serving one of these areas or an area below them;
    - ``periods``: only referral flows whose period lies in this range.

    Professionals come with the organisations that employ them (with only those
    employments), agreements with the parties and members left in scope, and flows
    only between organisations (or professionals) in scope. Areas are always read
    whole, as reference data. The default scope reads everything.
    """

    municipality: str | None = None
    areas: frozenset[str] = frozenset()
    periods: PeriodRange = PeriodRange()
