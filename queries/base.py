"""The ``Store`` port: what every database behind Ketenkaart must do.

The port speaks the domain model (``graph.model``) only: nothing above ``queries/``
sees a driver, a cursor or a record. Every store passes the same contract suite
(``tests/queries/test_store_contract.py``).
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterable
from dataclasses import dataclass, field
from types import TracebackType
from typing import Protocol, Self, runtime_checkable

from graph.model import Area, Counts, Ecosystem, Scope
from graph.survey import ChangeStatus, PairDecision, ProposedChange, Response, SurveyRound

__all__ = ["ApplyResult", "ClosingOnExit", "KnownIds", "LoadRecord", "SearchHit", "Store"]


@dataclass(frozen=True, slots=True)
class ApplyResult:
    """What one ``apply`` changed: rows inserted, updated or removed per table."""

    changes: dict[str, int] = field(default_factory=dict)

    @property
    def total(self) -> int:
        """All changed rows together; 0 means the store already held the batch."""
        return sum(self.changes.values())


@dataclass(frozen=True, slots=True)
class LoadRecord:
    """One set of input files that was loaded, identified by a hash of their content.

    Loading the same files again adds no new record.
    """

    fingerprint: str
    loaded_at: str
    source: str
    files: tuple[str, ...]
    counts: Counts


@dataclass(frozen=True, slots=True)
class SearchHit:
    """A search result: an organisation, professional, agreement or area."""

    kind: str
    id: str
    name: str
    detail: str


@dataclass(frozen=True, slots=True)
class KnownIds:
    """The keys a store already holds, for checking references in new input.

    ``held_areas`` are the stored areas themselves (reference data, a few hundred per
    municipality): an apply writes an area whole, so input that adds indicators to a
    stored area, or a name to one with a boundary, starts from the stored record.
    """

    areas: frozenset[str] = frozenset()
    organisations: frozenset[str] = frozenset()
    professionals: frozenset[str] = frozenset()
    agreements: frozenset[str] = frozenset()
    held_areas: tuple[Area, ...] = ()
    _by_code: dict[str, Area] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_by_code", {area.code: area for area in self.held_areas})

    def held_area(self, code: str) -> Area | None:
        """The stored area with this code, or ``None``.

        >>> from graph.taxonomy import AreaLevel
        >>> known = KnownIds(held_areas=(Area("GM9901", "Ketendam", AreaLevel.GEMEENTE),))
        >>> known.held_area("GM9901").name, known.held_area("GM0000")
        ('Ketendam', None)
        """
        return self._by_code.get(code)

    @classmethod
    def from_pairs(cls, pairs: Iterable[tuple[str, str]], held_areas: Iterable[Area] = ()) -> KnownIds:
        """Collect ``(kind, key)`` pairs, kind being ``area``, ``organisation``, ``professional``
        or ``agreement``, and the stored areas.

        >>> KnownIds.from_pairs([("area", "GM9901"), ("organisation", "O1")]).organisations
        frozenset({'O1'})
        """
        found: dict[str, set[str]] = {
            "area": set(),
            "organisation": set(),
            "professional": set(),
            "agreement": set(),
        }
        for kind, key in pairs:
            found[kind].add(key)
        return cls(
            areas=frozenset(found["area"]),
            organisations=frozenset(found["organisation"]),
            professionals=frozenset(found["professional"]),
            agreements=frozenset(found["agreement"]),
            held_areas=tuple(sorted(held_areas, key=lambda a: a.code)),
        )


class ClosingOnExit(ABC):
    """For store classes: ``with store:`` closes the store when the block ends."""

    @abstractmethod
    def close(self) -> None:
        """Release connections; the store cannot be used afterwards."""

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()


@runtime_checkable
class Store(Protocol):
    """A database holding one ecosystem.

    Writes go through :meth:`apply` only: one atomic transaction that upserts the batch
    by natural keys, so applying the same batch twice changes nothing the second time.
    For records in the batch, their lists (areas served, employments, parties, members)
    are replaced by the batch's lists; records not in the batch are left alone unless
    ``replace`` is set, which makes the batch the whole new content.
    """

    def init_schema(self) -> None:
        """Create tables, constraints and indexes if they do not exist (idempotent)."""
        ...

    def apply(
        self,
        batch: Ecosystem,
        *,
        replace: bool = False,
        record: LoadRecord | None = None,
        expected_revision: int | None = None,
    ) -> ApplyResult:
        """Write a batch atomically; optionally log the files it came from.

        With ``expected_revision``, the write happens only if the store's revision is still
        that number inside the write transaction; otherwise it raises ``StaleWrite`` and
        writes nothing (for read-modify-write callers such as ``ketenkaart merge``).
        """
        ...

    def snapshot(self, scope: Scope = Scope()) -> Ecosystem:
        """Read the ecosystem, or the part of it in ``scope``, as one consistent view."""
        ...

    def search(self, text: str, limit: int = 20) -> list[SearchHit]:
        """Find records whose name or id contains ``text`` (case and accents ignored)."""
        ...

    def counts(self) -> Counts:
        """How many records of each kind the store holds."""
        ...

    def known_ids(self) -> KnownIds:
        """Every key the store holds, per kind, and the stored areas whole."""
        ...

    def loads(self) -> list[LoadRecord]:
        """The file sets loaded so far, oldest first."""
        ...

    def revision(self) -> int:
        """A number that grows with every write that changed something: an apply, a clear,
        or a survey write (a round, a new response version, a correction, a pair decision)."""
        ...

    def clear(self) -> None:
        """Remove every record (one transaction), survey records included."""
        ...

    # Survey rounds (graph.survey): partners' own reports. Each call is one transaction.

    def open_round(self, survey_round: SurveyRound) -> None:
        """Store a new round; raises ``DuplicateKey`` if its id is taken."""
        ...

    def close_round(self, round_id: str, at: str) -> SurveyRound:
        """Mark a round closed at ``at`` (ISO timestamp) and return it; closing it again
        keeps the first time. Raises :class:`graph.errors.NotFound` for an unknown round."""
        ...

    def rounds(self) -> list[SurveyRound]:
        """Every round, newest (``created_at``) first."""
        ...

    def save_response(self, response: Response) -> Response:
        """Store a new version of one organisation's answers in a round, and return it.

        The version number is the previous one plus one. If the latest stored version holds
        the same answers (:meth:`Response.same_answers`), nothing is written and that
        version is returned: saving or submitting twice changes nothing. Raises
        ``NotFound`` for an unknown round or an organisation the round did not invite, and
        ``LinkRefused`` (``why == "expired"``) for a round that is closed (its
        ``closed_at`` is set). The round is read inside the write transaction, serialised
        with ``close_round``'s, so an answer racing a close is either stored before the
        close or refused: a closed round never takes one. Nothing is written and the
        revision is unchanged when any of these is raised. (The closing *date* is the
        caller's to check: :meth:`SurveyRound.is_open`.)
        """
        ...

    def responses(self, round_id: str) -> list[Response]:
        """The latest version of every organisation's answers in a round, by organisation."""
        ...

    def response_history(self, round_id: str, organisation: str) -> list[Response]:
        """Every stored version of one organisation's answers, oldest first."""
        ...

    def propose_change(self, change: ProposedChange) -> None:
        """Store a proposed correction (pending); raises ``DuplicateKey`` if its id is taken."""
        ...

    def proposed_changes(self, status: ChangeStatus | None = None) -> list[ProposedChange]:
        """Proposed corrections, oldest first, optionally only those with ``status``."""
        ...

    def decide_change(
        self, change_id: str, status: ChangeStatus, by: str, at: str, reason: str = ""
    ) -> ProposedChange:
        """Record an analyst's decision on a pending correction and return it.

        Raises ``NotFound`` for an unknown id and ``StaleWrite`` if it was decided already.
        """
        ...

    def decide_pair(self, decision: PairDecision) -> None:
        """Remember a verdict on a probable duplicate pair (a later one replaces it)."""
        ...

    def pair_decisions(self) -> list[PairDecision]:
        """Every remembered pair verdict, by pair."""
        ...

    def close(self) -> None:
        """Release connections; the store cannot be used afterwards."""
        ...

    def __enter__(self) -> Self: ...

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None: ...
