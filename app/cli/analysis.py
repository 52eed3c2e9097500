"""The analysis commands: ``ketenkaart analyse`` and ``ketenkaart report``.

Both read one snapshot from the store, and the survey rounds with their answers, project
it with the chosen layers and periods, and hand it all to ``graph.analysis`` as plain
records; this module only parses options and prints. The
analytics are imported when a command runs, so that ``ketenkaart --help`` stays fast.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any, TypeVar

import click

from app.cli import options as support
from app.cli.options import database_option, text_table
from app.collector import kept_records, rare_collections
from app.survey.reading import Surveys, read_surveys
from graph.errors import ConfigError
from graph.layers import LAYER_NAMES, Layers
from graph.model import Ecosystem, Scope
from graph.periods import Period, PeriodRange
from graph.taxonomy import Language

__all__ = ["Surveys", "analyse_command", "coffee_command", "parse_layers", "read_surveys", "report_command"]

F = TypeVar("F", bound=Callable[..., Any])


def _period(_ctx: click.Context, _param: click.Parameter, value: str | None) -> Period | None:
    if value is None:
        return None
    try:
        return Period.parse(value)
    except ValueError as exc:
        raise click.BadParameter(str(exc)) from exc


def analysis_options(command: F) -> F:
    """Options shared by ``analyse`` and ``report``: layers, periods, seed, language."""
    options = [
        click.option(
            "--layers",
            "-l",
            multiple=True,
            metavar="LAYER[,LAYER]",
            help=f"Ties to include: {', '.join(LAYER_NAMES)} (default: all).",
        ),
        click.option(
            "--from",
            "start",
            callback=_period,
            metavar="PERIOD",
            help="First period, YYYY-MM or YYYY-Qn (default: the first).",
        ),
        click.option(
            "--to", "end", callback=_period, metavar="PERIOD", help="Last period (default: the last)."
        ),
        click.option("--seed", default=0, show_default=True, help="Same seed, same output."),
        click.option(
            "--lang",
            type=click.Choice(["nl", "en"]),
            default="nl",
            show_default=True,
            help="Language of reasons and labels.",
        ),
        database_option,
    ]
    for option in reversed(options):
        command = option(command)
    return command


def parse_layers(values: Sequence[str]) -> Layers:
    names = [name for value in values for name in value.split(",")]
    try:
        return Layers.parse(names) if names else Layers()
    except ValueError as exc:
        raise ConfigError(str(exc)) from exc


def _snapshot(database: str | None, periods: PeriodRange) -> tuple[Ecosystem, Surveys]:
    """The snapshot for ``periods`` and the equal range before it (which ``change`` compares
    with), and the survey rounds with their answers."""
    with support.store(database, warn_empty=True) as store, kept_records():
        return store.snapshot(Scope(periods=periods.with_previous())), read_surveys(store)


def _run(
    database: str | None, layers: Sequence[str], start: Period | None, end: Period | None, seed: int
) -> dict[str, Any]:
    from graph.analysis import analyse  # noqa: PLC0415

    periods = PeriodRange(start, end)
    eco, surveys = _snapshot(database, periods)
    with rare_collections():
        return analyse(
            eco,
            layers=parse_layers(layers),
            periods=periods,
            seed=seed,
            rounds=surveys.rounds,
            responses=surveys.responses,
        )


_JSON_PIECE_ITEMS = 10_000
"""Items of a long list encoded at a time by :func:`_json_pieces`."""


def _json_pieces(value: Any, encode: Callable[[Any], str], depth: int = 2) -> Iterator[str]:
    """The text ``encode(value)`` in pieces, for printing without holding it all at once.

    ``encode`` is a ``json.JSONEncoder``'s ``encode`` with the default separators. Objects
    with text keys are split down to ``depth`` levels, and lists longer than
    ``_JSON_PIECE_ITEMS`` into runs of that many items: at 50k organisations the whole text
    is 117 MB, kept twice over when printed in one piece (as text and as bytes).

    >>> encode = json.JSONEncoder().encode
    >>> value = {"a": [1, 2.5, None], "b": {"c": "d"}, "e": {1: 2}, "f": list(range(25_000))}
    >>> "".join(_json_pieces(value, encode)) == encode(value)
    True
    """
    if depth and isinstance(value, dict) and value and all(isinstance(key, str) for key in value):
        yield "{"
        for i, (key, item) in enumerate(value.items()):
            yield f"{', ' if i else ''}{encode(key)}: "
            yield from _json_pieces(item, encode, depth - 1)
        yield "}"
    elif isinstance(value, list) and len(value) > _JSON_PIECE_ITEMS:
        yield "["
        for start in range(0, len(value), _JSON_PIECE_ITEMS):
            yield f"{', ' if start else ''}{encode(value[start : start + _JSON_PIECE_ITEMS])[1:-1]}"
        yield "]"
    else:
        yield encode(value)


@click.command("analyse")
@analysis_options
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object (see docs/analytics.md).")
@click.option("--top", default=10, show_default=True, help="Rows per table in the summary.")
def analyse_command(
    database: str | None,
    layers: Sequence[str],
    start: Period | None,
    end: Period | None,
    seed: int,
    lang: Language,
    as_json: bool,
    top: int,
) -> None:
    """Analyse the ecosystem: density, silos, bottlenecks, missing links and gaps."""
    result = _run(database, layers, start, end, seed)
    if as_json:
        # plain data from graph.analysis holds no reference cycles: skip json's check for them
        encoder = json.JSONEncoder(ensure_ascii=False, check_circular=False)
        for piece in _json_pieces(result, encoder.encode):
            click.echo(piece, nl=False)
        click.echo()
        return
    _print_summary(result, lang, top)


@click.command("report")
@click.argument("out", type=click.Path(dir_okay=False, path_type=Path))
@analysis_options
@click.option("--title", default="", help="Title of the report (default: Ketenkaart-rapport).")
def report_command(
    out: Path,
    database: str | None,
    layers: Sequence[str],
    start: Period | None,
    end: Period | None,
    seed: int,
    lang: Language,
    title: str,
) -> None:
    """Write a self-contained HTML report of the whole analysis, with its tables as CSV."""
    from app.report.html import write_report  # noqa: PLC0415
    from graph.analysis import analyse  # noqa: PLC0415
    from graph.needs import needs_vs_coverage  # noqa: PLC0415
    from graph.project import organisation_graph  # noqa: PLC0415

    periods, chosen = PeriodRange(start, end), parse_layers(layers)
    snapshot, surveys = _snapshot(database, periods)
    result = analyse(
        snapshot,
        layers=chosen,
        periods=periods,
        seed=seed,
        rounds=surveys.rounds,
        responses=surveys.responses,
    )
    needs = needs_vs_coverage(snapshot, organisation_graph(snapshot, layers=chosen, periods=periods))
    written = write_report(result, out, title=title, lang=lang, needs=needs, areas=snapshot.areas)
    support.say(f"Report written to {out} ({len(written) - 1} tables as CSV in {written[1].parent})")


@click.command("coffee")
@click.argument("organisation")
@click.option(
    "--with", "other", metavar="ORGANISATION", help="Print a briefing card for a meeting with this one."
)
@click.option("--top", default=5, show_default=True, help="How many suggestions.")
@analysis_options
def coffee_command(
    organisation: str,
    other: str | None,
    top: int,
    database: str | None,
    layers: Sequence[str],
    start: Period | None,
    end: Period | None,
    seed: int,
    lang: Language,
) -> None:
    """Whom ORGANISATION (an id) should meet for coffee, and why; or a briefing for one meeting."""
    del seed  # accepted for symmetry with analyse; suggestions do not sample
    from graph.coffee import briefing, suggest_meetings  # noqa: PLC0415
    from graph.project import organisation_graph  # noqa: PLC0415

    periods = PeriodRange(start, end)
    with support.store(database, warn_empty=True) as store:
        eco = store.snapshot(Scope(periods=periods))
    graph = organisation_graph(eco, layers=parse_layers(layers), periods=periods)
    for wanted in (organisation, other):
        if wanted is not None and wanted not in graph:
            raise ConfigError(f"no organisation with id {wanted!r}; find ids with: ketenkaart search NAME")
    names = {a.code: a.name for a in eco.areas}
    if other is None:
        meetings = suggest_meetings(graph, organisation, top=top, area_names=names)
        rows = [
            [
                s.other(organisation),
                graph.nodes[s.other(organisation)]["name"],
                f"{s.score:.2f}",
                "; ".join(r.text(lang) for r in s.reasons),
            ]
            for s in meetings
        ]
        support.out().print(
            text_table(
                f"Koffie / coffee: {graph.nodes[organisation]['name']}",
                ["id", "organisation", "score", "why"],
                rows,
            )
        )
        return
    card = briefing(graph, organisation, other, eco=eco, periods=periods, area_names=names)
    _print_briefing(card, graph, names, lang)


def _print_briefing(card: Any, graph: Any, area_names: dict[str, str], lang: Language) -> None:
    def name(node: str) -> str:
        return str(graph.nodes[node].get("name", node))

    a, b = card.names
    lines = [
        ("met / with", f"{card.names[0]}  &  {card.names[1]}"),
        ("al verbonden / tied", "ja / yes" if card.tied else "nee / no"),
        ("gedeelde partners / shared partners", ", ".join(name(p) for p in card.shared_partners) or "-"),
        ("gedeelde wijken / shared areas", ", ".join(area_names.get(c, c) for c in card.shared_areas) or "-"),
        ("route", " -> ".join(name(p) for p in card.path) or "-"),
        ("afspraken / agreements", ", ".join(card.joint_agreements or ()) or "-"),
        ("verwijzingen / referrals", f"{a} -> {b}: {card.a_to_b}; {b} -> {a}: {card.b_to_a}"),
        ("waarom / why", "; ".join(r.text(lang) for r in card.reasons) or "-"),
    ]
    support.out().print(text_table("Briefing", ["", ""], [[k, v] for k, v in lines]))


def _print_summary(result: dict[str, Any], lang: Language, top: int) -> None:
    from rich.text import Text  # noqa: PLC0415 - the terminal library only where it prints

    console = support.out()
    scope = result["scope"]
    console.print(
        Text(
            f"{scope['organisations']} organisations, {scope['ties']} ties "
            f"({', '.join(scope['layers'])}; periods {scope['periods']})",
            style="bold",
        )
    )
    figures = {
        "density": result["density"],
        "E-I index": result["ei_index"],
        "silo index": result["silo_index"],
    }
    console.print("  ".join(f"{k} {v:.3f}" for k, v in figures.items() if v is not None))
    nodes = sorted(result["nodes"], key=lambda n: -n["betweenness"])[:top]
    names = {n["id"]: n["name"] for n in result["nodes"]}
    console.print(
        text_table(
            "Bottlenecks (betweenness)",
            ["organisation", "betweenness", "constraint", "cut point"],
            [
                [
                    n["name"],
                    f"{n['betweenness']:.3f}",
                    _number(n["constraint"]),
                    "yes" if n["articulation_point"] else "",
                ]
                for n in nodes
            ],
        )
    )
    for title, key in (("Kennismaken: missing links", "suggestions"), ("Afstemmen: overlaps", "overlaps")):
        console.print(
            text_table(
                title,
                ["organisations", "score", "introducer", "why"],
                [
                    [
                        f"{names.get(s['source'], s['source'])} - {names.get(s['target'], s['target'])}",
                        f"{s['score']:.2f}",
                        names.get(s["introducer"], "") if s.get("introducer") else "",
                        "; ".join(r[lang] for r in s["reasons"]),
                    ]
                    for s in result.get(key, [])[:top]
                ],
            )
        )
    gaps = ", ".join(f"{name.replace('_', ' ')} {len(rows)}" for name, rows in result["gaps"].items())
    console.print(Text(f"Gaps and signals: {gaps}"))
    survey = result.get("survey")
    if survey:
        response, mutual = survey["response"], survey["reciprocity"]
        console.print(
            Text(
                f"Survey {survey['round']}: {response['responded']} of {response['invited']} answered; "
                f"{mutual['mutual']} ties named by both, {mutual['one_sided']} by one; "
                f"{len(survey['gap']['rejected'])} data ties rejected, {len(survey['gap']['unseen'])} "
                f"reported ties not in the data; {len(response['warnings'])} response warnings"
            )
        )


def _number(value: float | None) -> str:
    return "" if value is None else f"{value:.3f}"
