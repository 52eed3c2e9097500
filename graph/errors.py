"""The one exception tree of Ketenkaart.

Every error the product raises on purpose is an :class:`ExplorerError`. Errors from
libraries (sqlite3, neo4j, openpyxl, the file system) are translated once, where they
enter: at the store adapters in ``queries/`` and the readers in ``loaders/``, always with
``raise ... from exc`` so the cause stays visible.

::

    ExplorerError
    ├── ConfigError          settings or command-line values that cannot work
    ├── StoreError           the database could not do what was asked
    │   ├── StoreUnavailable   cannot open or reach the database
    │   ├── DuplicateKey       a uniqueness rule of the store was broken
    │   ├── StaleWrite         the store changed since the data a write was based on was read
    │   ├── NotFound           a record asked for by its key is not there
    │   └── QueryFailed        a query was refused or failed (carries the query name)
    ├── LoadError            input files are invalid; carries the full report
    ├── SurveyError          a survey answer or link is refused; nothing was stored
    │   ├── InvalidAnswer      an answer breaks a rule (carries the field and the reason)
    │   └── LinkRefused        a survey link is forged, expired, closed or not this organisation's
    ├── MailFailed           the mail server could not be reached or refused the mail (names the server)
    └── AnalysisError        an analysis cannot be computed
        ├── EmptyGraph         ... because there is nothing to analyse
        └── UnsupportedGraph   ... because the graph is of a kind it is not defined for

Bad rows in input files are *not* exceptions: loaders return them as data in a report
(see ``loaders.report``). ``LoadError`` only wraps that report once a caller asks to
write and the report holds errors.
"""

from __future__ import annotations

from typing import Any

__all__ = [
    "AnalysisError",
    "ConfigError",
    "DuplicateKey",
    "EmptyGraph",
    "ExplorerError",
    "InvalidAnswer",
    "LinkRefused",
    "LoadError",
    "MailFailed",
    "NotFound",
    "QueryFailed",
    "StaleWrite",
    "StoreError",
    "StoreUnavailable",
    "SurveyError",
    "UnsupportedGraph",
]


class ExplorerError(Exception):
    """Base class of every error Ketenkaart raises on purpose."""


class ConfigError(ExplorerError):
    """A setting or command-line value cannot work (unknown store URL, missing secret)."""


class StoreError(ExplorerError):
    """The database could not do what was asked."""


class StoreUnavailable(StoreError):
    """The database cannot be opened or reached."""


class DuplicateKey(StoreError):
    """A uniqueness rule of the store was broken."""


class StaleWrite(StoreError):
    """The store changed since the data a write was based on was read; nothing was written."""


class NotFound(StoreError):
    """A record asked for by its key is not in the store (a survey round, a proposal)."""


class QueryFailed(StoreError):
    """A query failed; ``query`` names the catalog entry that was running."""

    def __init__(self, message: str, *, query: str) -> None:
        super().__init__(f"{query}: {message}")
        self.query = query


class LoadError(ExplorerError):
    """Input files are invalid; ``report`` holds every problem found.

    The report is typed ``Any`` here because ``graph`` is the lowest layer and must not
    import ``loaders``; it is always a ``loaders.report.LoadReport``.
    """

    def __init__(self, report: Any) -> None:
        count = len(report.errors)
        super().__init__(f"{count} problem{'s' if count != 1 else ''} in the input; nothing was written")
        self.report = report


class AnalysisError(ExplorerError):
    """An analysis cannot be computed on the given graph."""


class EmptyGraph(AnalysisError):
    """The graph has no nodes, so the measure means nothing."""


class UnsupportedGraph(AnalysisError):
    """The analysis is not defined for this kind of graph (a multigraph, or a directed one).

    Raised by the preconditions in :mod:`graph.preconditions`, the project's form of
    NetworkX's ``not_implemented_for``.
    """


class SurveyError(ExplorerError):
    """A survey answer or link is refused; nothing was stored."""


class InvalidAnswer(SurveyError):
    """An answer breaks a rule: ``field`` names the question, ``reason`` says why.

    ``code`` is a stable code for translating the message (``unknown_organisation``,
    ``out_of_range``, ``too_long``, ``markup``, ...).
    """

    def __init__(self, field: str, reason: str, *, code: str = "invalid") -> None:
        super().__init__(f"{field}: {reason}")
        self.field = field
        self.reason = reason
        self.code = code


class LinkRefused(SurveyError):
    """A survey link cannot be used: ``why`` is ``forged``, ``expired`` (the round closed)
    or ``unknown`` (no such round or organisation)."""

    def __init__(self, why: str, message: str) -> None:
        super().__init__(message)
        self.why = why


class MailFailed(ExplorerError):
    """The SMTP server could not be reached, or refused to take the mail.

    ``server`` is ``host:port``; ``sent`` the organisations whose mail the server took before
    it failed (mail is sent one message per organisation, so those need not be sent again).
    """

    def __init__(self, server: str, message: str, *, sent: tuple[str, ...] = ()) -> None:
        super().__init__(f"mail server {server}: {message}")
        self.server = server
        self.sent = sent
