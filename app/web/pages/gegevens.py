"""Gegevens: what the store holds, its load log, and loading new files (analysts only).

Uploading runs the loaders' check (a dry run that writes nothing) and shows the same
report rows as ``ketenkaart check``; the confirm button is enabled only when the dry run
found no errors, and loading then shows what changed. After a load the store's revision
changes, so every page's memoised results are fresh at once. Every callback checks the
viewer is an analyst. The work is done in :mod:`app.present.gegevens`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Final

from dash import Input, Output, State, dcc, html
from dash.development.base_component import Component
from dash.exceptions import PreventUpdate

from app.access import Viewer
from app.i18n import LABELS, Language, Texts, language
from app.present.formatting import count
from app.present.gegevens import (
    MAX_BYTES,
    DryRun,
    change_rows,
    confirm,
    count_rows,
    file_rows,
    load_rows,
    receive,
    report_rows,
)
from app.present.isolation import Limits
from app.web import ids
from app.web.auth import require_viewer
from app.web.services import Services, services
from app.web.tables import table
from app.web.wiring import callback, clientside
from graph.errors import LoadError
from loaders.report import LoadReport
from queries.base import ApplyResult, Store

__all__ = ["T", "changes_view", "layout", "load_upload", "overview", "report_view", "upload"]

D = ids.Gegevens
S = ids.Shell

T: Final = Texts(
    {
        "title": ("Gegevens", "Data"),
        "explain": (
            "Wat er geladen is, en nieuwe bestanden laden. Gebruik dezelfde bestanden als "
            "ketenkaart load: een map CSV-bestanden (organisations.csv, professionals.csv, ...) "
            "of één Excel-werkmap. Eerst wordt alles gecontroleerd; "
            "er wordt pas iets geschreven als u bevestigt.",
            "What is loaded, and loading new files. Use the same files as ketenkaart load: CSV files "
            "(organisations.csv, professionals.csv, ...) or one Excel workbook. Everything is checked "
            "first; nothing is written until you confirm.",
        ),
        "loaded": ("Wat is geladen", "What is loaded"),
        "log": ("Laadlog", "Load log"),
        "no-loads": ("Er is nog niets geladen.", "Nothing has been loaded yet."),
        "upload": ("Bestanden laden", "Load files"),
        "drop": (
            "Sleep CSV-bestanden of een Excel-werkmap hierheen, of klik om te kiezen",
            "Drop CSV files or an Excel workbook here, or click to choose",
        ),
        "confirm": ("Laden bevestigen", "Confirm load"),
        "files-read": ("Gelezen bestanden", "Files read"),
        "problems": ("Problemen", "Problems"),
        "valid": (
            "Geen fouten gevonden. Dit zou worden geladen; bevestig om het te schrijven.",
            "No errors found. This would be loaded; confirm to write it.",
        ),
        "invalid": (
            "{errors} gevonden; er wordt niets geschreven. Verbeter de bestanden en laad ze opnieuw.",
            "{errors} found; nothing will be written. Fix the files and upload them again.",
        ),
        "would-load": ("Wat geladen zou worden", "What would be loaded"),
        "would-load-explain": (
            "Per soort: hoeveel de bestanden bevatten en hoeveel daarvan nieuw zijn; de rest werkt bestaande "
            "gegevens bij (of verandert niets als ze gelijk zijn).",
            "Per kind: how many the files hold and how many of them are new; the rest updates what is stored "
            "(or changes nothing when it is the same).",
        ),
        "new": ("Nieuw", "New"),
        "written": ("Geladen: {rows} gewijzigd.", "Loaded: {rows} changed."),
        "no-changes": (
            "Geen wijzigingen: de database bevatte precies deze gegevens al.",
            "No changes: the store already held exactly these records.",
        ),
        "severity": ("Soort", "Severity"),
        "error": ("fout", "error"),
        "warning": ("waarschuwing", "warning"),
        "file": ("Bestand", "File"),
        "row": ("Rij", "Row"),
        "column": ("Kolom", "Column"),
        "code": ("Code", "Code"),
        "message": ("Melding", "Message"),
        "table": ("Tabel", "Table"),
        "rows": ("Rijen", "Rows"),
        "encoding": ("Codering", "Encoding"),
        "separator": ("Scheidingsteken", "Separator"),
        "records": ("Soort gegevens", "Records"),
        "count": ("Aantal", "Count"),
        "changed": ("Gewijzigd", "Changed"),
        "loaded_at": ("Geladen op", "Loaded at"),
        "files": ("Bestanden", "Files"),
        "fingerprint": ("Vingerafdruk", "Fingerprint"),
        "organisations": ("Organisaties", "Organisations"),
        "professionals": ("Professionals", "Professionals"),
        "agreements": ("Afspraken", "Agreements"),
        "referral_flows": ("Verwijsregels", "Referral rows"),
    }
)

_REPORT_COLUMNS: Final = ("severity", "file", "row", "column", "code", "message")
_FILE_COLUMNS: Final = ("file", "table", "rows", "encoding", "separator")
_LOAD_COLUMNS: Final = (
    "loaded_at",
    "files",
    "fingerprint",
    "organisations",
    "professionals",
    "agreements",
    "referral_flows",
)


def _errors(n: int, lang: Language) -> str:
    return count(n, *(("fout", "fouten") if lang == "nl" else ("error", "errors")), lang)


def _rows(n: int, lang: Language) -> str:
    return count(n, *(("rij", "rijen") if lang == "nl" else ("row", "rows")), lang)


def _columns(names: tuple[str, ...], lang: Language) -> list[tuple[str, str]]:
    return [(name, T(name, lang)) for name in names]


def _analyst() -> Viewer:
    viewer = require_viewer()
    if not viewer.is_analyst:
        raise PermissionError("the data page is for analysts")
    return viewer


def _root(deps: Services) -> Path:
    return deps.settings.data_dir / "uploads"


def _reading(deps: Services) -> dict[str, Any]:
    """How uploads are read: the limits and the pseudonym key of the settings."""
    settings = deps.settings
    key = settings.pseudonym_key.get_secret_value() if settings.pseudonym_key else None
    memory = settings.upload_memory_mb * 1024 * 1024
    limits = Limits(seconds=settings.upload_seconds, memory=memory, read=settings.read_limits())
    return {"limits": limits, "pseudonym_key": key}


def _listed(value: object) -> list[object]:
    if value is None:
        return []
    return list(value) if isinstance(value, list | tuple) else [value]


def overview(store: Store, lang: Language) -> list[Component]:
    """What the store holds and the load log, newest first."""
    records = store.loads()
    log: Component = html.P(T("no-loads", lang), className="notice")
    if records:
        log = table(D.LOADS_TABLE, load_rows(records, lang), _columns(_LOAD_COLUMNS, lang), lang)
    counts = table(
        D.COUNTS_TABLE, count_rows(store.counts(), lang), _columns(("records", "count"), lang), lang
    )
    return [counts, html.H3(T("log", lang)), log]


def layout(lang: Language, viewer: Viewer) -> html.Div:
    """The page, fresh per visit (the router opens it for analysts only)."""
    if not viewer.is_analyst:
        return html.Div(html.P(LABELS("forbidden", lang), className="notice"), id=D.PAGE)
    return html.Div(
        [
            html.H1(T("title", lang)),
            html.P(T("explain", lang), className="explain"),
            html.H2(T("loaded", lang)),
            html.Div(overview(services().store, lang), id=D.OVERVIEW),
            html.H2(T("upload", lang)),
            dcc.Upload(
                html.Div(T("drop", lang)),
                id=D.UPLOAD,
                multiple=True,
                accept=".csv,.xlsx",
                max_size=MAX_BYTES,
                className="gegevens-upload",
            ),
            dcc.Store(id=D.UPLOAD_KEY),
            html.Div(id=D.REPORT, className="gegevens-report"),
            html.Button(
                T("confirm", lang), id=D.CONFIRM, n_clicks=0, disabled=True, className="gegevens-confirm"
            ),
            html.Div(id=D.RESULT, className="gegevens-result"),
        ],
        id=D.PAGE,
        className="gegevens-page",
    )


def _problems(report: LoadReport, lang: Language) -> list[Component]:
    rows = report_rows(report, lang)
    if not rows:
        return []
    shown = [{**row, "severity": T(row["severity"], lang)} for row in rows]
    return [
        html.H3(T("problems", lang)),
        table(D.REPORT_TABLE, shown, _columns(_REPORT_COLUMNS, lang), lang),
    ]


def report_view(checked: DryRun, lang: Language) -> list[Component]:
    """The dry run: the verdict, the files read, the problems and what would be loaded."""
    report = checked.report
    verdict = (
        T("valid", lang)
        if checked.ok
        else T("invalid", lang).format(errors=_errors(max(len(report.errors), 1), lang))
    )
    parts: list[Component] = [html.P(verdict, className="gegevens-ok" if checked.ok else "gegevens-invalid")]
    if report.files:
        parts += [
            html.H3(T("files-read", lang)),
            table(D.FILES_TABLE, file_rows(report, lang), _columns(_FILE_COLUMNS, lang), lang),
        ]
    parts += _problems(report, lang)
    if checked.ok and checked.counts is not None:
        rows = count_rows(checked.counts, lang, checked.new)
        parts += [
            html.H3(T("would-load", lang)),
            html.P(T("would-load-explain", lang), className="explain"),
            table(D.BATCH_TABLE, rows, _columns(("records", "count", "new"), lang), lang),
        ]
    return parts


def changes_view(result: ApplyResult | None, lang: Language) -> list[Component]:
    """What a load changed, or that it changed nothing."""
    if result is None or not result.total:
        return [html.P(T("no-changes", lang), className="gegevens-ok")]
    return [
        html.P(T("written", lang).format(rows=_rows(result.total, lang)), className="gegevens-ok"),
        table(D.CHANGES_TABLE, change_rows(result, lang), _columns(("table", "changed"), lang), lang),
    ]


@callback(
    Output(D.REPORT, "children"),
    Output(D.UPLOAD_KEY, "data"),
    Output(D.CONFIRM, "disabled"),
    Output(D.RESULT, "children"),
    Output(D.UPLOAD, "contents"),
    Input(D.UPLOAD, "contents"),
    State(D.UPLOAD, "filename"),
    State(S.LANG, "value"),
    prevent_initial_call=True,
)
def upload(contents: object, filenames: object, lang: object) -> tuple[Any, ...]:
    """Save and check the uploaded files (a dry run); the token is kept only when they may be loaded."""
    _analyst()
    if not contents:
        raise PreventUpdate
    deps, chosen = services(), language(lang)
    checked = receive(_root(deps), _listed(contents), _listed(filenames), deps.store, **_reading(deps))
    token = checked.token if checked.ok else None
    return report_view(checked, chosen), token, not checked.ok, [], None


@callback(
    Output(D.RESULT, "children", allow_duplicate=True),
    Output(D.UPLOAD_KEY, "data", allow_duplicate=True),
    Output(D.CONFIRM, "disabled", allow_duplicate=True),
    Output(D.OVERVIEW, "children"),
    Output(D.REPORT, "children", allow_duplicate=True),
    Input(D.CONFIRM, "n_clicks"),
    State(D.UPLOAD_KEY, "data"),
    State(S.LANG, "value"),
    prevent_initial_call=True,
)
def load_upload(n_clicks: int | None, token: object, lang: object) -> tuple[Any, ...]:
    """Load the checked upload; show what changed (or the report, if it is invalid now)."""
    _analyst()
    if not n_clicks or token is None:
        raise PreventUpdate
    deps, chosen = services(), language(lang)
    try:
        outcome = confirm(_root(deps), token, deps.store, **_reading(deps))
    except LoadError as exc:
        shown = report_view(DryRun(str(token), exc.report, None), chosen)
        return shown, None, True, overview(deps.store, chosen), []
    # the dry run's "confirm to write it" is done with: only the result stays, brought into view
    return changes_view(outcome.result, chosen), None, True, overview(deps.store, chosen), []


clientside(
    """function(children) {
    const result = document.getElementById("gegevens-result");
    if (result && children && children.length) {
        result.scrollIntoView({behavior: "smooth", block: "start"});
    }
    return window.dash_clientside.no_update;
}""",
    Output(D.RESULT, "className"),
    Input(D.RESULT, "children"),
    prevent_initial_call=True,
)
