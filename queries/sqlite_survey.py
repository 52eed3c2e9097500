"""The survey records of ``SqliteStore``: rounds, responses, corrections, pair decisions.

:class:`SqliteSurvey` holds the survey methods of the ``Store`` protocol and is a base of
``SqliteStore``, which gives it its transactions and statement runners. Every method is
one transaction; writes take ``BEGIN IMMEDIATE``, so concurrent saves of one response are
serialised by SQLite itself: the version read inside the transaction is the latest, and
the next is that plus one. Every write that changed something bumps the store's revision
(a submitted response changes what ``snapshot`` reports).

The tables (``survey_*`` in ``sql/schema.sql``) name organisations by id without a foreign
key to ``organisations``: a load with ``--replace`` keeps every answer, and only
``Store.clear`` removes them (``sql/clear_survey.sql``).
"""

from __future__ import annotations

import sqlite3
from abc import abstractmethod
from collections import defaultdict
from collections.abc import Iterable, Sequence
from contextlib import AbstractContextManager
from datetime import date
from typing import Any

from graph.errors import LinkRefused, NotFound, StaleWrite
from graph.periods import Period
from graph.survey import (
    ChangeStatus,
    Interest,
    PairDecision,
    ProposedChange,
    ReportedTie,
    Response,
    SuggestionAnswer,
    SurveyRound,
    TieAnswer,
    TieStatus,
)
from queries.catalog import Sql

__all__ = ["SqliteSurvey"]


class SqliteSurvey:
    """The survey methods of the embedded store (a base of ``SqliteStore``)."""

    @abstractmethod
    def _transaction(self, *, write: bool) -> AbstractContextManager[sqlite3.Connection]: ...

    @abstractmethod
    def _execute(self, name: Sql, params: Sequence[Any] | dict[str, Any] = ()) -> sqlite3.Cursor: ...

    @abstractmethod
    def _execute_many(self, name: Sql, rows: Iterable[Sequence[Any] | dict[str, Any]]) -> None: ...

    # -- rounds --------------------------------------------------------------------------

    def open_round(self, survey_round: SurveyRound) -> None:
        """Store a new round with its invitations; ``DuplicateKey`` if the id is taken."""
        r = survey_round
        with self._transaction(write=True):
            self._execute(
                Sql.INSERT_SURVEY_ROUND,
                {
                    "round_id": r.id,
                    "name": r.name,
                    "period": r.period.code,
                    "closes": r.closes.isoformat(),
                    "created_by": r.created_by,
                    "created_at": r.created_at,
                    "closed_at": r.closed_at,
                },
            )
            self._execute_many(
                Sql.INSERT_SURVEY_INVITATIONS,
                ({"round_id": r.id, "organisation": org} for org in r.invited),
            )
            self._execute(Sql.BUMP_REVISION)

    def close_round(self, round_id: str, at: str) -> SurveyRound:
        """Close a round at ``at`` (the first close stays) and return it."""
        with self._transaction(write=True):
            closed = self._execute(Sql.CLOSE_SURVEY_ROUND, {"round_id": round_id, "at": at}).rowcount
            found = self._read_rounds(round_id)
            if not found:
                raise NotFound(f"no survey round {round_id!r}")
            if closed:
                self._execute(Sql.BUMP_REVISION)
        return found[0]

    def rounds(self) -> list[SurveyRound]:
        """Every round, newest first."""
        with self._transaction(write=False):
            return self._read_rounds(None)

    def _read_rounds(self, round_id: str | None) -> list[SurveyRound]:
        params = {"round_id": round_id}
        invited = _grouped(self._execute(Sql.READ_SURVEY_INVITATIONS, params).fetchall())
        return [
            SurveyRound(
                id=i,
                name=name,
                period=Period.parse(period),
                closes=date.fromisoformat(closes),
                invited=tuple(invited.get(i, ())),
                created_by=by,
                created_at=at,
                closed_at=closed,
            )
            for i, name, period, closes, by, at, closed in self._execute(Sql.READ_SURVEY_ROUNDS, params)
        ]

    # -- responses -----------------------------------------------------------------------

    def save_response(self, response: Response) -> Response:
        """Store a new version of the answers, unless the latest holds the same; return it.

        A closed round is refused inside the write transaction (``LinkRefused``, ``expired``).
        """
        key = {"round_id": response.round_id, "organisation": response.organisation}
        with self._transaction(write=True):
            round_known, invited, closed_at = self._execute(Sql.CHECK_SURVEY_INVITATION, key).fetchone()
            if not round_known:
                raise NotFound(f"no survey round {response.round_id!r}")
            if not invited:
                raise NotFound(f"round {response.round_id!r} did not invite {response.organisation!r}")
            if closed_at is not None:
                raise LinkRefused(
                    "expired",
                    f"survey round {response.round_id!r} closed at {closed_at}; it takes no answers",
                )
            held = self._read_responses(response.round_id, response.organisation, latest=True)
            if held and held[0].same_answers(response):
                return held[0]
            saved = Response(
                round_id=response.round_id,
                organisation=response.organisation,
                ties=response.ties,
                suggestions=response.suggestions,
                submitted=response.submitted,
                by=response.by,
                at=response.at,
                version=held[0].version + 1 if held else 1,
            )
            self._write_response(saved)
            self._execute(Sql.BUMP_REVISION)
        return saved

    def _write_response(self, r: Response) -> None:
        key = {"round_id": r.round_id, "organisation": r.organisation, "version": r.version}
        self._execute(
            Sql.INSERT_SURVEY_RESPONSE,
            key | {"submitted": int(r.submitted), "saved_by": r.by, "saved_at": r.at},
        )
        self._execute_many(
            Sql.INSERT_SURVEY_TIE_ANSWERS,
            (
                key
                | {
                    "position": n,
                    "partner": t.partner,
                    "new_name": t.new_name,
                    "status": t.status.value,
                    "frequency": t.frequency,
                }
                for n, t in enumerate(r.ties)
            ),
        )
        self._execute_many(
            Sql.INSERT_SURVEY_RATINGS,
            (
                key | {"position": n, "item": item, "score": score}
                for n, t in enumerate(r.ties)
                for item, score in t.ratings
            ),
        )
        self._execute_many(
            Sql.INSERT_SURVEY_SUGGESTION_ANSWERS,
            (key | {"partner": s.partner, "answer": s.answer.value} for s in r.suggestions),
        )

    def responses(self, round_id: str) -> list[Response]:
        """The latest version of every organisation's answers in a round, by organisation."""
        with self._transaction(write=False):
            return self._read_responses(round_id, None, latest=True)

    def response_history(self, round_id: str, organisation: str) -> list[Response]:
        """Every stored version of one organisation's answers, oldest first."""
        with self._transaction(write=False):
            return self._read_responses(round_id, organisation, latest=False)

    def _read_responses(self, round_id: str, organisation: str | None, *, latest: bool) -> list[Response]:
        params = {"round_id": round_id, "organisation": organisation, "latest": int(latest)}
        ratings: dict[tuple[str, int, int], list[tuple[str, int]]] = defaultdict(list)
        for org, version, position, item, score in self._execute(Sql.READ_SURVEY_RATINGS, params):
            ratings[org, version, position].append((item, score))
        ties: dict[tuple[str, int], list[TieAnswer]] = defaultdict(list)
        for org, version, position, partner, new_name, status, frequency in self._execute(
            Sql.READ_SURVEY_TIE_ANSWERS, params
        ):
            rated = tuple(ratings.get((org, version, position), ()))
            ties[org, version].append(TieAnswer(partner, TieStatus(status), new_name, frequency, rated))
        suggestions: dict[tuple[str, int], list[SuggestionAnswer]] = defaultdict(list)
        for org, version, partner, answer in self._execute(Sql.READ_SURVEY_SUGGESTION_ANSWERS, params):
            suggestions[org, version].append(SuggestionAnswer(partner, Interest(answer)))
        return [
            Response(
                round_id=round_id,
                organisation=org,
                ties=tuple(ties.get((org, version), ())),
                suggestions=tuple(suggestions.get((org, version), ())),
                submitted=bool(submitted),
                by=by,
                at=at,
                version=version,
            )
            for org, version, submitted, by, at in self._execute(Sql.READ_SURVEY_RESPONSES, params)
        ]

    def _read_reported(self) -> tuple[ReportedTie, ...]:
        """The reported ties of the organisations in ``scope_organisations`` (inside a snapshot)."""
        rows = self._execute(Sql.READ_SURVEY_REPORTED).fetchall()
        periods = {code: Period.parse(code) for code in {row[1] for row in rows}}
        return tuple(ReportedTie(reporter, partner, r, periods[code]) for r, code, reporter, partner in rows)

    # -- corrections and pair decisions --------------------------------------------------

    def propose_change(self, change: ProposedChange) -> None:
        """Store a pending correction; ``DuplicateKey`` if its id is taken."""
        with self._transaction(write=True):
            self._execute(
                Sql.INSERT_SURVEY_CHANGE,
                {
                    "change_id": change.id,
                    "organisation": change.organisation,
                    "proposed_by": change.by,
                    "proposed_at": change.at,
                },
            )
            self._execute_many(
                Sql.INSERT_SURVEY_CHANGE_FIELDS,
                ({"change_id": change.id, "field": name, "value": value} for name, value in change.fields),
            )
            self._execute(Sql.BUMP_REVISION)

    def proposed_changes(self, status: ChangeStatus | None = None) -> list[ProposedChange]:
        """Proposed corrections, oldest first, optionally only those with ``status``."""
        with self._transaction(write=False):
            return self._read_changes(None, status)

    def decide_change(
        self, change_id: str, status: ChangeStatus, by: str, at: str, reason: str = ""
    ) -> ProposedChange:
        """Accept or reject a pending correction; ``NotFound``, or ``StaleWrite`` if decided."""
        if status is ChangeStatus.PENDING:
            raise ValueError("a decision accepts or rejects; it cannot make a change pending")
        params = {
            "change_id": change_id,
            "status": status.value,
            "decided_by": by,
            "decided_at": at,
            "reason": reason,
        }
        with self._transaction(write=True):
            decided = self._execute(Sql.DECIDE_SURVEY_CHANGE, params).rowcount
            found = self._read_changes(change_id, None)
            if not found:
                raise NotFound(f"no proposed change {change_id!r}")
            if not decided:
                raise StaleWrite(f"proposed change {change_id!r} was {found[0].status} already")
            self._execute(Sql.BUMP_REVISION)
        return found[0]

    def _read_changes(self, change_id: str | None, status: ChangeStatus | None) -> list[ProposedChange]:
        params = {"change_id": change_id, "status": status.value if status else None}
        fields = _grouped(self._execute(Sql.READ_SURVEY_CHANGE_FIELDS, params).fetchall())
        return [
            ProposedChange(
                id=i,
                organisation=org,
                fields=tuple(fields.get(i, ())),
                by=by,
                at=at,
                status=ChangeStatus(state),
                decided_by=decided_by,
                decided_at=decided_at,
                reason=reason,
            )
            for i, org, by, at, state, decided_by, decided_at, reason in self._execute(
                Sql.READ_SURVEY_CHANGES, params
            )
        ]

    def decide_pair(self, decision: PairDecision) -> None:
        """Remember a verdict on a pair; a later one replaces it."""
        params = {
            "first": decision.first,
            "second": decision.second,
            "same": int(decision.same),
            "decided_by": decision.by,
            "decided_at": decision.at,
        }
        with self._transaction(write=True):
            if self._execute(Sql.UPSERT_SURVEY_PAIR_DECISION, params).rowcount:
                self._execute(Sql.BUMP_REVISION)

    def pair_decisions(self) -> list[PairDecision]:
        """Every remembered pair verdict, by pair."""
        with self._transaction(write=False):
            rows = self._execute(Sql.READ_SURVEY_PAIR_DECISIONS).fetchall()
        return [PairDecision(first, second, bool(same), by, at) for first, second, same, by, at in rows]


def _grouped(rows: Iterable[Sequence[Any]]) -> dict[str, list[Any]]:
    """Rows ``(key, value)`` or ``(key, *values)`` as lists per key, in row order."""
    groups: dict[str, list[Any]] = defaultdict(list)
    for key, *rest in rows:
        groups[key].append(rest[0] if len(rest) == 1 else tuple(rest))
    return groups
