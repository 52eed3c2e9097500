"""Section 4 of the questionnaire, "Uw gegevens": the partner proposes corrections to its own record.

The section shows the organisation's name, areas served (wijken and buurten picked by name,
kept as codes), expertise and accepted contact address, editable, the proposals still
waiting for the analyst, and the partner's proposals the analyst decided since the round opened
(accepted or rejected, when, and a rejection's reason). "Wijziging voorstellen" checks the
page's CSRF token (403 without it) and the link, like saving does, then sends only the fields
that differ to :func:`app.survey.corrections.propose` (``by="link"``); nothing differs,
nothing is stored. A proposal equal to one still waiting is not stored again: its id is derived from the
organisation, the fields and the state of the organisation's earlier proposals, so even two
presses at the same moment store it once (the store refuses the second id). A refused value's
message goes next to its field. The analyst decides on the Rondes page.

The fields keep what the partner typed when the page is drawn again in the other language
(Dash's ``persistence``, in memory only).
"""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime
from typing import Any, Final, cast

from dash import ALL, Input, Output, State, ctx, dcc, html, no_update
from dash.development.base_component import Component
from dash.exceptions import PreventUpdate

from app.i18n import Language, language
from app.present.enquete import refusal_text
from app.present.enquete_details import (
    FIELDS,
    Decided,
    Details,
    DetailsForm,
    Pending,
    T,
    area_labels,
    changed_fields,
    decided_since,
    detail_error,
    details_form,
    pending_views,
    same_pending,
)
from app.survey import corrections
from app.web import csrf, ids
from app.web.pages.enquete import KIND, PREFIX, checked_link, link_secret_now
from app.web.services import services
from app.web.wiring import callback
from graph.errors import DuplicateKey, InvalidAnswer, LinkRefused
from graph.survey import ChangeStatus, ProposedChange

__all__ = ["decided_list", "details_section", "pending_list", "propose", "section_for"]

E = ids.Enquete
_LIVE: Final[dict[str, Any]] = {"aria-live": "polite"}
_MAX_TYPED: Final = 400
"""Longer than the service allows, so a too-long text gets its message instead of being cut off."""


def _pending(organisation: str) -> list[ProposedChange]:
    changes = services().store.proposed_changes(ChangeStatus.PENDING)
    return [c for c in changes if c.organisation == organisation]


def section_for(organisation: str, lang: Language, opened: str = "") -> html.Section | None:
    """Section 4 for ``organisation`` as it is stored now (``None`` if it is not in the map);
    decisions on its proposals are shown from ``opened`` (the round's opening) on."""
    deps = services()
    eco = deps.ecosystem()
    record = next((o for o in eco.organisations if o.id == organisation), None)
    if record is None:
        return None
    changes = deps.store.proposed_changes()
    contact = corrections.contacts(deps.store).get(organisation, "")
    pending = [c for c in changes if c.organisation == organisation and c.status is ChangeStatus.PENDING]
    decided = decided_since(changes, organisation, opened)
    return details_section(details_form(record, contact, eco.areas, pending, lang, decided), lang)


def _field(field: str, label: str, control: Component, target: str, hint: str = "") -> html.Div:
    """One field: its label (for the control ``target``), a hint, the control and its message."""
    parts: list[Component] = [html.Label(label, htmlFor=target, className="enq-label")]
    if hint:
        parts.append(html.P(hint, className="enq-hint"))
    parts += [control, html.Div(id={"type": E.ORG_ERROR, "field": field}, className="enq-error", **_LIVE)]
    return html.Div(parts, className="enq-field")


def _input(id_: str, value: str, keep: str, **extra: Any) -> dcc.Input:
    return dcc.Input(
        id=id_,
        type="text",
        value=value,
        maxLength=_MAX_TYPED,
        debounce=False,
        persistence=keep,
        persistence_type="memory",
        className="enq-name enq-org-input",
        **extra,
    )


def pending_list(pending: tuple[Pending, ...]) -> list[Component]:
    """The proposals waiting for the analyst (free text shown as text)."""
    return [
        html.Div(
            [html.P(p.heading, className="enq-pending-head"), html.Ul([html.Li(line) for line in p.lines])],
            className="enq-pending",
        )
        for p in pending
    ]


def decided_list(decided: tuple[Decided, ...], lang: Language) -> list[Component]:
    """The proposals the analyst decided on, under a heading (nothing if there are none)."""
    if not decided:
        return []
    items = [
        html.Div(
            [
                html.P(d.heading, className="enq-pending-head"),
                html.Ul([html.Li(line) for line in d.lines]),
                *([html.P(d.reason, className="enq-reason")] if d.reason else []),
            ],
            className="enq-decided " + ("is-accepted" if d.accepted else "is-rejected"),
        )
        for d in decided
    ]
    return [html.H3(T("decided-title", lang), className="enq-decided-title"), *items]


def details_section(shown: DetailsForm, lang: Language) -> html.Section:
    """Section 4: the record, editable, the button that proposes the change, and what waits."""
    keep, now = shown.organisation, shown.details
    areas = dcc.Dropdown(
        id=E.ORG_AREAS,
        options=list(shown.area_options),
        value=list(now.areas),
        multi=True,
        searchable=True,
        clearable=False,
        placeholder=T("areas-placeholder", lang),
        labels=cast(Any, area_labels(lang)),
        persistence=keep,
        persistence_type="memory",
        optionHeight=44,
        className="enq-pick enq-org-areas",
    )
    fields = [
        _field("name", T("name", lang), _input(E.ORG_NAME, now.name, keep), E.ORG_NAME),
        _field("areas", T("areas", lang), areas, E.ORG_AREAS),
        _field(
            "expertise",
            T("expertise", lang),
            _input(E.ORG_EXPERTISE, "; ".join(now.expertise), keep),
            E.ORG_EXPERTISE,
            T("expertise-hint", lang),
        ),
        _field(
            "contact",
            T("contact", lang),
            _input(E.ORG_CONTACT, now.contact, keep, inputMode="email", autoComplete="email"),
            E.ORG_CONTACT,
        ),
    ]
    return html.Section(
        [
            html.H2(T("title", lang)),
            html.P(T("explain", lang), className="explain"),
            html.Div(
                [
                    *fields,
                    html.Div(id=E.ORG_MESSAGE, className="enq-message", role="status"),
                    html.Button(T("propose", lang), id=E.ORG_PROPOSE, n_clicks=0, className="enq-propose"),
                ],
                className="enq-card enq-org-card",
            ),
            html.Div(pending_list(shown.pending), id=E.ORG_PENDING),
            html.Div(decided_list(shown.decided, lang), className="enq-decided-list"),
        ],
        id=E.ORG_SECTION,
        className="enq-section",
    )


def _change_id(organisation: str, cleaned: dict[str, str], earlier: list[ProposedChange]) -> str:
    """The same id for the same proposal while the organisation's proposals stay as they are."""
    state = sorted((c.id, c.status.value) for c in earlier)
    text = repr((organisation, sorted(cleaned.items()), state))
    return "p" + hashlib.sha256(text.encode("utf-8")).hexdigest()[:15]


@callback(
    Output(E.ORG_MESSAGE, "children"),
    Output({"type": E.ORG_ERROR, "field": ALL}, "children"),
    Output(E.ORG_PENDING, "children"),
    Input(E.ORG_PROPOSE, "n_clicks"),
    State(E.URL, "pathname"),
    State(E.CSRF, "data"),
    State(E.LANG, "value"),
    State(E.ORG_NAME, "value"),
    State(E.ORG_AREAS, "value"),
    State(E.ORG_EXPERTISE, "value"),
    State(E.ORG_CONTACT, "value"),
    prevent_initial_call=True,
    to=KIND,
)
def propose(
    clicks: int | None,
    pathname: str | None,
    token: str | None,
    lang: str | None,
    name: object,
    areas: object,
    expertise: object,
    contact: object,
) -> tuple[Any, ...]:
    """Propose the changed fields to the analyst: CSRF token first (403 without it), then the link."""
    if not clicks:
        raise PreventUpdate
    csrf.check(token, str(pathname or "").removeprefix(PREFIX), link_secret_now())
    chosen, slots = language(lang), ctx.outputs_list[1]
    cleared = ["" for _ in slots]
    store = services().store
    try:
        _, organisation, _ = checked_link(pathname)
        record = next((o for o in services().ecosystem().organisations if o.id == organisation), None)
        if record is None:
            raise LinkRefused("unknown", f"no organisation {organisation} in the map")
        current = Details.of(record, corrections.contacts(store).get(organisation, ""))
        changed = changed_fields(current, name=name, areas=areas, expertise=expertise, contact=contact)
        if not changed:
            return html.P(T("unchanged", chosen), className="enq-note"), cleared, no_update
        cleaned = corrections.check_fields(organisation, changed, store.known_ids())
        waiting = _pending(organisation)
        if same_pending(waiting, cleaned) is None:
            earlier = [c for c in store.proposed_changes() if c.organisation == organisation]
            now = datetime.now(UTC).isoformat(timespec="seconds")
            try:
                change_id = _change_id(organisation, cleaned, earlier)
                corrections.propose(store, organisation, changed, by="link", at=now, change_id=change_id)
            except DuplicateKey:  # the same proposal, pressed twice at once: stored once
                pass
            else:
                return _answer("sent", organisation, chosen, cleared)
        return _answer("already", organisation, chosen, cleared)
    except LinkRefused as refused:
        return html.P(refusal_text(refused.why, chosen), className="enq-error"), cleared, no_update
    except InvalidAnswer as refused:
        message = detail_error(refused.field, refused.code, refused.reason, chosen)
        if refused.field not in FIELDS:
            return html.P(T("not-sent", chosen) + " " + message, className="enq-error"), cleared, no_update
        errors = [message if slot["id"]["field"] == refused.field else "" for slot in slots]
        return html.P(T("not-sent", chosen), className="enq-error"), errors, no_update


def _answer(key: str, organisation: str, lang: Language, cleared: list[str]) -> tuple[Any, ...]:
    """The acknowledgement and the waiting proposals as they are now."""
    waiting = pending_views(_pending(organisation), services().area_names(), lang)
    return html.P(T(key, lang), className="enq-ok"), cleared, pending_list(waiting)
