"""What one organisation is asked in a round, as plain data for the page to lay out.

- **Klopt dit?** the ties the data shows for the organisation up to the end of the
  round's period, each with its evidence: joint agreements in force (by name), the number
  of professionals working for both, and the referrals either way;
- the ties it added before (to organisations in the map, or new names);
- its **kennismaken** suggestions (:func:`graph.coffee.suggest_meetings`), with their
  reasons and introducer;

each prefilled with the organisation's latest saved answer.

The answering organisation is a partner, and it sees what :mod:`app.access` lets a
partner see, as the Koffie page shows it: its own referral counts built from rounded
per-period cells (``"<5"`` when they round to 0, and a tie known from referrals alone is
shown only when they do not), suggestions computed on the graph without the referral
layer, and no reason that carries referral counts
(:func:`app.present.koffie.visible_reasons`). Nothing here tells it anything about
another organisation's referrals.

>>> from graph.model import Agreement, Ecosystem, Organisation
>>> from graph.taxonomy import AgreementKind, Sector
>>> from datetime import date
>>> from graph.periods import Period
>>> eco = Ecosystem(
...     organisations=(Organisation("A", "Alfa", Sector.ZORG), Organisation("B", "Beta", Sector.WONEN)),
...     agreements=(Agreement("X", "Convenant", AgreementKind.COVENANT, parties=("A", "B")),))
>>> r = SurveyRound("R1", "Najaar", Period.parse("2026-Q4"), date(2026, 12, 20), invited=("A", "B"))
>>> q = build(eco, r, "A")
>>> [(t.partner, t.name, t.evidence.agreements) for t in q.ties]
[('B', 'Beta', ('Convenant',))]
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Final

from app.access import Role, Viewer, rounded
from app.present.koffie import visible_reasons
from graph.coffee import suggest_meetings
from graph.errors import LinkRefused
from graph.layers import Layers
from graph.model import Ecosystem
from graph.periods import PeriodRange
from graph.project import agreement_in_force, organisation_flow_cells, organisation_graph
from graph.reasons import Reason
from graph.survey import Interest, Response, SurveyRound, TieAnswer, TieStatus

if TYPE_CHECKING:
    from queries.base import Store

__all__ = ["AddedTie", "Evidence", "Questionnaire", "ShownTie", "Suggested", "build", "for_organisation"]

TOP: Final = 8
"""How many kennismaken suggestions the questionnaire asks about."""


@dataclass(frozen=True, slots=True)
class Evidence:
    """Why the data shows a tie: joint agreements (names), shared professionals (how many),
    and the referrals sent and received as the organisation may see them (``None``: none in
    the data; ``"<5"``: fewer than the small count)."""

    agreements: tuple[str, ...] = ()
    professionals: int = 0
    referrals_sent: int | str | None = None
    referrals_received: int | str | None = None


@dataclass(frozen=True, slots=True)
class ShownTie:
    """A tie the data shows, to confirm or reject; ``answer`` is the latest saved one."""

    partner: str
    name: str
    sector: str
    evidence: Evidence
    answer: TieAnswer | None = None


@dataclass(frozen=True, slots=True)
class AddedTie:
    """A tie the organisation added before: to an organisation in the map, or a new name."""

    partner: str
    name: str
    sector: str
    answer: TieAnswer


@dataclass(frozen=True, slots=True)
class Suggested:
    """A kennismaken suggestion: whom to meet, why, who can introduce, and the latest answer.

    A suggestion answered before but no longer suggested keeps its answer, without reasons.
    """

    partner: str
    name: str
    sector: str
    reasons: tuple[Reason, ...] = ()
    introducer: str = ""
    answer: Interest | None = None


@dataclass(frozen=True, slots=True)
class Questionnaire:
    """Everything one organisation is asked in one round, prefilled from ``latest``."""

    round: SurveyRound
    organisation: str
    name: str
    ties: tuple[ShownTie, ...]
    added: tuple[AddedTie, ...]
    suggestions: tuple[Suggested, ...]
    latest: Response | None = None

    @property
    def submitted(self) -> bool:
        """Whether the latest saved version was submitted."""
        return self.latest is not None and self.latest.submitted

    def shown_partners(self) -> frozenset[str]:
        """The partners of the ties shown: what ``answers.save(shown=...)`` checks against."""
        return frozenset(t.partner for t in self.ties)


_Partners = dict[str, list[str]]


def _agreements(eco: Ecosystem, organisation: str, periods: PeriodRange) -> _Partners:
    found: _Partners = defaultdict(list)
    for agreement in eco.agreements:
        if organisation in agreement.parties and agreement_in_force(agreement, periods):
            for party in agreement.parties:
                if party != organisation:
                    found[party].append(agreement.name)
    return found


def _professionals(eco: Ecosystem, organisation: str) -> dict[str, int]:
    found: dict[str, int] = defaultdict(int)
    for professional in eco.professionals:
        employers = {e.organisation_id for e in professional.employments}
        if organisation in employers:
            for other in employers - {organisation}:
                found[other] += 1
    return found


def _referrals(
    eco: Ecosystem, organisation: str, periods: PeriodRange, small: int
) -> dict[str, tuple[int | str | None, int | str | None, bool]]:
    """Per partner: referrals sent and received as a partner sees them, and whether they tie."""
    viewer = Viewer("link", Role.PARTNER, organisation)
    cells = organisation_flow_cells(eco, periods)
    sent = {t: c for (s, t), c in cells.items() if s == organisation and t != organisation}
    received = {s: c for (s, t), c in cells.items() if t == organisation and s != organisation}
    found: dict[str, tuple[int | str | None, int | str | None, bool]] = {}
    for partner in sent.keys() | received.keys():
        out, back = list(sent.get(partner, {}).values()), list(received.get(partner, {}).values())
        ties = sum(rounded(n, small) for n in out + back) > 0
        found[partner] = (
            viewer.total(out, small=small) if out else None,
            viewer.total(back, small=small) if back else None,
            ties,
        )
    return found


def _data_ties(eco: Ecosystem, organisation: str, periods: PeriodRange, small: int) -> dict[str, Evidence]:
    known = {o.id for o in eco.organisations}
    agreements = _agreements(eco, organisation, periods)
    professionals = _professionals(eco, organisation)
    referrals = _referrals(eco, organisation, periods, small)
    partners = (agreements.keys() | professionals.keys() | {p for p, r in referrals.items() if r[2]}) & known
    evidence: dict[str, Evidence] = {}
    for partner in partners:
        sent, received, _ = referrals.get(partner, (None, None, False))
        evidence[partner] = Evidence(
            tuple(sorted(agreements.get(partner, ()))), professionals.get(partner, 0), sent, received
        )
    return evidence


def _suggestions(
    eco: Ecosystem,
    organisation: str,
    periods: PeriodRange,
    leave_out: frozenset[str],
    area_names: Mapping[str, str] | None,
    top: int,
) -> list[Suggested]:
    """Kennismaken suggestions on the graph a partner may see (no referral layer)."""
    viewer = Viewer("link", Role.PARTNER, organisation)
    G = organisation_graph(eco, layers=Layers(referrals=False), periods=periods)
    found = suggest_meetings(G, organisation, top=top + len(leave_out), area_names=area_names)
    chosen: list[Suggested] = []
    for suggestion in found:
        other, via = suggestion.other(organisation), suggestion.introducer
        if other in leave_out:
            continue
        node = G.nodes[other]
        chosen.append(
            Suggested(
                other,
                str(node.get("name") or other),
                str(node.get("sector") or ""),
                tuple(visible_reasons(suggestion.reasons, viewer)),
                str(G.nodes[via].get("name") or via) if via else "",
            )
        )
    return chosen[:top]


def build(
    eco: Ecosystem,
    survey_round: SurveyRound,
    organisation: str,
    latest: Response | None = None,
    *,
    small: int = 5,
    area_names: Mapping[str, str] | None = None,
    top: int = TOP,
) -> Questionnaire:
    """What ``organisation`` is asked in ``survey_round``, from the snapshot ``eco``.

    ``small`` is the small-count base (``KETENKAART_SMALL_COUNT``); the data counts up to
    the end of the round's period.

    Raises :class:`graph.errors.LinkRefused` (``unknown``) when the organisation is no
    longer in the map.
    """
    orgs = {o.id: o for o in eco.organisations}
    if organisation not in orgs:
        raise LinkRefused("unknown", "this organisation is no longer in the map")
    periods = PeriodRange(end=survey_round.period)
    answers = {t.partner: t for t in latest.ties if t.partner} if latest else {}
    evidence = _data_ties(eco, organisation, periods, small)
    shown = [
        ShownTie(p, orgs[p].name, orgs[p].sector.value, evidence[p], answers.get(p))
        for p in sorted(evidence, key=lambda p: (orgs[p].name.casefold(), p))
    ]
    added = [
        AddedTie(
            t.partner,
            orgs[t.partner].name if t.partner in orgs else t.new_name or t.partner,
            orgs[t.partner].sector.value if t.partner in orgs else "",
            t
            if t.status is TieStatus.ADDED
            else TieAnswer(t.partner, TieStatus.ADDED, t.new_name, t.frequency, t.ratings),
        )
        for t in (latest.ties if latest else ())
        if t.is_tie and t.partner not in evidence and (not t.partner or t.partner in orgs)
    ]
    leave_out = frozenset(evidence) | {a.partner for a in added if a.partner}
    suggested = _suggestions(eco, organisation, periods, leave_out, area_names, top)
    given = {s.partner: s.answer for s in latest.suggestions} if latest else {}
    suggested = [
        Suggested(s.partner, s.name, s.sector, s.reasons, s.introducer, given.get(s.partner))
        for s in suggested
    ]
    offered = {s.partner for s in suggested}
    suggested += [
        Suggested(p, orgs[p].name, orgs[p].sector.value, answer=a)
        for p, a in sorted(given.items())
        if p not in offered and p in orgs
    ]
    return Questionnaire(
        survey_round,
        organisation,
        orgs[organisation].name,
        tuple(shown),
        tuple(added),
        tuple(suggested),
        latest,
    )


def for_organisation(
    store: Store, survey_round: SurveyRound, organisation: str, *, small: int = 5, top: int = TOP
) -> Questionnaire:
    """:func:`build` on the store's snapshot and the organisation's latest saved version."""
    history = store.response_history(survey_round.id, organisation)
    eco = store.snapshot()
    names = {a.code: a.name for a in eco.areas}
    return build(
        eco,
        survey_round,
        organisation,
        history[-1] if history else None,
        small=small,
        area_names=names,
        top=top,
    )
