"""The coffee page's content as plain values: whom to meet, and a briefing card for a pair.

Everything here is computed for one viewer and one language, so the page only lays it
out. Partners are fixed to their own organisation (:func:`organisation_for`); the
referral counts on their card are their own flows, shown as ``viewer.count`` shows them,
and reasons that carry referral counts are left out for them (the card's flow lines
already show the masked numbers).

>>> from app.access import rounded, Role, Viewer
>>> piet = Viewer("piet", Role.PARTNER, "ORG0043")
>>> organisation_for(piet, "ORG0007"), organisation_for(ANALYST, "ORG0007")
('ORG0043', 'ORG0007')
>>> other_for("ORG0043", "ORG0043") is None
True
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Final

import networkx as nx

from app.access import ANALYST, Viewer, rounded
from app.i18n import Language, Texts
from app.present.common import number, sector_label
from graph.chances import KINDS
from graph.coffee import Briefing, briefing, suggest_meetings
from graph.model import Ecosystem
from graph.periods import PeriodRange
from graph.reasons import Reason

__all__ = [
    "COUNT_REASONS",
    "Card",
    "T",
    "briefing_card",
    "card_from_briefing",
    "coffee_partners",
    "organisation_for",
    "organisation_options",
    "other_for",
    "suggestion_rows",
    "visible_reasons",
]

COUNT_REASONS: Final = frozenset({"referrals", "unagreed-flow", "ping-pong", "own-employer"})
"""Reason codes whose text carries referral counts; partners never get them."""

_MAX_PARTNERS: Final = 8

T: Final = Texts(
    {
        "title": ("Koffie", "Coffee"),
        "explain": (
            "Kies uw organisatie en zie met wie een kop koffie het meest oplevert, en waarom. "
            "Klik op een suggestie of kies zelf een tweede organisatie voor een briefingkaart.",
            "Choose your organisation and see whom a coffee meeting helps most, and why. "
            "Click a suggestion or choose a second organisation for a briefing card.",
        ),
        "organisation": ("Uw organisatie", "Your organisation"),
        "other": ("Afspraak met", "Meeting with"),
        "choose": ("Kies een organisatie", "Choose an organisation"),
        "suggestions": ("Met wie koffie drinken?", "Whom to meet for coffee?"),
        "card": ("Briefingkaart", "Briefing card"),
        "print": ("Afdrukken", "Print"),
        "col-name": ("Organisatie", "Organisation"),
        "col-sector": ("Sector", "Sector"),
        "col-score": ("Score", "Score"),
        "col-why": ("Waarom", "Why"),
        "col-kind": ("Soort", "Kind"),
        "col-introducer": ("Introductie via", "Introduced by"),
        "kind-kennismaken": ("Kennismaken", "Get acquainted"),
        "kind-afstemmen": ("Afstemmen", "Coordinate"),
        "no-suggestions": (
            "Geen suggesties in dit filter: deze organisatie heeft hier geen kandidaten.",
            "No suggestions in this filter: this organisation has no candidates here.",
        ),
        "not-in-filter": (
            "Deze organisatie valt buiten het filter; kies andere wijken of alle wijken.",
            "This organisation is outside the filter; choose other districts or all districts.",
        ),
        "pick-pair": (
            "Kies een tweede organisatie of klik op een suggestie voor de briefingkaart.",
            "Choose a second organisation or click a suggestion for the briefing card.",
        ),
        "card-title": ("Koffie: {a} en {b}", "Coffee: {a} and {b}"),
        "tied": ("Al verbonden", "Already tied"),
        "yes": ("ja", "yes"),
        "no": ("nee", "no"),
        "shared-areas": ("Gedeelde wijken", "Shared districts"),
        "shared-partners": ("Gedeelde partners", "Shared partners"),
        "path": ("Route in het netwerk", "Route in the network"),
        "agreements": ("Gezamenlijke afspraken", "Joint agreements"),
        "flow": ("Verwijzingen {a} → {b}", "Referrals {a} → {b}"),
        "score": ("Score", "Score"),
        "why": ("Waarom deze afspraak", "Why this meeting"),
        "ask": ("Om te bespreken", "To discuss"),
        "ask-1": (
            "Wat doet u voor inwoners in onze gedeelde wijken, en wat juist niet?",
            "What do you do for residents in our shared districts, and what not?",
        ),
        "ask-2": (
            "Wanneer verwijzen we naar elkaar, en wie is het vaste aanspreekpunt?",
            "When do we refer to each other, and who is the contact person?",
        ),
        "ask-3": (
            "Welke partner kennen we allebei, en kunnen we samen iets afspreken?",
            "Which partner do we both know, and can we agree something together?",
        ),
        "none": ("-", "-"),
        "more": ("en {n} meer", "and {n} more"),
        "matches": ("Koffiematch", "Coffee match"),
        "match-line": (
            "U en {name} willen allebei kennismaken: maak een afspraak.",
            "You and {name} both want to meet: set a date.",
        ),
        "match-plan": ("Briefingkaart", "Briefing card"),
    }
)


@dataclass(frozen=True, slots=True)
class Card:
    """A briefing card as text: a title, labelled lines, reasons and questions, each under a heading."""

    a: str
    b: str
    title: str
    lines: tuple[tuple[str, str], ...]
    why: str
    reasons: tuple[str, ...]
    ask: str
    questions: tuple[str, ...]


def coffee_partners(
    matches: Iterable[tuple[str, str]], organisation: str | None, names: Mapping[str, str]
) -> list[tuple[str, str]]:
    """The organisations ``organisation`` has a coffee match with (both said *interested* in a
    survey round, :func:`graph.reported.coffee_matches`), as (id, name), by name.

    >>> coffee_partners([("A", "B"), ("B", "C"), ("A", "B")], "B", {"A": "Zon", "C": "Maan"})
    [('C', 'Maan'), ('A', 'Zon')]
    >>> coffee_partners([("A", "B")], None, {})
    []
    """
    found = {b if a == organisation else a for a, b in matches if organisation in (a, b)}
    return sorted(((o, names.get(o, o)) for o in found), key=lambda p: (p[1].casefold(), p[0]))


def organisation_for(viewer: Viewer, requested: object) -> str | None:
    """The organisation whose coffee suggestions this viewer gets: a partner's own, always."""
    if not viewer.is_analyst:
        return viewer.organisation
    return requested if isinstance(requested, str) and requested else None


def other_for(organisation: str | None, requested: object) -> str | None:
    """The second organisation of a pair: any other organisation, never the first one.

    Every viewer may plan coffee with any organisation in the directory.
    """
    if not isinstance(requested, str) or not requested or requested == organisation:
        return None
    return requested


def organisation_options(
    names: Mapping[str, str], viewer: Viewer, *, leave_out: str | None = None
) -> list[dict[str, str]]:
    """Dropdown options, by name: every organisation for analysts, their own for partners."""
    allowed = names if viewer.is_analyst else {k: v for k, v in names.items() if k == viewer.organisation}
    chosen = sorted(
        ((name, key) for key, name in allowed.items() if key != leave_out), key=lambda p: p[0].lower()
    )
    return [{"label": name, "value": key} for name, key in chosen]


def visible_reasons(reasons: Sequence[Reason], viewer: Viewer) -> list[Reason]:
    """The reasons this viewer may read: partners get none that carry referral counts."""
    return [r for r in reasons if viewer.is_analyst or r.code not in COUNT_REASONS]


def suggestion_rows(
    G: nx.Graph[str],
    organisation: str,
    lang: Language,
    viewer: Viewer = ANALYST,
    *,
    area_names: Mapping[str, str] | None = None,
    top: int = 8,
    overlaps: int = 3,
) -> list[dict[str, str | float]]:
    """Whom ``organisation`` should meet: its ``top`` kennismaken chances, then its ``overlaps``
    afstemmen chances, each best first: id, kind, name, sector, score, introducer and why.

    Raises ``AnalysisError`` when the organisation is not in ``G``.
    """
    rows: list[dict[str, str | float]] = []
    for kind, most in zip(KINDS, (top, overlaps), strict=True):
        for found in suggest_meetings(G, organisation, top=most, area_names=area_names, kind=kind):
            other, via = found.other(organisation), found.introducer
            rows.append(
                {
                    "id": other,
                    "kind": T(f"kind-{kind}", lang),
                    "name": str(G.nodes[other].get("name") or other),
                    "sector": sector_label(G.nodes[other].get("sector"), lang),
                    "score": round(found.score, 2),
                    "introducer": str(G.nodes[via].get("name") or via) if via else "",
                    "why": "; ".join(r.text(lang) for r in visible_reasons(found.reasons, viewer)),
                }
            )
    return rows


def _names(G: nx.Graph[str], nodes: Sequence[str], lang: Language, limit: int | None = None) -> str:
    if not nodes:
        return T("none", lang)
    shown = [str(G.nodes[n].get("name") or n) for n in nodes[:limit]]
    rest = len(nodes) - len(shown)
    return ", ".join(shown) + (" " + T("more", lang).format(n=rest) if rest else "")


def _flow(count: int | None, cells: tuple[int, ...] | None, viewer: Viewer, visible: bool, small: int) -> str:
    """Referrals one way as this viewer may see them: built from the per-period cells (``app.access``)."""
    if count is None or not visible:
        return "-"
    return str(viewer.total(cells if cells is not None else (count,), small=small))


def _agreement_names(eco: Ecosystem | None, ids: Sequence[str] | None, lang: Language) -> str:
    if not ids or eco is None:
        return T("none", lang)
    names = {ag.id: ag.name for ag in eco.agreements}
    return ", ".join(names.get(i, i) for i in ids)


def card_from_briefing(
    G: nx.Graph[str],
    found: Briefing,
    viewer: Viewer,
    lang: Language,
    *,
    eco: Ecosystem | None = None,
    area_names: Mapping[str, str] | None = None,
    small: int = 5,
) -> Card:
    """A briefing as this viewer may see it, in ``lang``."""
    a, b = found.names
    visible = viewer.sees_flow(found.a, found.b)
    areas = [(area_names or {}).get(code, code) for code in found.shared_areas]
    # tied in this filter's graph, or by what the card itself lists: a joint agreement or referrals
    flows = ((found.a_to_b or 0) + (found.b_to_a or 0)) if visible else 0
    if visible and not viewer.is_analyst:  # what the partner sees, or "tied" would tell 0 from 1-2
        both = (found.a_to_b_cells or ()) + (found.b_to_a_cells or ())
        flows = sum(rounded(n, small) for n in both)
    tied = found.tied or bool(found.joint_agreements) or flows > 0
    lines = (
        (
            T("col-sector", lang),
            f"{a}: {sector_label(G.nodes[found.a].get('sector'), lang)}; "
            f"{b}: {sector_label(G.nodes[found.b].get('sector'), lang)}",
        ),
        (T("tied", lang), T("yes" if tied else "no", lang)),
        (T("shared-areas", lang), ", ".join(areas) or T("none", lang)),
        (T("shared-partners", lang), _names(G, found.shared_partners, lang, _MAX_PARTNERS)),
        (
            T("path", lang),
            " → ".join(str(G.nodes[n].get("name") or n) for n in found.path) or T("none", lang),
        ),
        (T("agreements", lang), _agreement_names(eco, found.joint_agreements, lang)),
        (T("flow", lang).format(a=a, b=b), _flow(found.a_to_b, found.a_to_b_cells, viewer, visible, small)),
        (T("flow", lang).format(a=b, b=a), _flow(found.b_to_a, found.b_to_a_cells, viewer, visible, small)),
        (T("score", lang), "-" if found.score is None else number(found.score, lang, 2)),
    )
    return Card(
        found.a,
        found.b,
        T("card-title", lang).format(a=a, b=b),
        lines,
        T("why", lang),
        tuple(r.text(lang) for r in visible_reasons(found.reasons, viewer)),
        T("ask", lang),
        tuple(T(f"ask-{n}", lang) for n in (1, 2, 3)),
    )


def briefing_card(
    G: nx.Graph[str],
    a: str,
    b: str,
    viewer: Viewer,
    lang: Language,
    *,
    eco: Ecosystem | None = None,
    periods: PeriodRange = PeriodRange(),
    area_names: Mapping[str, str] | None = None,
    small: int = 5,
) -> Card:
    """The briefing card for ``a`` and ``b`` (``graph.coffee.briefing``) as this viewer may see it.

    A partner's first organisation is always their own, whatever ``a`` says.

    Raises ``AnalysisError`` when either is not in ``G`` or they are the same, and
    ``PermissionError`` for a partner without an organisation.
    """
    first = organisation_for(viewer, a)
    if first is None:
        raise PermissionError("a briefing needs the viewer's own organisation")
    found = briefing(G, first, b, eco=eco, periods=periods, area_names=area_names)
    return card_from_briefing(G, found, viewer, lang, eco=eco, area_names=area_names, small=small)
