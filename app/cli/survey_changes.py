"""``ketenkaart survey changes | accept | reject``: partners' corrections, reviewed by an analyst.

The rules live in :mod:`app.survey.corrections` (shared with the web app's review list):
an accepted change is checked as a row of an organisations file and written in one
transaction, as a load is; a rejection records who and why. Registered in the
``survey`` group by :mod:`app.cli.main`.
"""

from __future__ import annotations

import getpass
from datetime import UTC, datetime

import click

from app.cli import options as support
from app.cli.options import database_option, text_table
from graph.taxonomy import Sector

__all__ = ["accept_command", "changes_command", "reject_command"]


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _who() -> str:
    """The analyst at the command line: the login name, else ``cli``."""
    try:
        return getpass.getuser() or "cli"
    except (KeyError, OSError):  # no login name (a container without a user entry)
        return "cli"


@click.command("changes")
@click.option(
    "--status",
    type=click.Choice(["pending", "accepted", "rejected", "all"]),
    default="pending",
    show_default=True,
    help="Which changes to list.",
)
@database_option
def changes_command(status: str, database: str | None) -> None:
    """List the corrections partners proposed to their organisation records."""
    from graph.survey import ChangeStatus  # noqa: PLC0415

    with support.store(database) as store:
        wanted = None if status == "all" else ChangeStatus(status)
        found = store.proposed_changes(wanted)
        names = {org.id: org.name for org in store.snapshot().organisations}
    if not found:
        support.say(f"No {'' if status == 'all' else status + ' '}changes.")
        return
    rows = [
        [
            c.id,
            c.organisation or "(new)",
            names.get(c.organisation, ""),
            "; ".join(f"{field}={value}" for field, value in c.fields),
            f"{c.by} {c.at}",
            c.status.value
            + (f" by {c.decided_by}" if c.decided_by else "")
            + (f": {c.reason}" if c.reason else ""),
        ]
        for c in found
    ]
    columns = ["change", "organisation", "name", "proposed", "by, at", "status"]
    support.out().print(text_table("Proposed changes", columns, rows))
    if status == "pending":
        support.say(
            "Decide with: ketenkaart survey accept CHANGE | ketenkaart survey reject CHANGE --reason TEXT"
        )


@click.command("accept")
@click.argument("change_id", metavar="CHANGE")
@click.option(
    "--sector",
    type=click.Choice([s.value for s in Sector], case_sensitive=False),
    help="For a new organisation: its sector (required).",
)
@click.option(
    "--id", "new_id", metavar="ID", help="For a new organisation: its id (default: N- and the change's id)."
)
@database_option
def accept_command(change_id: str, sector: str | None, new_id: str | None, database: str | None) -> None:
    """Accept a proposed change: check it as a file row is checked, then write it in one transaction."""
    from app.survey.corrections import accept  # noqa: PLC0415

    with support.store(database) as store:
        decision = accept(
            store,
            change_id,
            by=_who(),
            at=_now(),
            sector=Sector(sector.lower()) if sector else None,
            new_id=new_id,
        )
    changed = decision.result.total if decision.result is not None else 0
    support.say(f"Accepted {change_id} for {decision.organisation}: {changed} rows written.")


@click.command("reject")
@click.argument("change_id", metavar="CHANGE")
@click.option("--reason", required=True, help="Why: recorded with the decision, and shown to the partner.")
@database_option
def reject_command(change_id: str, reason: str, database: str | None) -> None:
    """Reject a proposed change, recording who and why; nothing else is written."""
    from app.survey.corrections import reject  # noqa: PLC0415

    with support.store(database) as store:
        reject(store, change_id, by=_who(), at=_now(), reason=reason)
    support.say(f"Rejected {change_id}.")
