"""``ketenkaart survey send``: mail each invited organisation its personal link, or a reminder.

The rules live in :mod:`app.survey.mail` (shared with the web app); this module reads the
settings and the store, prints what happened, and says who was left out and why.
Registered in the ``survey`` group by :mod:`app.cli.main`.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import click

from app.cli import options as support
from app.cli.options import database_option, text_table
from graph.errors import ConfigError, MailFailed, SurveyError

__all__ = ["send_command"]


@click.command("send")
@click.argument("round_id", metavar="ROUND")
@click.option("--reminder", is_flag=True, help="Mail only the invited organisations that have not submitted.")
@click.option(
    "--emails",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    metavar="FILE",
    help="CSV with the columns organisation,email: addresses for this mailing, before the partners' own.",
)
@click.option("--base-url", metavar="URL", help="The app's public address (default: KETENKAART_PUBLIC_URL).")
@click.option(
    "--dry-run", is_flag=True, help="List who would get a message, and at which address; send nothing."
)
@database_option
def send_command(
    round_id: str,
    reminder: bool,
    emails: Path | None,
    base_url: str | None,
    dry_run: bool,
    database: str | None,
) -> None:
    """Mail every organisation invited to ROUND its personal link (Dutch and English).

    Addresses are the contacts partners gave in accepted corrections, and those in
    --emails (which win). The SMTP server is KETENKAART_SMTP_HOST; without it, write the
    links with `ketenkaart survey links ROUND OUT.csv` for a mail merge.
    """
    from app.settings import Settings  # noqa: PLC0415
    from app.survey.corrections import contacts  # noqa: PLC0415
    from app.survey.links import link_rows, link_secret  # noqa: PLC0415
    from app.survey.mail import MailServer, plan_mailing, read_addresses, send_mailing  # noqa: PLC0415
    from app.survey.rounds import get_round  # noqa: PLC0415

    settings = Settings()
    server = MailServer.from_settings(settings)
    if server is None and not dry_run:
        raise ConfigError(
            "no mail server: set KETENKAART_SMTP_HOST and KETENKAART_MAIL_FROM, or write the links for a "
            f"mail merge with: ketenkaart survey links {round_id} links.csv"
        )
    base = (base_url or settings.public_url).strip()
    if not base.startswith(("http://", "https://")):
        raise ConfigError(f"the public address {base!r} must start with http:// or https://")
    given = read_addresses(emails) if emails else {}
    with support.store(database) as store:
        chosen = get_round(store, round_id)
        if not chosen.is_open(date.today()):
            raise SurveyError(
                f"the round {chosen.id} is closed: its links no longer work, so nothing was sent"
            )
        names = {org.id: org.name for org in store.snapshot().organisations}
        addresses = {**contacts(store), **given}
        responses = store.responses(chosen.id) if reminder else []
    rows = link_rows(chosen, names, link_secret(settings), base)
    mailing = plan_mailing(chosen, rows, addresses, reminder=reminder, responses=responses)
    if stray := sorted(set(given) - set(chosen.invited)):
        _note(f"Not invited to {chosen.id}, so not mailed: {_listed(stray)}")
    if mailing.submitted:
        _note(f"Submitted already, no reminder: {len(mailing.submitted)} organisations")
    if mailing.without_address:
        _note(
            f"No address for {len(mailing.without_address)} organisations, not mailed: "
            f"{_listed(mailing.without_address)}. Give them with --emails FILE (organisation,email)."
        )
    what = "reminders" if reminder else "invitations"
    if dry_run or server is None:
        rows_shown = [[i.organisation, i.name, i.address] for i in mailing.invitations]
        support.out().print(
            text_table(f"{len(rows_shown)} {what} (dry run)", ["organisation", "name", "email"], rows_shown)
        )
        support.say("Dry run: nothing was sent.")
        return
    try:
        result = send_mailing(server, mailing)
    except MailFailed as exc:
        if exc.sent:
            _note(f"Sent before the failure ({len(exc.sent)}): {_listed(exc.sent)}")
        raise
    support.say(f"Sent {len(result.sent)} {what} for {chosen.name} through {server}.")
    if result.refused:
        for organisation, reason in result.refused:
            _note(f"Refused by the server for {organisation} ({addresses.get(organisation, '')}): {reason}")
        raise MailFailed(
            str(server),
            f"refused {len(result.refused)} of the {what}; the others were sent",
            sent=result.sent,
        )


def _listed(ids: tuple[str, ...] | list[str], most: int = 20) -> str:
    shown = ", ".join(ids[:most])
    return shown + (f" and {len(ids) - most} more" if len(ids) > most else "")


def _note(text: str) -> None:
    support.err().print(text, markup=False, soft_wrap=True)
