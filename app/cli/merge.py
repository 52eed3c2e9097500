"""The ``ketenkaart merge`` command, and the duplicate notice every import prints.

``ketenkaart merge`` lists organisations that are probably the same
(``graph.duplicates``); ``ketenkaart merge KEEP DROP`` merges one into the other
(``graph.merge``) after showing what will move and asking. The merged ecosystem is
written in one transaction through ``loaders.load.write_checked``, replacing the
store's content. Nothing is ever merged without that command.
``ketenkaart merge A B --not-same`` remembers that A and B are different organisations
(``Store.decide_pair``): the pair is never listed again, here or in the app.
"""

from __future__ import annotations

import hashlib
from collections.abc import Collection, Mapping, Sequence
from typing import TYPE_CHECKING

import click
from rich.console import Console
from rich.table import Table
from rich.text import Text

from app.cli import options as support
from app.cli.options import database_option, text_table
from graph.duplicates import DuplicateCandidate, probable_duplicates
from graph.errors import ConfigError
from graph.merge import MergeResult, MergeSummary, merge_organisations
from graph.model import Ecosystem
from graph.taxonomy import Language

if TYPE_CHECKING:
    from queries.base import Store

__all__ = ["duplicates_table", "merge_command", "print_duplicates", "print_merge_summary"]

_LIMIT = 50


def print_duplicates(
    console: Console, store: Store, new_ids: Collection[str], *, language: Language = "nl"
) -> int:
    """After an import: list organisations among ``new_ids`` that look like others in the store.

    Prints "N organisations look like ones already known; review with `ketenkaart merge`"
    and a table, or nothing when there are none. Returns N.
    """
    eco = store.snapshot()
    new = frozenset(new_ids)
    candidates = probable_duplicates(
        eco.organisations, among=new, place_names=_place_names(eco), decisions=store.pair_decisions()
    )
    involved = {i for c in candidates for i in (c.first, c.second) if i in new}
    if not involved:
        return 0
    count = len(involved)
    what = "organisation looks like one" if count == 1 else "organisations look like ones"
    console.print(Text(f"{count} {what} already known; review with `ketenkaart merge`", style="yellow"))
    console.print(duplicates_table(candidates[:_LIMIT], _names(eco), language))
    _more(console, len(candidates))
    return count


def duplicates_table(
    candidates: Sequence[DuplicateCandidate], names: Mapping[str, str], language: Language = "nl"
) -> Table:
    """The candidates as a table: both ids and names, the reasons, the suggestion."""
    rows = (
        (
            c.first,
            names.get(c.first, ""),
            c.second,
            names.get(c.second, ""),
            "; ".join(r.text(language) for r in c.reasons),
            _suggestion(c),
        )
        for c in candidates
    )
    columns = ("first", "name", "second", "name ", "reasons", "suggestion")
    return text_table("Probable duplicates", columns, rows)


def _suggestion(c: DuplicateCandidate) -> str:
    if c.suggestion == "set_parent":
        return f"set_parent: parent_id of {c.second} = {c.first} (in the input files)"
    return f"merge: ketenkaart merge {c.first} {c.second}"


def _more(console: Console, total: int) -> None:
    if total > _LIMIT:
        console.print(f"... and {total - _LIMIT} more; `ketenkaart merge` lists them all")


def _names(eco: Ecosystem) -> dict[str, str]:
    return {o.id: o.name for o in eco.organisations}


def _place_names(eco: Ecosystem) -> list[str]:
    return [area.name for area in eco.areas]


def print_merge_summary(console: Console, result: MergeResult, names: Mapping[str, str]) -> None:
    """What a merge moves, as a two-column table."""
    s = result.summary
    table = Table(title=f"Merge {s.drop} ({names[s.drop]}) into {s.keep} ({names[s.keep]})")
    table.add_column("what")
    table.add_column("", overflow="fold")
    for label, value in _summary_rows(s):
        table.add_row(Text(label), Text(value))
    console.print(table)


def _summary_rows(s: MergeSummary) -> list[tuple[str, str]]:
    rows = [
        ("employments moved", f"{s.employments_moved} ({s.employments_combined} at both: fte added up)"),
        ("agreements repointed", str(s.agreements_repointed)),
        ("referral flows repointed", f"{s.flows_repointed} ({s.flows_combined} added to an equal flow)"),
        ("flows between the two dropped", f"{s.self_flows_dropped} ({s.self_referrals_dropped} referrals)"),
        ("children repointed", ", ".join(s.children_repointed) or "none"),
        ("areas added", ", ".join(s.areas_added) or "none"),
        ("expertise added", ", ".join(s.expertise_added) or "none"),
        ("details taken over", ", ".join(s.fields_filled) or "none"),
    ]
    if s.fte_capped:
        rows.insert(1, ("fte capped at 1.0", str(s.fte_capped)))
    return rows


@click.command("merge")
@click.argument("keep", required=False)
@click.argument("drop", required=False)
@database_option
@click.option("--dry-run", is_flag=True, help="Show what would move; write nothing.")
@click.option("--yes", "-y", is_flag=True, help="Merge without asking for confirmation.")
@click.option(
    "--not-same",
    is_flag=True,
    help="Merge nothing: remember that the two are different organisations, so the pair is not listed again.",
)
@click.option(
    "--lang", type=click.Choice(["nl", "en"]), default="nl", show_default=True, help="Language of reasons."
)
def merge_command(
    keep: str | None,
    drop: str | None,
    database: str | None,
    dry_run: bool,
    yes: bool,
    not_same: bool,
    lang: Language,
) -> None:
    """List probable duplicates, or merge organisation DROP into KEEP (ids).

    Without arguments: list organisations that are probably the same, with reasons and a
    suggestion. With KEEP and DROP: show what will move, ask, then write in one
    transaction. A merge is not remembered: loading a source that still holds DROP
    brings it back. With --not-same: remember that the two are different organisations.
    """
    if keep is None:
        with support.store(database) as store:
            _list(store, lang)
        return
    if drop is None:
        raise click.UsageError("give two ids, KEEP and DROP, or none to list probable duplicates")
    with support.store(database) as store:
        if not_same:
            _not_same(store, keep, drop)
            return
        _merge(store, keep, drop, dry_run=dry_run, yes=yes)


def _not_same(store: Store, first: str, second: str) -> None:
    from datetime import UTC, datetime  # noqa: PLC0415

    from graph.survey import PairDecision  # noqa: PLC0415

    known = store.known_ids().organisations
    if missing := [i for i in (first, second) if i not in known]:
        raise click.BadParameter(f"no organisation with id {', '.join(missing)}")
    if first == second:
        raise click.BadParameter("give two different organisations")
    at = datetime.now(UTC).isoformat(timespec="seconds")
    store.decide_pair(PairDecision(first, second, same=False, by=_who(), at=at))
    support.say(f"Remembered: {first} and {second} are different organisations; not listed again.")


def _who() -> str:
    """The analyst at the command line: the operating system's user name, if there is one."""
    import getpass  # noqa: PLC0415

    try:
        return getpass.getuser()
    except (OSError, KeyError):  # no user name in the environment or the password database
        return "command line"


def _list(store: Store, lang: Language) -> None:
    eco = store.snapshot()
    candidates = probable_duplicates(
        eco.organisations, place_names=_place_names(eco), decisions=store.pair_decisions()
    )
    out = support.out()
    if not candidates:
        out.print("No probable duplicates found.")
        return
    out.print(duplicates_table(candidates, _names(eco), lang))
    out.print(Text(f"{len(candidates)} pairs. Merge one with: ketenkaart merge KEEP DROP"))


def _merge(store: Store, keep: str, drop: str, *, dry_run: bool, yes: bool) -> None:
    from loaders.load import Checked, write_checked  # noqa: PLC0415
    from loaders.report import LoadReport  # noqa: PLC0415

    revision = store.revision()
    eco = store.snapshot()
    try:
        result = merge_organisations(eco, keep, drop)
    except ConfigError as exc:
        raise click.BadParameter(str(exc)) from exc
    out = support.out()
    print_merge_summary(out, result, _names(eco))
    if dry_run:
        out.print("Dry run: nothing written.")
        return
    if not yes and not click.confirm(f"Merge {drop} into {keep}? {drop} disappears", default=False):
        out.print("Not merged: nothing written.")
        return
    fingerprint = hashlib.sha256(f"merge:{keep}:{drop}:{revision}".encode()).hexdigest()
    checked = Checked(
        LoadReport(f"merge {keep} {drop}"),
        result.ecosystem,
        fingerprint,
        (f"merge: kept {keep}, dropped {drop}",),
    )
    write_checked(
        checked, store, source=f"ketenkaart merge {keep} {drop}", replace=True, expected_revision=revision
    )
    before, after = eco.counts(), result.ecosystem.counts()
    support.say(
        f"Merged {drop} into {keep} in one transaction: organisations {before.organisations:,} -> "
        f"{after.organisations:,}, referrals {before.referrals:,} -> {after.referrals:,}.\n"
        f"A merge is not remembered: loading a source that still holds {drop} brings it back."
    )
