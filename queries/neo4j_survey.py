"""Survey records in Neo4j: the transaction functions behind ``Neo4jStore``'s survey methods.

The graph (``docs/neo4j.md`` draws it): a ``SurveyRound`` node per round, holding its
invited organisation ids as a list; a ``SurveyResponse`` node per stored version of one
organisation's answers, ``IN_ROUND`` of its round, with its "kennismaken" answers as two
parallel lists and one ``TieAnswer`` node per tie (``HAS_TIE``); a ``ProposedChange`` node
per correction and a ``PairDecision`` node per duplicate pair. Survey nodes name
organisations by id rather than linking to them, so a load that replaces the ecosystem
keeps every answer, also about organisations it removes.

Every write runs under the store's lock (``lock_store``), as a load does: twenty partners
saving at once queue, each reads the latest version only once it holds the lock, so
versions go 1, 2, 3 without a gap or a twin (the ``survey_response_version`` constraint
stands behind that). A write that changes something raises the store's revision, so caches
keyed on it (the web app's) see new answers.

The functions take a unit of work (:class:`Work`, the store's managed-transaction
helper) and keep no state between calls, so the driver may rerun them.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import replace
from datetime import date
from typing import Any, Protocol

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
from queries.catalog import Cypher

__all__ = [
    "Work",
    "clear",
    "close_round",
    "decide_change",
    "decide_pair",
    "open_round",
    "pair_decisions",
    "propose_change",
    "proposed_changes",
    "reported",
    "response_history",
    "responses",
    "rounds",
    "save_response",
]

Row = dict[str, Any]

IS_TIE = [TieStatus.CONFIRMED.value, TieStatus.ADDED.value]
"""The tie statuses that say a tie exists (:attr:`TieAnswer.is_tie`)."""


class Work(Protocol):
    """What a transaction function needs of the store's unit of work."""

    def rows(self, name: Cypher, /, **params: Any) -> Iterator[Row]:
        """Stream the records of one query as dicts."""
        ...

    def one(self, name: Cypher, /, **params: Any) -> Row:
        """The single record of a query that returns one."""
        ...

    def write(self, name: Cypher, batch: Sequence[Row]) -> None:
        """Send ``batch`` as ``$rows`` in chunks; every row must be written."""
        ...


# -- rounds ------------------------------------------------------------------------------


def open_round(work: Work, survey_round: SurveyRound) -> None:
    """Store a new round (a taken id is a constraint error: ``DuplicateKey``)."""
    work.one(Cypher.LOCK_STORE)
    r = survey_round
    work.one(
        Cypher.OPEN_ROUND,
        id=r.id,
        name=r.name,
        period=r.period.code,
        closes=r.closes,
        invited=list(r.invited) or None,
        created_by=r.created_by,
        created_at=r.created_at,
    )
    work.one(Cypher.BUMP_REVISION)


def close_round(work: Work, round_id: str, at: str) -> SurveyRound:
    """Close a round (the first closing time stays) and return it."""
    work.one(Cypher.LOCK_STORE)
    held = _round(work, round_id)
    if held.closed_at is None:
        work.one(Cypher.CLOSE_ROUND, id=round_id, at=at)
        work.one(Cypher.BUMP_REVISION)
    return _round(work, round_id)


def rounds(work: Work) -> list[SurveyRound]:
    """Every round, newest first."""
    return [survey_round(row) for row in work.rows(Cypher.READ_ROUNDS, id=None)]


def _round(work: Work, round_id: str) -> SurveyRound:
    found = [survey_round(row) for row in work.rows(Cypher.READ_ROUNDS, id=round_id)]
    if not found:
        raise NotFound(f"no survey round {round_id!r}")
    return found[0]


# -- responses ---------------------------------------------------------------------------


def save_response(work: Work, response: Response) -> Response:
    """Store the next version of an organisation's answers, unless the latest holds them.

    The round is read under the store's lock, which ``close_round`` takes too: a round closed
    before this write is refused (``LinkRefused``, ``expired``), whatever the caller read.
    """
    work.one(Cypher.LOCK_STORE)
    held = _round(work, response.round_id)
    if response.organisation not in held.invited:
        raise NotFound(f"survey round {held.id!r} did not invite organisation {response.organisation!r}")
    if held.closed_at is not None:
        raise LinkRefused(
            "expired", f"survey round {held.id!r} closed at {held.closed_at}; it takes no answers"
        )
    latest = _responses(work, response.round_id, response.organisation, latest=True)
    if latest and latest[0].same_answers(response):
        return latest[0]
    version = latest[0].version + 1 if latest else 1
    work.one(Cypher.SAVE_RESPONSE, **response_params(response, version))
    work.write(Cypher.ADD_TIE_ANSWERS, tie_rows(response, version))
    work.one(Cypher.BUMP_REVISION)
    return replace(response, version=version)


def responses(work: Work, round_id: str) -> list[Response]:
    """The latest version of every organisation's answers in a round."""
    return _responses(work, round_id, None, latest=True)


def response_history(work: Work, round_id: str, organisation: str) -> list[Response]:
    """Every version of one organisation's answers, oldest first."""
    return _responses(work, round_id, organisation, latest=False)


def _responses(work: Work, round_id: str, organisation: str | None, *, latest: bool) -> list[Response]:
    found = work.rows(Cypher.READ_RESPONSES, round_id=round_id, organisation=organisation, latest=latest)
    return [response(round_id, row) for row in found]


def reported(work: Work, organisation_ids: list[str] | None) -> list[ReportedTie]:
    """The reported ties touching ``organisation_ids`` (every one for ``None``)."""
    found = work.rows(Cypher.READ_REPORTED, statuses=IS_TIE, organisation_ids=organisation_ids)
    return [
        ReportedTie(row["reporter"], row["partner"], row["round_id"], Period.parse(row["period"]))
        for row in found
    ]


# -- corrections and duplicate verdicts -------------------------------------------------


def propose_change(work: Work, change: ProposedChange) -> None:
    """Store a pending correction (a taken id is a constraint error: ``DuplicateKey``)."""
    work.one(Cypher.LOCK_STORE)
    work.one(
        Cypher.PROPOSE_CHANGE,
        id=change.id,
        organisation=change.organisation,
        field_names=[name for name, _ in change.fields] or None,
        field_values=[value for _, value in change.fields] or None,
        by=change.by,
        at=change.at,
        status=ChangeStatus.PENDING.value,
    )
    work.one(Cypher.BUMP_REVISION)


def proposed_changes(work: Work, status: ChangeStatus | None) -> list[ProposedChange]:
    """Corrections, oldest first, optionally with one status."""
    found = work.rows(Cypher.READ_PROPOSED_CHANGES, id=None, status=status.value if status else None)
    return [proposed_change(row) for row in found]


def decide_change(
    work: Work, change_id: str, status: ChangeStatus, by: str, at: str, reason: str
) -> ProposedChange:
    """Decide a pending correction; one decided already is a ``StaleWrite``."""
    if status is ChangeStatus.PENDING:
        raise ValueError("a decision accepts or rejects; it cannot make a change pending")
    work.one(Cypher.LOCK_STORE)
    held = [
        proposed_change(row) for row in work.rows(Cypher.READ_PROPOSED_CHANGES, id=change_id, status=None)
    ]
    if not held:
        raise NotFound(f"no proposed change {change_id!r}")
    if held[0].status is not ChangeStatus.PENDING:
        raise StaleWrite(
            f"proposed change {change_id!r} was {held[0].status.value} already "
            f"(by {held[0].decided_by or 'unknown'} at {held[0].decided_at})"
        )
    work.one(
        Cypher.DECIDE_CHANGE, id=change_id, status=status.value, decided_by=by, decided_at=at, reason=reason
    )
    work.one(Cypher.BUMP_REVISION)
    decided = work.rows(Cypher.READ_PROPOSED_CHANGES, id=change_id, status=None)
    return proposed_change(next(decided))


def decide_pair(work: Work, decision: PairDecision) -> None:
    """Remember a verdict on a pair; a later one replaces it."""
    work.one(Cypher.LOCK_STORE)
    d = decision
    found = work.one(Cypher.DECIDE_PAIR, first=d.first, second=d.second, same=d.same, by=d.by, at=d.at)
    if found["changed"]:
        work.one(Cypher.BUMP_REVISION)


def pair_decisions(work: Work) -> list[PairDecision]:
    """Every remembered verdict, by pair."""
    return [
        PairDecision(row["first"], row["second"], bool(row["same"]), row["by"] or "", row["at"] or "")
        for row in work.rows(Cypher.READ_PAIR_DECISIONS)
    ]


def clear(work: Work) -> None:
    """Remove every survey record (inside ``Store.clear``'s transaction, under its lock)."""
    work.one(Cypher.CLEAR_SURVEY)


# -- records to parameters and back ------------------------------------------------------


def response_params(r: Response, version: int) -> Row:
    """The parameters of ``save_response`` for version ``version`` of ``r``.

    >>> p = response_params(Response("R1", "O1", suggestions=(SuggestionAnswer("O3", Interest.NO),)), 2)
    >>> p["version"], p["suggestion_partners"], p["suggestion_answers"]
    (2, ['O3'], ['no'])
    """
    return {
        "round_id": r.round_id,
        "organisation": r.organisation,
        "version": version,
        "submitted": r.submitted,
        "by": r.by,
        "at": r.at,
        "suggestion_partners": [s.partner for s in r.suggestions] or None,
        "suggestion_answers": [s.answer.value for s in r.suggestions] or None,
    }


def tie_rows(r: Response, version: int) -> list[Row]:
    """The ``add_tie_answers`` rows of version ``version`` of ``r``.

    >>> tie = TieAnswer("O2", TieStatus.CONFIRMED, frequency=3, ratings=(("open", 4),))
    >>> row = tie_rows(Response("R1", "O1", ties=(tie,)), 1)[0]
    >>> row["partner"], row["status"], row["frequency"], row["rating_items"], row["rating_scores"]
    ('O2', 'confirmed', 3, ['open'], [4])
    """
    return [
        {
            "round_id": r.round_id,
            "organisation": r.organisation,
            "version": version,
            "partner": t.partner,
            "status": t.status.value,
            "new_name": t.new_name,
            "frequency": t.frequency,
            "rating_items": [item for item, _ in t.ratings] or None,
            "rating_scores": [score for _, score in t.ratings] or None,
        }
        for t in r.ties
    ]


def _date(value: Any) -> date:
    """A stored date as ``datetime.date`` (the driver returns ``neo4j.time.Date``)."""
    native = value if isinstance(value, date) else value.to_native()
    assert isinstance(native, date)
    return native


def survey_round(row: Mapping[str, Any]) -> SurveyRound:
    """A round from a ``read_rounds`` row."""
    return SurveyRound(
        id=row["id"],
        name=row["name"],
        period=Period.parse(row["period"]),
        closes=_date(row["closes"]),
        invited=tuple(row["invited"] or ()),
        created_by=row["created_by"] or "",
        created_at=row["created_at"] or "",
        closed_at=row["closed_at"],
    )


def response(round_id: str, row: Mapping[str, Any]) -> Response:
    """A response version from a ``read_responses`` row.

    >>> row = {"organisation": "O1", "version": 1, "submitted": True, "by": "link", "at": "t",
    ...        "suggestion_partners": None, "suggestion_answers": None,
    ...        "ties": [["", "added", "Buurthuis", None, None, None]]}
    >>> [(t.partner, t.status.value, t.new_name, t.frequency) for t in response("R1", row).ties]
    [('', 'added', 'Buurthuis', None)]
    """
    ties = tuple(
        TieAnswer(
            partner=partner,
            status=TieStatus(status),
            new_name=new_name or "",
            frequency=frequency,
            ratings=tuple(zip(items or (), scores or (), strict=True)),
        )
        for partner, status, new_name, frequency, items, scores in row["ties"]
    )
    suggestions = tuple(
        SuggestionAnswer(partner, Interest(answer))
        for partner, answer in zip(
            row["suggestion_partners"] or (), row["suggestion_answers"] or (), strict=True
        )
    )
    return Response(
        round_id=round_id,
        organisation=row["organisation"],
        ties=ties,
        suggestions=suggestions,
        submitted=bool(row["submitted"]),
        by=row["by"] or "",
        at=row["at"] or "",
        version=int(row["version"]),
    )


def proposed_change(row: Mapping[str, Any]) -> ProposedChange:
    """A correction from a ``read_proposed_changes`` row."""
    return ProposedChange(
        id=row["id"],
        organisation=row["organisation"] or "",
        fields=tuple(zip(row["field_names"] or (), row["field_values"] or (), strict=True)),
        by=row["by"] or "",
        at=row["at"] or "",
        status=ChangeStatus(row["status"]),
        decided_by=row["decided_by"] or "",
        decided_at=row["decided_at"] or "",
        reason=row["reason"] or "",
    )
