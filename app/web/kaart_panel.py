"""The map's side panel: one organisation's profile, partners, agreements, flows, coffee.

A plain function of :class:`app.present.kaart.PanelData`, which already holds only what the
viewer may see (no referral counts of other organisations for partners; their own
counts built from rounded per-month cells, ``"<5"`` when nothing is left; see
:mod:`app.access`). All text is passed to Dash components as text, so names are escaped.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, Final, cast

from dash import html

from app.i18n import LABELS, MEASURES, Texts, language
from app.present.common import SECTOR_COLOURS, sector_label
from app.present.kaart import Comparison, Flow, PanelData

__all__ = ["T", "compare_panel", "empty_panel", "panel"]

T: Final = Texts(
    {
        "choose": (
            "Klik op een organisatie op de kaart, of zoek haar op, om hier haar profiel te zien.",
            "Click an organisation on the map, or search for it, to see its profile here.",
        ),
        "unknown": (
            "Deze organisatie is niet (meer) bekend.",
            "This organisation is not (or no longer) known.",
        ),
        "not-in-filter": (
            "Deze organisatie valt buiten het huidige filter; partners en suggesties ontbreken daarom.",
            "This organisation is outside the current filter, so partners and suggestions are missing.",
        ),
        "wijken": ("Wijken", "Districts"),
        "capacity": ("Capaciteit (verwijzingen per maand)", "Capacity (referrals a month)"),
        "unknown-capacity": ("onbekend", "unknown"),
        "partners": ("Samenwerkingspartners", "Partners"),
        "no-partners": ("Geen samenwerkingen in dit filter.", "No ties in this filter."),
        "agreements": ("Afspraken", "Agreements"),
        "no-agreements": ("Geen afspraken.", "No agreements."),
        "ended": ("niet in de gekozen periode", "not in the chosen period"),
        "flows-in": ("Verwijzingen ontvangen van", "Referrals received from"),
        "flows-out": ("Verwijzingen gestuurd naar", "Referrals sent to"),
        "no-flows": ("Geen verwijzingen in deze periode.", "No referrals in this period."),
        "flows-hidden": (
            "Verwijsaantallen van andere organisaties zijn niet zichtbaar voor uw rol.",
            "Referral counts of other organisations are not visible to your role.",
        ),
        "coffee": ("Op de koffie bij", "Meet for coffee"),
        "no-coffee": ("Geen suggesties.", "No suggestions."),
        "no-coffee-partner": (
            "Geen suggesties. Op uw kaart tellen alleen afspraken, gedeelde professionals en gemelde"
            " samenwerkingen, niet de verwijzingen van anderen: met weinig van die banden zijn er geen"
            " gedeelde partners die een kennismaking kunnen leggen.",
            "No suggestions. Your map counts agreements, shared professionals and reported ties, not"
            " the referrals of others: with few such ties there are no shared partners to make an"
            " introduction.",
        ),
        "overlaps": ("Afstemmen met (zelfde sector)", "Coordinate with (same sector)"),
        "coffee-link": ("Naar de koffiepagina", "To the coffee page"),
        "compare": ("{n} organisaties vergeleken", "{n} organisations compared"),
        "members": ("Geselecteerd (partners)", "Selected (partners)"),
        "among": ("Samenwerkingen onderling", "Ties among them"),
        "no-among": ("Ze werken niet rechtstreeks samen.", "They do not work together directly."),
        "shared": ("Gedeelde partners (met hoeveel van hen)", "Shared partners (with how many of them)"),
        "no-shared": ("Geen gedeelde partners.", "No shared partners."),
        "reach": (
            "Samen bereiken ze {n} andere organisaties en bedienen ze {w} wijken.",
            "Together they reach {n} other organisations and serve {w} districts.",
        ),
    }
)
_MAX_LISTED: Final = 25


def empty_panel(lang: object) -> html.Div:
    """The panel before anything is selected."""
    return html.Div(html.P(T("choose", lang), className="explain"), className="panel-empty")


def _kinds(kinds: Sequence[str], lang: object) -> str:
    return ", ".join(LABELS(f"layer-{kind}", lang).lower() for kind in kinds)


def _listing(rows: Sequence[Any], empty: str) -> html.Ul | html.P:
    if not rows:
        return html.P(empty, className="explain")
    return html.Ul(
        list(rows[:_MAX_LISTED]) + ([html.Li("…")] if len(rows) > _MAX_LISTED else []), className="panel-list"
    )


def _flows(title: str, flows: Sequence[Flow] | None, lang: object, section: str) -> list[Any]:
    if flows is None:
        return []
    rows = [html.Li([html.Span(f.name), " ", html.Span(str(f.count), className="count")]) for f in flows]
    return [html.H3(title), html.Div(_listing(rows, T("no-flows", lang)), className=f"panel-{section}")]


def _profile(data: PanelData, lang: object, area_names: Mapping[str, str]) -> list[Any]:
    capacity = str(data.capacity) if data.capacity is not None else T("unknown-capacity", lang)
    colour = SECTOR_COLOURS.get(data.sector, "#c8c8c8")
    return [
        html.H2(data.name, className="panel-name"),
        html.P(
            [
                html.Span(className="swatch", style={"background": colour}),
                sector_label(data.sector, language(lang)),
            ]
        ),
        html.Dl(
            [
                html.Dt(T("wijken", lang)),
                html.Dd(", ".join(area_names.get(w, w) for w in data.wijken) or "-"),
                html.Dt(T("capacity", lang)),
                html.Dd(capacity),
            ],
            className="panel-profile",
        ),
    ]


def panel(
    data: PanelData | None, lang: object, area_names: Mapping[str, str], *, own_counts_only: bool = False
) -> html.Div:
    """The side panel for ``data`` (``None``: an unknown organisation).

    ``own_counts_only`` (partners): when the flows are hidden, or there are no coffee
    suggestions, say why (a partner's graph has no referral layer).
    """
    if data is None:
        return html.Div(html.P(T("unknown", lang), className="notice"), className="panel-body")
    partners = [
        html.Li([html.Span(p.name), html.Span(f" ({_kinds(p.kinds, lang)})", className="kinds")])
        for p in data.partners
    ]
    agreements = [
        html.Li([name, *([html.Span(f" ({T('ended', lang)})", className="kinds")] if not active else [])])
        for name, active in data.agreements
    ]
    coffee, overlaps = (
        [
            html.Li(
                [html.Strong(name), html.Br(), html.Span(reasons, className="reasons")],
                className="coffee-item",
            )
            for _, name, reasons in found
        ]
        for found in (data.suggestions, data.overlaps)
    )
    hidden = (
        [html.P(T("flows-hidden", lang), className="explain panel-flows-hidden")]
        if data.flows_in is None and own_counts_only
        else []
    )
    return html.Div(
        [
            *_profile(data, lang, area_names),
            *([html.P(T("not-in-filter", lang), className="notice")] if not data.in_filter else []),
            html.H3(f"{T('partners', lang)} ({len(data.partners)})"),
            html.P(MEASURES["degree"].meaning(lang), className="explain"),
            _listing(partners, T("no-partners", lang)),
            html.H3(T("agreements", lang)),
            _listing(agreements, T("no-agreements", lang)),
            *_flows(T("flows-in", lang), data.flows_in, lang, "flows-in"),
            *_flows(T("flows-out", lang), data.flows_out, lang, "flows-out"),
            *hidden,
            html.H3(T("coffee", lang)),
            _listing(coffee, T("no-coffee-partner" if own_counts_only else "no-coffee", lang)),
            *([html.H3(T("overlaps", lang)), _listing(overlaps, "")] if overlaps else []),
        ],
        className="panel-body",
        **cast(dict[str, Any], {"data-organisation": data.id}),
    )


def compare_panel(data: Comparison, lang: object) -> html.Div:
    """The side panel comparing several box-selected organisations."""
    members = [
        html.Li([html.Span(name), html.Span(f" ({k})", className="kinds")]) for _, name, k in data.members
    ]
    among = [html.Li(f"{a} – {b}") for a, b in data.ties]
    shared = [
        html.Li([html.Span(name), " ", html.Span(str(k), className="count")]) for name, k in data.shared
    ]
    return html.Div(
        [
            html.H2(T("compare", lang).format(n=len(data.members)), className="panel-name"),
            html.P(T("reach", lang).format(n=data.reach, w=data.wijken), className="panel-reach"),
            html.H3(T("members", lang)),
            _listing(members, ""),
            html.H3(T("among", lang)),
            _listing(among, T("no-among", lang)),
            html.H3(T("shared", lang)),
            _listing(shared, T("no-shared", lang)),
        ],
        className="panel-body panel-compare",
    )
