"""Survey rounds on the command line: ``survey open``, ``links``, ``status`` and ``close``.

``survey open`` prints only the new round's id on standard output, so a script can keep
it (``ROUND=$(ketenkaart survey open "Najaar 2026" --closes 2026-12-20)``); what it did
goes to standard error. The rules live in :mod:`app.survey`, shared with the web app.
"""

from __future__ import annotations

import csv
import getpass
import json
import re
from collections.abc import Iterator, Sequence
from contextlib import contextmanager, suppress
from datetime import UTC, date, datetime
from pathlib import Path

import click

from app.cli import options as support
from app.cli.options import database_option, text_table
from graph.errors import ConfigError, NotFound, SurveyError
from graph.periods import Period
from graph.taxonomy import Sector

__all__ = ["survey"]


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _who() -> str:
    """Who runs the command, for the round's record: the login name, else ``cli``."""
    try:
        return getpass.getuser() or "cli"
    except (KeyError, OSError):  # no login name (a container without a user entry)
        return "cli"


@contextmanager
def _known_round() -> Iterator[None]:
    """A round id on the command line that names no round is bad usage (exit 2), like any unknown id."""
    try:
        yield
    except NotFound as exc:
        raise ConfigError(str(exc)) from exc


def _day(_ctx: click.Context, _param: click.Parameter, value: str) -> date:
    """A calendar date written YYYY-MM-DD (and only so: no week dates or compact forms)."""
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        with suppress(ValueError):
            return date.fromisoformat(value)
    raise click.BadParameter(f"{value!r} is not a date YYYY-MM-DD")


def _period(_ctx: click.Context, _param: click.Parameter, value: str | None) -> Period | None:
    if value is None:
        return None
    try:
        return Period.parse(value)
    except ValueError as exc:
        raise click.BadParameter(str(exc)) from exc


@click.group()
def survey() -> None:
    """Survey rounds: partners confirm, reject, rate and add their ties through a personal link."""


@survey.command("open")
@click.argument("name")
@click.option(
    "--closes",
    callback=_day,
    required=True,
    metavar="YYYY-MM-DD",
    help="Last day answers are taken; links stop working after it.",
)
@click.option(
    "--period", callback=_period, metavar="YYYY-Qn", help="The period asked about (default: this quarter)."
)
@click.option(
    "--sector",
    "sectors",
    multiple=True,
    type=click.Choice([s.value for s in Sector], case_sensitive=False),
    help="Invite only organisations of this sector (repeat for more).",
)
@click.option(
    "--wijk",
    "wijken",
    multiple=True,
    metavar="CODE",
    help="Invite only organisations serving this wijk (repeat).",
)
@database_option
def open_command(
    name: str,
    closes: date,
    period: Period | None,
    sectors: Sequence[str],
    wijken: Sequence[str],
    database: str | None,
) -> None:
    """Open a survey round called NAME and print its id.

    Invited are all organisations, or those of the given sectors, or those serving the
    given wijken (with both: those that match both).
    """
    from app.survey.rounds import open_round  # noqa: PLC0415

    with support.store(database, warn_empty=True) as store:
        store.init_schema()
        opened = open_round(
            store,
            name,
            closes,
            today=date.today(),
            now=_now(),
            by=_who(),
            period=period,
            sectors=[Sector(s.lower()) for s in sectors],
            wijken=[w.strip().upper() for w in wijken],
        )
    support.err().print(
        f"Opened {opened.name} ({opened.period.code}) for {len(opened.invited)} organisations, "
        f"until {opened.closes.isoformat()}. Next: ketenkaart survey links {opened.id} links.csv",
        markup=False,
        soft_wrap=True,
    )
    support.say(opened.id)


@survey.command("links")
@click.argument("round_id", metavar="ROUND")
@click.argument("out", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--base-url", metavar="URL", help="The app's public address (default: KETENKAART_PUBLIC_URL).")
@database_option
def links_command(round_id: str, out: Path, base_url: str | None, database: str | None) -> None:
    """Write every invited organisation's personal link to OUT (CSV: organisation, name, url)."""
    from app.settings import Settings  # noqa: PLC0415
    from app.survey.links import link_rows, link_secret  # noqa: PLC0415
    from app.survey.rounds import get_round  # noqa: PLC0415
    from loaders.textsafety import neutralised  # noqa: PLC0415

    settings = Settings()
    base = (base_url or settings.public_url).strip()
    if not base.startswith(("http://", "https://")):
        raise ConfigError(f"the public address {base!r} must start with http:// or https://")
    with support.store(database) as store, _known_round():
        chosen = get_round(store, round_id)
        if not chosen.is_open(date.today()):
            raise SurveyError(f"the round {chosen.id} is closed: its links no longer work")
        names = {org.id: org.name for org in store.snapshot().organisations}
    rows = link_rows(chosen, names, link_secret(settings), base)
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=["organisation", "name", "url"])
        writer.writeheader()
        writer.writerows(
            neutralised({"organisation": r.organisation, "name": r.name, "url": r.url}) for r in rows
        )
    support.say(f"{len(rows)} links for {chosen.name} written to {out}")


@survey.command("status")
@click.argument("round_id", metavar="ROUND")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object.")
@database_option
def status_command(round_id: str, as_json: bool, database: str | None) -> None:
    """How many invited organisations answered a round, and whether it still takes answers."""
    from app.survey.rounds import round_status  # noqa: PLC0415

    with support.store(database) as store, _known_round():
        status = round_status(store, round_id, today=date.today())
    data = status.to_data()
    if as_json:
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
        return
    shown = ("round", "name", "period", "closes", "closed", "invited", "responded", "submitted", "drafts")
    rows = [
        [key, "yes" if data[key] is True else "no" if data[key] is False else str(data[key])] for key in shown
    ]
    support.out().print(text_table(f"Survey {status.round.id}", ["", "value"], rows))


@survey.command("close")
@click.argument("round_id", metavar="ROUND")
@database_option
def close_command(round_id: str, database: str | None) -> None:
    """Close a round: it takes no more answers and every link to it stops working."""
    from app.survey.rounds import close  # noqa: PLC0415

    with support.store(database) as store, _known_round():
        closed = close(store, round_id, now=_now())
    support.say(f"Closed {closed.name} ({closed.id}) at {closed.closed_at}")
