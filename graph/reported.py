"""What partners reported in a survey round, analysed: the *gemeld* side of the map.

Every function takes plain records (:class:`graph.survey.Response` lists, a
:class:`graph.survey.SurveyRound`, organisations, a graph) and returns plain records.
Only *submitted* answers count, each organisation's latest submitted version
(:func:`latest_submitted`); a draft is work in progress, not a report. Pass the responses
of one round.

- :func:`reciprocity`: of the pairs one side named, how many the other side named too,
  counted only where both sides answered (a pair whose other side did not answer says
  nothing about reciprocity; it is counted apart, as *unanswered*).
- :func:`tie_ratings` and :func:`organisation_ratings`: trust and value per tie and per
  organisation as rated by others, each the mean over raters of that rater's mean over
  the trust (or value) items, with the number of raters.
- :func:`response_rates`: response per sector and per wijk, with a warning where
  non-response could bias a figure (:data:`MIN_RATE`, :data:`MAX_SHARE_GAP`).
- :func:`data_gap`: ties the data shows that partners reject, and reported ties the data
  does not show.
- :func:`compare_rounds`: new and lost reported ties, and changes in trust and value.
- :func:`coffee_matches`: pairs where both sides said *interested* in meeting.
- :func:`survey_summary`: all of the above for one round, as ``ketenkaart analyse`` shows it.
- :func:`partner_view`: how others rate one organisation, as a partner may see it: only
  averages over at least ``small`` raters (never fewer than :data:`MIN_RATERS`).

Ratings per tie and per rater are for analysts only; a partner gets :func:`partner_view`.

>>> from graph.survey import TieAnswer, TieStatus
>>> def said(org, *partners):
...     ties = tuple(TieAnswer(p, TieStatus.CONFIRMED, ratings=(("reliable", 4), ("contributes", 2)))
...                  for p in partners)
...     return Response("R1", org, ties=ties, submitted=True)
>>> answers = [said("A", "B", "C"), said("B", "A"), said("C")]
>>> r = reciprocity(answers)
>>> r.mutual, r.one_sided, r.rate
(1, 1, 0.5)
>>> organisation_ratings(answers)[0]
OrganisationRating(organisation='A', trust=4.0, trust_raters=1, value=2.0, value_raters=1)

References
----------
.. [1] Varda, D. M., Chandra, A., Stern, S. A., & Lurie, N. (2008). Core dimensions of
   connectivity in public health collaboratives. *Journal of Public Health Management and
   Practice*, 14(5), E1-E7 (trust and value between partners).
.. [2] Wasserman, S., & Faust, K. (1994). *Social Network Analysis: Methods and
   Applications*. Cambridge University Press, ch. 13 (dyads: mutual and asymmetric).
.. [3] Kossinets, G. (2006). Effects of missing data in social networks. *Social
   Networks*, 28(3), 247-268 (non-response biases network measures).
.. [4] Fincham, J. E. (2008). Response rates and responsiveness for surveys, standards,
   and the journal. *American Journal of Pharmaceutical Education*, 72(2), 43 (a response
   rate of about 60% as the goal for most survey research).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from statistics import fmean
from typing import Final, Literal

import networkx as nx

from graph.areacodes import wijk_of
from graph.model import Organisation
from graph.survey import TRUST_ITEMS, VALUE_ITEMS, Interest, Response, SurveyRound, TieStatus, pair_key

__all__ = [
    "DATA_LAYERS",
    "MAX_SHARE_GAP",
    "MIN_RATE",
    "MIN_RATERS",
    "BiasWarning",
    "DataGap",
    "GapTie",
    "GroupRate",
    "NamedPair",
    "OrganisationChange",
    "OrganisationRating",
    "Reciprocity",
    "ResponseRates",
    "RoundChange",
    "RoundSummary",
    "SurveySummary",
    "TieChange",
    "TieRating",
    "coffee_matches",
    "compare_rounds",
    "data_gap",
    "latest_submitted",
    "named_pairs",
    "newest_first",
    "organisation_ratings",
    "partner_view",
    "reciprocity",
    "response_rates",
    "survey_summary",
    "tie_ratings",
]

MIN_RATE: Final = 0.6
"""Below this response rate (of a round, a sector or a wijk) its figures get a warning.

About 60% is the common goal for survey research (Fincham 2008 [4]_); in a network survey
each missing organisation also takes away the ties only it could report (Kossinets 2006
[3]_), so figures over a group that answered less are flagged, not hidden."""

MAX_SHARE_GAP: Final = 0.10
"""A round is flagged as *skewed* when some sector's share among the organisations that
answered differs from its share among those invited by more than this (10 percentage
points): then totals over the whole round lean toward the sectors that answered."""

MIN_RATERS: Final = 3
"""A partner sees an average rating of itself only over at least this many raters, even
when the small-count setting is lower: with fewer, one rater's score could be worked out."""

DATA_LAYERS: Final = ("agreements", "professionals", "referrals")
"""The layers of the organisation graph that come from the data (not from reports)."""

Pair = tuple[str, str]
Scores = tuple[float | None, float | None]
"""A rater's mean trust and mean value score of one partner (``None`` where not rated)."""


def latest_submitted(responses: Iterable[Response]) -> dict[str, Response]:
    """Per organisation, its submitted response of the highest version; drafts are left out.

    Accepts the latest versions (``Store.responses``) or whole histories.

    >>> old = Response("R1", "A", submitted=True, version=1)
    >>> draft = Response("R1", "A", submitted=False, version=2)
    >>> latest_submitted([draft, old])["A"].version
    1
    >>> latest_submitted([Response("R1", "B")])
    {}
    """
    chosen: dict[str, Response] = {}
    for response in responses:
        if not response.submitted:
            continue
        held = chosen.get(response.organisation)
        if held is None or response.version > held.version:
            chosen[response.organisation] = response
    return dict(sorted(chosen.items()))


def _named(answers: Mapping[str, Response]) -> dict[Pair, set[str]]:
    """Per pair, which of its two organisations named the other as a partner."""
    named: dict[Pair, set[str]] = defaultdict(set)
    for org, response in answers.items():
        for partner in response.named_partners():
            if partner != org:
                named[pair_key(org, partner)].add(org)
    return named


def named_pairs(responses: Iterable[Response]) -> dict[Pair, tuple[str, ...]]:
    """Per pair (in :func:`graph.survey.pair_key` order), who of the two named the other.

    >>> from graph.survey import TieAnswer, TieStatus
    >>> a = Response("R1", "A", ties=(TieAnswer("B", TieStatus.ADDED),), submitted=True)
    >>> b = Response("R1", "B", ties=(TieAnswer("A", TieStatus.REJECTED),), submitted=True)
    >>> named_pairs([a, b])
    {('A', 'B'): ('A',)}
    """
    named = _named(latest_submitted(responses))
    return {pair: tuple(sorted(who)) for pair, who in sorted(named.items())}


@dataclass(frozen=True, slots=True)
class NamedPair:
    """A pair one or both sides named: ``a < b``, ``named_by`` and how it stands.

    ``kind`` is ``mutual`` (both named the other), ``one_sided`` (the other side answered
    but did not name it) or ``unanswered`` (the other side did not answer).
    """

    a: str
    b: str
    named_by: tuple[str, ...]
    kind: Literal["mutual", "one_sided", "unanswered"]


@dataclass(frozen=True, slots=True)
class Reciprocity:
    """How many reported ties both sides report.

    ``rate`` is ``mutual / (mutual + one_sided)``: the share of pairs, among those where
    both sides answered and at least one named the other, that both named (the dyadic
    reciprocity of Wasserman & Faust [2]_); ``None`` without such a pair. ``unanswered``
    pairs are left out of the rate: their other side could not name anyone.
    """

    mutual: int
    one_sided: int
    unanswered: int
    rate: float | None
    pairs: tuple[NamedPair, ...]


def reciprocity(responses: Iterable[Response]) -> Reciprocity:
    """Pairs named by both sides, by one side, and by one side whose partner did not answer.

    Examples
    --------
    A names B and C; B names A; C answers but names nobody; D names A and did answer, A
    did not name D; E did not answer, A named E:

    >>> from graph.survey import TieAnswer, TieStatus
    >>> def said(org, *partners):
    ...     return Response("R1", org, ties=tuple(TieAnswer(p, TieStatus.ADDED) for p in partners),
    ...                     submitted=True)
    >>> r = reciprocity([said("A", "B", "C", "E"), said("B", "A"), said("C"), said("D", "A")])
    >>> r.mutual, r.one_sided, r.unanswered, r.rate
    (1, 2, 1, 0.3333333333333333)
    >>> [(p.a, p.b, p.kind) for p in r.pairs]
    [('A', 'B', 'mutual'), ('A', 'C', 'one_sided'), ('A', 'D', 'one_sided'), ('A', 'E', 'unanswered')]
    """
    answers = latest_submitted(responses)
    pairs = []
    for (a, b), who in sorted(_named(answers).items()):
        if len(who) == 2:
            kind: Literal["mutual", "one_sided", "unanswered"] = "mutual"
        else:
            other = b if a in who else a
            kind = "one_sided" if other in answers else "unanswered"
        pairs.append(NamedPair(a, b, tuple(sorted(who)), kind))
    mutual = sum(p.kind == "mutual" for p in pairs)
    one_sided = sum(p.kind == "one_sided" for p in pairs)
    both_answered = mutual + one_sided
    return Reciprocity(
        mutual=mutual,
        one_sided=one_sided,
        unanswered=len(pairs) - both_answered,
        rate=mutual / both_answered if both_answered else None,
        pairs=tuple(pairs),
    )


def _scores(answers: Mapping[str, Response]) -> dict[Pair, Scores]:
    """``(rater, rated)`` -> the rater's mean trust and mean value score of that partner.

    Only ties the rater says exist (confirmed or added) to a known organisation other
    than itself; a partner answered twice in one response counts once (its last answer).
    """
    scores: dict[Pair, Scores] = {}
    for rater, response in answers.items():
        for tie in response.ties:
            if tie.is_tie and tie.partner and tie.partner != rater:
                trust, value = tie.score(TRUST_ITEMS), tie.score(VALUE_ITEMS)
                if trust is not None or value is not None:
                    scores[rater, tie.partner] = (trust, value)
    return scores


def _mean(values: Sequence[float]) -> float | None:
    return fmean(values) if values else None


@dataclass(frozen=True, slots=True)
class TieRating:
    """Trust and value of one tie (``a < b``): the mean over the one or two sides that rated
    the other, with how many did (``trust_raters``, ``value_raters``). For analysts only."""

    a: str
    b: str
    trust: float | None
    trust_raters: int
    value: float | None
    value_raters: int


@dataclass(frozen=True, slots=True)
class OrganisationRating:
    """How others rate one organisation: mean trust and value over the organisations that
    rated it, with how many did. ``None`` where no one rated it (or, in
    :func:`partner_view`, too few)."""

    organisation: str
    trust: float | None
    trust_raters: int
    value: float | None
    value_raters: int


def _summarise(scores: Iterable[Scores]) -> tuple[float | None, int, float | None, int]:
    given = list(scores)
    trust = [t for t, _ in given if t is not None]
    value = [v for _, v in given if v is not None]
    return _mean(trust), len(trust), _mean(value), len(value)


def tie_ratings(responses: Iterable[Response]) -> list[TieRating]:
    """Trust and value per tie, the mean over the sides that rated it, by pair.

    Each side's score is its mean over the trust items (:data:`graph.survey.TRUST_ITEMS`)
    or the value items (:data:`graph.survey.VALUE_ITEMS`) it answered.

    Examples
    --------
    A rates B: trust items 4 and 2 (mean 3), value 1; B rates A: trust 4, no value:

    >>> from graph.survey import TieAnswer, TieStatus
    >>> a = Response("R1", "A", submitted=True, ties=(TieAnswer("B", TieStatus.CONFIRMED,
    ...     ratings=(("reliable", 4), ("open", 2), ("influence", 1))),))
    >>> b = Response("R1", "B", submitted=True, ties=(TieAnswer("A", TieStatus.ADDED,
    ...     ratings=(("shared_goal", 4),)),))
    >>> tie_ratings([a, b])
    [TieRating(a='A', b='B', trust=3.5, trust_raters=2, value=1.0, value_raters=1)]
    """
    by_pair: dict[Pair, list[Scores]] = defaultdict(list)
    for (rater, rated), score in _scores(latest_submitted(responses)).items():
        by_pair[pair_key(rater, rated)].append(score)
    return [TieRating(a, b, *_summarise(scores)) for (a, b), scores in sorted(by_pair.items())]


def organisation_ratings(responses: Iterable[Response]) -> list[OrganisationRating]:
    """Trust and value per organisation as rated by the others (never by itself), by id.

    Examples
    --------
    B and C both rate A; C rates B:

    >>> from graph.survey import TieAnswer, TieStatus
    >>> def rates(org, partner, trust, value):
    ...     tie = TieAnswer(partner, TieStatus.CONFIRMED, ratings=(("open", trust), ("involved", value)))
    ...     return Response("R1", org, ties=(tie,), submitted=True)
    >>> b, c = rates("B", "A", 4, 2), rates("C", "A", 3, 3)
    >>> c2 = Response("R1", "C", ties=c.ties + rates("C", "B", 1, 1).ties, submitted=True)
    >>> [(r.organisation, r.trust, r.value, r.trust_raters) for r in organisation_ratings([b, c2])]
    [('A', 3.5, 2.5, 2), ('B', 1.0, 1.0, 1)]
    """
    by_rated: dict[str, list[Scores]] = defaultdict(list)
    for (_rater, rated), score in _scores(latest_submitted(responses)).items():
        by_rated[rated].append(score)
    return [OrganisationRating(org, *_summarise(scores)) for org, scores in sorted(by_rated.items())]


def partner_view(responses: Iterable[Response], organisation: str, *, small: int) -> OrganisationRating:
    """How others rate ``organisation``, as that partner may see it: averages only.

    A mean is shown only when at least ``max(small, MIN_RATERS)`` organisations gave it
    (``small`` is the small-count setting, ``KETENKAART_SMALL_COUNT``); otherwise it is
    ``None``. The number of raters is shown either way: it says how many rated, not what
    any of them gave. No single rater's score is ever part of the view.

    Examples
    --------
    Three raters of trust, two of value, with ``small=3``:

    >>> from graph.survey import TieAnswer, TieStatus
    >>> def rates(org, ratings):
    ...     return Response("R1", org, ties=(TieAnswer("A", TieStatus.CONFIRMED, ratings=ratings),),
    ...                     submitted=True)
    >>> answers = [rates("B", (("open", 4), ("involved", 2))), rates("C", (("open", 3), ("involved", 4))),
    ...            rates("D", (("open", 2),))]
    >>> partner_view(answers, "A", small=3)
    OrganisationRating(organisation='A', trust=3.0, trust_raters=3, value=None, value_raters=2)
    >>> partner_view(answers, "A", small=1).trust_raters, partner_view(answers, "A", small=5).trust
    (3, None)
    """
    least = max(small, MIN_RATERS)
    found = next(
        (r for r in organisation_ratings(responses) if r.organisation == organisation),
        OrganisationRating(organisation, None, 0, None, 0),
    )
    return OrganisationRating(
        organisation,
        found.trust if found.trust_raters >= least else None,
        found.trust_raters,
        found.value if found.value_raters >= least else None,
        found.value_raters,
    )


@dataclass(frozen=True, slots=True)
class GroupRate:
    """Response in one sector or wijk: how many were invited, how many answered, the rate,
    and ``warning`` when the rate is below :data:`MIN_RATE`."""

    group: str
    invited: int
    responded: int
    rate: float
    warning: bool


@dataclass(frozen=True, slots=True)
class BiasWarning:
    """Where non-response could bias a figure.

    ``level`` is ``round``, ``sector`` or ``wijk``; ``group`` the sector or wijk code (the
    round id for the round); ``reason`` is ``low_rate`` (``value`` is the response rate,
    below :data:`MIN_RATE`) or ``skewed`` (``value`` is the largest difference between a
    sector's share among those who answered and among those invited, above
    :data:`MAX_SHARE_GAP`; ``group`` is that sector, the first by code among equals).
    """

    level: Literal["round", "sector", "wijk"]
    group: str
    reason: Literal["low_rate", "skewed"]
    value: float


@dataclass(frozen=True, slots=True)
class ResponseRates:
    """Response to a round, in all and per sector and wijk, with :class:`BiasWarning` s.

    An organisation serving several wijken counts in each; one serving no wijk (or not in
    the organisations given) counts in the totals only. ``rate`` is ``None`` when no one
    was invited; ``largest_share_gap`` (with its ``skewed_sector``) is ``None`` when no
    one answered.
    """

    invited: int
    responded: int
    rate: float | None
    by_sector: tuple[GroupRate, ...]
    by_wijk: tuple[GroupRate, ...]
    largest_share_gap: float | None
    skewed_sector: str | None
    warnings: tuple[BiasWarning, ...]


def _rates(
    invited: Sequence[str], answered: set[str], groups: Mapping[str, Iterable[str]], min_rate: float
) -> tuple[GroupRate, ...]:
    asked: dict[str, int] = defaultdict(int)
    came: dict[str, int] = defaultdict(int)
    for org in invited:
        for group in set(groups.get(org, ())):
            asked[group] += 1
            came[group] += org in answered
    return tuple(
        GroupRate(
            group,
            asked[group],
            came[group],
            came[group] / asked[group],
            came[group] / asked[group] < min_rate,
        )
        for group in sorted(asked)
    )


def response_rates(
    survey_round: SurveyRound,
    responses: Iterable[Response],
    organisations: Iterable[Organisation],
    *,
    min_rate: float = MIN_RATE,
    max_share_gap: float = MAX_SHARE_GAP,
) -> ResponseRates:
    """How many invited organisations answered (submitted), in all, per sector and per wijk.

    The rule for warnings (:class:`BiasWarning`):

    - a round, sector or wijk whose response rate is below ``min_rate`` (60%): figures
      over it rest on less than the usual minimum and may lean toward those who answered;
    - a round where some sector's share among those who answered differs from its share
      among those invited by more than ``max_share_gap`` (10 points): figures over the
      whole round (reciprocity, mean trust, the gap with the data) over-represent the
      sectors that answered.

    Examples
    --------
    Four care organisations and one housing organisation invited in two wijken; two care
    organisations and the housing one answered:

    >>> from datetime import date
    >>> from graph.periods import Period
    >>> from graph.taxonomy import Sector
    >>> orgs = [Organisation("Z1", "z1", Sector.ZORG, areas=("WK000101",)),
    ...         Organisation("Z2", "z2", Sector.ZORG, areas=("WK000101",)),
    ...         Organisation("Z3", "z3", Sector.ZORG, areas=("WK000102",)),
    ...         Organisation("Z4", "z4", Sector.ZORG, areas=("WK000102",)),
    ...         Organisation("W1", "w1", Sector.WONEN, areas=("BU00010101",))]
    >>> rnd = SurveyRound("R1", "Najaar", Period.parse("2026-Q4"), date(2026, 12, 20),
    ...                   invited=("Z1", "Z2", "Z3", "Z4", "W1"))
    >>> got = response_rates(rnd, [Response("R1", o, submitted=True) for o in ("Z1", "Z2", "W1")], orgs)
    >>> got.rate, [(g.group, g.rate, g.warning) for g in got.by_sector]
    (0.6, [('wonen', 1.0, False), ('zorg', 0.5, True)])
    >>> [(g.group, g.responded, g.invited) for g in got.by_wijk]
    [('WK000101', 3, 3), ('WK000102', 0, 2)]
    >>> round(got.largest_share_gap, 2), got.skewed_sector
    (0.13, 'wonen')
    >>> [(w.level, w.group, w.reason) for w in got.warnings]
    [('round', 'wonen', 'skewed'), ('sector', 'zorg', 'low_rate'), ('wijk', 'WK000102', 'low_rate')]

    With two sectors both differ by the same amount (the shares add up to 1 on both
    sides); the first sector code is named.
    """
    invited = list(survey_round.invited)
    answered = set(latest_submitted(r for r in responses if r.round_id == survey_round.id)) & set(invited)
    known = {o.id: o for o in organisations}
    sectors = {org: (known[org].sector.value,) for org in invited if org in known}
    wijken = {
        org: tuple({w for code in known[org].areas if (w := wijk_of(code))})
        for org in invited
        if org in known
    }
    by_sector = _rates(invited, answered, sectors, min_rate)
    by_wijk = _rates(invited, answered, wijken, min_rate)
    rate = len(answered) / len(invited) if invited else None
    gap, skewed = _largest_share_gap(by_sector)
    warnings: list[BiasWarning] = []
    if rate is not None and rate < min_rate:
        warnings.append(BiasWarning("round", survey_round.id, "low_rate", rate))
    if gap is not None and skewed is not None and gap > max_share_gap:
        warnings.append(BiasWarning("round", skewed, "skewed", gap))
    warnings += [BiasWarning("sector", g.group, "low_rate", g.rate) for g in by_sector if g.warning]
    warnings += [BiasWarning("wijk", g.group, "low_rate", g.rate) for g in by_wijk if g.warning]
    return ResponseRates(
        invited=len(invited),
        responded=len(answered),
        rate=rate,
        by_sector=by_sector,
        by_wijk=by_wijk,
        largest_share_gap=gap,
        skewed_sector=skewed,
        warnings=tuple(warnings),
    )


def _largest_share_gap(by_sector: Sequence[GroupRate]) -> tuple[float | None, str | None]:
    """The sector whose share among responders differs most from its share among the invited."""
    invited = sum(g.invited for g in by_sector)
    responded = sum(g.responded for g in by_sector)
    if not invited or not responded:
        return None, None
    gaps = [(abs(g.responded / responded - g.invited / invited), g.group) for g in by_sector]
    gap, sector = min(gaps, key=lambda item: (-round(item[0], 12), item[1]))  # equal gaps: first code
    return gap, sector


@dataclass(frozen=True, slots=True)
class GapTie:
    """One tie where report and data disagree: who reported it, about whom, and the data
    layers that show it (empty when the data does not show it)."""

    reporter: str
    partner: str
    layers: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class DataGap:
    """Where partners' reports and the data disagree.

    ``rejected``: ties the data showed to a partner that it said do not exist;
    ``unseen``: ties a partner reported (confirmed or added) that the data does not show
    now; ``confirmed``: how many ties the data showed that partners confirmed;
    ``confirmation_rate``: ``confirmed / (confirmed + rejected)``, ``None`` without either;
    ``unknown_partners``: ties reported to an organisation not in the store yet (named
    for the analyst's review, so they cannot be placed).
    """

    confirmed: int
    rejected: tuple[GapTie, ...]
    unseen: tuple[GapTie, ...]
    confirmation_rate: float | None
    unknown_partners: int


def _data_layers(graph: nx.Graph[str], a: str, b: str) -> tuple[str, ...]:
    if not graph.has_edge(a, b):
        return ()
    tie = graph.edges[a, b]
    return tuple(layer for layer in DATA_LAYERS if tie.get(layer, 0) > 0)


def data_gap(responses: Iterable[Response], data: nx.Graph[str]) -> DataGap:
    """Ties the data shows that partners reject, and reported ties the data does not show.

    Parameters
    ----------
    responses : iterable of Response
        The responses of one round (only the latest submitted version of each counts).
    data : networkx.Graph
        An organisation graph (:func:`graph.project.organisation_graph`); only its data
        layers (:data:`DATA_LAYERS`) count, so a tie that is only *reported* is not data.

    Returns
    -------
    DataGap
        Rejected and unseen ties, by reporter and partner.

    Examples
    --------
    The data ties A-B (an agreement) and A-C (referrals). A rejects B, confirms C and adds
    D; B confirms A although the data no longer shows the tie it was asked about:

    >>> from graph.survey import TieAnswer, TieStatus
    >>> data = nx.Graph()
    >>> data.add_edge("A", "B", agreements=1, professionals=0, referrals=0, reported=0)
    >>> data.add_edge("A", "C", agreements=0, professionals=0, referrals=5, reported=1)
    >>> data.add_edge("B", "C", agreements=0, professionals=0, referrals=0, reported=1)
    >>> a = Response("R1", "A", submitted=True, ties=(TieAnswer("B", TieStatus.REJECTED),
    ...     TieAnswer("C", TieStatus.CONFIRMED), TieAnswer("D", TieStatus.ADDED),
    ...     TieAnswer("", TieStatus.ADDED, new_name="Buurtkamer")))
    >>> c = Response("R1", "C", submitted=True, ties=(TieAnswer("B", TieStatus.CONFIRMED),))
    >>> gap = data_gap([a, c], data)
    >>> gap.rejected, gap.confirmed, gap.confirmation_rate, gap.unknown_partners
    ((GapTie(reporter='A', partner='B', layers=('agreements',)),), 2, 0.6666666666666666, 1)
    >>> [(t.reporter, t.partner) for t in gap.unseen]
    [('A', 'D'), ('C', 'B')]
    """
    confirmed, unknown = 0, 0
    rejected: list[GapTie] = []
    unseen: list[GapTie] = []
    for reporter, response in latest_submitted(responses).items():
        for tie in response.ties:
            if not tie.partner:
                unknown += tie.is_tie
                continue
            if tie.partner == reporter:
                continue
            layers = _data_layers(data, reporter, tie.partner)
            if tie.status is TieStatus.REJECTED:
                rejected.append(GapTie(reporter, tie.partner, layers))
                continue
            confirmed += tie.status is TieStatus.CONFIRMED
            if not layers:
                unseen.append(GapTie(reporter, tie.partner, ()))
    asked = confirmed + len(rejected)
    return DataGap(
        confirmed=confirmed,
        rejected=tuple(rejected),
        unseen=tuple(unseen),
        confirmation_rate=confirmed / asked if asked else None,
        unknown_partners=unknown,
    )


def _difference(before: float | None, after: float | None) -> float | None:
    return None if before is None or after is None else after - before


@dataclass(frozen=True, slots=True)
class TieChange:
    """Trust and value of one tie (``a < b``) in two rounds, and the change (after minus
    before; ``None`` where either round has no rating)."""

    a: str
    b: str
    trust_before: float | None
    trust_after: float | None
    trust_change: float | None
    value_before: float | None
    value_after: float | None
    value_change: float | None


@dataclass(frozen=True, slots=True)
class OrganisationChange:
    """Trust and value of one organisation as rated by others in two rounds, and the change."""

    organisation: str
    trust_before: float | None
    trust_after: float | None
    trust_change: float | None
    value_before: float | None
    value_after: float | None
    value_change: float | None


@dataclass(frozen=True, slots=True)
class RoundChange:
    """One round against an earlier one.

    ``new_ties``: pairs named in the later round and not in the earlier one, where at
    least one of the two answered the earlier round; ``lost_ties``: the reverse, named
    before and not after although at least one of the two answered the later round;
    ``not_comparable``: pairs named in one round whose two organisations both did not
    answer the other round (nothing can be said of them). ``ties`` and
    ``organisations``: trust and value where both rounds rated them.
    """

    new_ties: tuple[Pair, ...]
    lost_ties: tuple[Pair, ...]
    not_comparable: int
    ties: tuple[TieChange, ...]
    organisations: tuple[OrganisationChange, ...]


def compare_rounds(before: Iterable[Response], after: Iterable[Response]) -> RoundChange:
    """New and lost reported ties, and changes in trust and value, from one round to the next.

    Examples
    --------
    Round 1: A names B (trust 2) and C. Round 2: A names B (trust 4) and D; C did not
    answer round 2; D did not answer round 1 and E named F in round 2 with neither
    answering round 1:

    >>> from graph.survey import TieAnswer, TieStatus
    >>> def said(rnd, org, *ties):
    ...     answers = tuple(TieAnswer(p, TieStatus.CONFIRMED, ratings=r) for p, r in ties)
    ...     return Response(rnd, org, ties=answers, submitted=True)
    >>> one = [said("R1", "A", ("B", (("open", 2),)), ("C", ())), said("R1", "C")]
    >>> two = [said("R2", "A", ("B", (("open", 4),)), ("D", ())), said("R2", "E", ("F", ()))]
    >>> change = compare_rounds(one, two)
    >>> change.new_ties, change.lost_ties, change.not_comparable
    ((('A', 'D'),), (('A', 'C'),), 1)
    >>> change.ties[0].trust_before, change.ties[0].trust_after, change.ties[0].trust_change
    (2.0, 4.0, 2.0)
    """
    early, late = latest_submitted(before), latest_submitted(after)
    then, now = set(_named(early)), set(_named(late))
    new = sorted(p for p in now - then if p[0] in early or p[1] in early)
    lost = sorted(p for p in then - now if p[0] in late or p[1] in late)
    not_comparable = len(now ^ then) - len(new) - len(lost)
    tie_then = {(t.a, t.b): t for t in tie_ratings(early.values())}
    tie_now = {(t.a, t.b): t for t in tie_ratings(late.values())}
    ties = [
        TieChange(
            a,
            b,
            tie_then[a, b].trust,
            tie_now[a, b].trust,
            _difference(tie_then[a, b].trust, tie_now[a, b].trust),
            tie_then[a, b].value,
            tie_now[a, b].value,
            _difference(tie_then[a, b].value, tie_now[a, b].value),
        )
        for a, b in sorted(tie_then.keys() & tie_now.keys())
    ]
    org_then = {r.organisation: r for r in organisation_ratings(early.values())}
    org_now = {r.organisation: r for r in organisation_ratings(late.values())}
    organisations = [
        OrganisationChange(
            org,
            org_then[org].trust,
            org_now[org].trust,
            _difference(org_then[org].trust, org_now[org].trust),
            org_then[org].value,
            org_now[org].value,
            _difference(org_then[org].value, org_now[org].value),
        )
        for org in sorted(org_then.keys() & org_now.keys())
    ]
    return RoundChange(
        new_ties=tuple(new),
        lost_ties=tuple(lost),
        not_comparable=not_comparable,
        ties=tuple(t for t in ties if t.trust_change is not None or t.value_change is not None),
        organisations=tuple(
            o for o in organisations if o.trust_change is not None or o.value_change is not None
        ),
    )


def coffee_matches(responses: Iterable[Response]) -> list[Pair]:
    """Pairs (``a < b``) where both said *interested* in meeting the other: a coffee match.

    >>> from graph.survey import SuggestionAnswer
    >>> def wants(org, *answers):
    ...     given = tuple(SuggestionAnswer(p, Interest(a)) for p, a in answers)
    ...     return Response("R1", org, suggestions=given, submitted=True)
    >>> coffee_matches([wants("A", ("B", "interested"), ("C", "interested")),
    ...                 wants("B", ("A", "interested")), wants("C", ("A", "known"))])
    [('A', 'B')]
    """
    interested = {
        (org, s.partner)
        for org, response in latest_submitted(responses).items()
        for s in response.suggestions
        if s.answer is Interest.INTERESTED and s.partner != org
    }
    return sorted({pair_key(a, b) for a, b in interested if (b, a) in interested})


@dataclass(frozen=True, slots=True)
class RoundSummary:
    """One round in brief: its id, name, period code, closing date, when it was closed
    (``None`` while open), how many were invited, how many answered and the rate."""

    id: str
    name: str
    period: str
    closes: str
    closed_at: str | None
    invited: int
    responded: int
    response_rate: float | None


@dataclass(frozen=True, slots=True)
class SurveySummary:
    """Every round in brief, and one round analysed in full (:func:`survey_summary`)."""

    rounds: tuple[RoundSummary, ...]
    round: str
    closed: bool
    response: ResponseRates
    reciprocity: Reciprocity
    ties: tuple[TieRating, ...]
    organisations: tuple[OrganisationRating, ...]
    gap: DataGap
    coffee_matches: tuple[Pair, ...]
    previous: str | None
    change: RoundChange | None


def newest_first(rounds: Iterable[SurveyRound]) -> list[SurveyRound]:
    """Rounds from the newest to the oldest: by creation time, then period, then id."""
    return sorted(rounds, key=lambda r: (r.created_at, r.period, r.id), reverse=True)


def survey_summary(
    rounds: Iterable[SurveyRound],
    responses: Mapping[str, Iterable[Response]],
    organisations: Iterable[Organisation],
    data: nx.Graph[str],
) -> SurveySummary | None:
    """What partners reported: every round in brief, one round in full, against the one before.

    The round analysed in full is the latest *closed* round (its answers are final); while
    no round is closed, the newest round, with the answers submitted so far (``closed`` is
    then false). It is compared with the round created just before it, when there is one.

    Parameters
    ----------
    rounds : iterable of SurveyRound
        Every round (``Store.rounds``).
    responses : mapping
        Round id to its responses (latest versions, or whole histories); only the latest
        submitted version of each organisation counts.
    organisations : iterable of Organisation
        For the sectors and wijken of the response rates.
    data : networkx.Graph
        The organisation graph the reports are held against (:func:`data_gap`).

    Returns
    -------
    SurveySummary or None
        ``None`` when there is no round.

    Examples
    --------
    >>> from datetime import date
    >>> from graph.periods import Period
    >>> q3, q4 = Period.parse("2026-Q3"), Period.parse("2026-Q4")
    >>> one = SurveyRound("R1", "Zomer", q3, date(2026, 9, 30), ("A", "B"), created_at="2026-07-01",
    ...                   closed_at="2026-10-01T09:00:00")
    >>> two = SurveyRound("R2", "Najaar", q4, date(2026, 12, 20), ("A", "B"), created_at="2026-10-02")
    >>> s = survey_summary([two, one], {"R1": [Response("R1", "A", submitted=True)]}, [], nx.Graph())
    >>> s.round, s.closed, s.previous, [(r.id, r.responded) for r in s.rounds]
    ('R1', True, None, [('R2', 0), ('R1', 1)])
    """
    ordered = newest_first(rounds)
    if not ordered:
        return None
    orgs = list(organisations)
    chosen = next((r for r in ordered if r.closed_at is not None), ordered[0])
    earlier = ordered[ordered.index(chosen) + 1 :]
    previous = earlier[0] if earlier else None
    answers = {r.id: list(latest_submitted(responses.get(r.id, ())).values()) for r in ordered}
    brief = []
    for r in ordered:
        rates = response_rates(r, answers[r.id], ())
        brief.append(
            RoundSummary(
                r.id,
                r.name,
                r.period.code,
                r.closes.isoformat(),
                r.closed_at,
                rates.invited,
                rates.responded,
                rates.rate,
            )
        )
    mine = answers[chosen.id]
    return SurveySummary(
        rounds=tuple(brief),
        round=chosen.id,
        closed=chosen.closed_at is not None,
        response=response_rates(chosen, mine, orgs),
        reciprocity=reciprocity(mine),
        ties=tuple(tie_ratings(mine)),
        organisations=tuple(organisation_ratings(mine)),
        gap=data_gap(mine, data),
        coffee_matches=tuple(coffee_matches(mine)),
        previous=previous.id if previous else None,
        change=compare_rounds(answers[previous.id], mine) if previous else None,
    )
