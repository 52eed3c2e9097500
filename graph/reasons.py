"""Readable reasons, in Dutch and English, for suggestions and findings.

Every suggestion of ``graph.chances`` and ``graph.coffee`` and every finding carries a
tuple of :class:`Reason`: a stable ``code`` for programs, a Dutch (``nl``) and an English
(``en``) sentence fragment for people, and a ``weight``. For a suggestion the weights add
up to its score; for a finding the weight is the size that ranked it (a volume, a share).
All the wording lives in this module, so the two languages stay in step.

Areas are shown by name when the caller passes ``area_names`` (code -> name), else by
code; sectors by their label (``Sector.label``), in lower case inside a sentence.

>>> reasons = (shared_partners(3, ("CJG", "Leerplicht"), weight=1.2),
...            shared_areas(("WK990102",), {"WK990102": "Noord"}, weight=1.0),
...            sector_gap("wonen", "zorg", ("WK990102",), {"WK990102": "Noord"}, weight=1.5))
>>> summary(reasons, "en")
'3 shared partners, including CJG and Leerplicht; both active in Noord; housing and care have no tie in Noord'
>>> summary(reasons)
'3 gedeelde partners, o.a. CJG en Leerplicht; beide actief in Noord; wonen en zorg hebben geen band in Noord'
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from graph.taxonomy import Language, Sector

__all__ = [
    "Reason",
    "absent_sector",
    "ambassador_share",
    "different_kvk",
    "different_sectors",
    "direct_tie",
    "high_need",
    "introduced_by",
    "joint_agreements",
    "location_of",
    "missing_partner",
    "name_extends",
    "no_referrals",
    "path_through",
    "ping_pong_volumes",
    "referrals_both_ways",
    "same_kvk",
    "same_name",
    "same_sector",
    "sector_gap",
    "shared_areas",
    "shared_partners",
    "shared_role",
    "similar_name",
    "sparse_ties",
    "specialist_overlap",
    "summary",
    "thin_coverage",
    "unagreed_volume",
]

_MAX_LISTED = 3  # longer lists are counted, not spelled out


@dataclass(frozen=True, slots=True)
class Reason:
    """One reason, readable in Dutch and English.

    ``weight`` is what the reason adds to a suggestion's score, or the size of a finding.

    >>> Reason("shared-partners", "3 gedeelde partners", "3 shared partners", 1.5).text("en")
    '3 shared partners'
    """

    code: str
    nl: str
    en: str
    weight: float = 0.0

    def text(self, language: Language = "nl") -> str:
        """The reason in Dutch (``"nl"``) or English (``"en"``)."""
        return self.nl if language == "nl" else self.en


def summary(reasons: Iterable[Reason], language: Language = "nl") -> str:
    """The reasons as one line, joined by ``"; "``."""
    return "; ".join(reason.text(language) for reason in reasons)


def _plural(count: int, one: str, many: str) -> str:
    return f"{count} {one if count == 1 else many}"


def _join(items: Sequence[str], language: Language) -> str:
    word = " en " if language == "nl" else " and "
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + word + items[-1]


def _sector(code: str, language: Language) -> str:
    try:
        label = Sector(code).label(language).lower()
    except ValueError:
        return code
    return f"'{label}'" if " en " in label or " and " in label else label


def _areas(codes: Sequence[str], names: Mapping[str, str] | None, language: Language) -> str:
    if len(codes) > _MAX_LISTED:
        return _plural(len(codes), "wijk", "wijken") if language == "nl" else f"{len(codes)} districts"
    return _join([(names or {}).get(code, code) for code in codes], language)


def _fte(value: float, language: Language) -> str:
    text = f"{value:.1f}"
    return text.replace(".", ",") if language == "nl" else text


def shared_partners(count: int, names: Sequence[str] = (), *, weight: float = 0.0) -> Reason:
    """``3 gedeelde partners, o.a. A en B`` / ``3 shared partners, including A and B``.

    >>> shared_partners(1, ["CJG"]).text("nl"), shared_partners(3, ["CJG", "GGD"]).text("en")
    ('1 gedeelde partner: CJG', '3 shared partners, including CJG and GGD')
    """
    nl, en = (
        _plural(count, "gedeelde partner", "gedeelde partners"),
        _plural(count, "shared partner", "shared partners"),
    )
    if names:
        listed = list(names[:_MAX_LISTED])
        if len(listed) >= count:  # every partner named: no "among others"
            nl, en = f"{nl}: {_join(listed, 'nl')}", f"{en}: {_join(listed, 'en')}"
        else:
            nl, en = f"{nl}, o.a. {_join(listed, 'nl')}", f"{en}, including {_join(listed, 'en')}"
    return Reason("shared-partners", nl, en, weight)


def shared_areas(codes: Sequence[str], names: Mapping[str, str] | None, *, weight: float = 0.0) -> Reason:
    """``beide actief in Noord`` / ``both active in Noord``."""
    return Reason(
        "shared-areas",
        f"beide actief in {_areas(codes, names, 'nl')}",
        f"both active in {_areas(codes, names, 'en')}",
        weight,
    )


def different_sectors(a: str, b: str, *, weight: float = 0.0) -> Reason:
    """``verschillende sectoren: wonen en zorg`` / ``different sectors: housing and care``."""
    return Reason(
        "different-sectors",
        f"verschillende sectoren: {_sector(a, 'nl')} en {_sector(b, 'nl')}",
        f"different sectors: {_sector(a, 'en')} and {_sector(b, 'en')}",
        weight,
    )


def sector_gap(
    a: str, b: str, codes: Sequence[str], names: Mapping[str, str] | None, *, weight: float = 0.0
) -> Reason:
    """``wonen en zorg hebben geen band in Noord`` / ``housing and care have no tie in Noord``."""
    return Reason(
        "sector-gap",
        f"{_sector(a, 'nl')} en {_sector(b, 'nl')} hebben geen band in {_areas(codes, names, 'nl')}",
        f"{_sector(a, 'en')} and {_sector(b, 'en')} have no tie in {_areas(codes, names, 'en')}",
        weight,
    )


def same_sector(code: str, share: float, *, weight: float = 0.0) -> Reason:
    """``zelfde sector (zorg), 40% van de partners gedeeld: ...`` and its English form.

    ``share`` is the shared partners over all partners of the two (Jaccard).

    >>> same_sector("zorg", 0.4).nl
    'zelfde sector (zorg), 40% van de partners gedeeld: dubbel aanbod of concurrentie?'
    """
    return Reason(
        "same-sector",
        f"zelfde sector ({_sector(code, 'nl')}), {share:.0%} van de partners gedeeld: "
        "dubbel aanbod of concurrentie?",
        f"same sector ({_sector(code, 'en')}), {share:.0%} of partners shared: duplication or competition?",
        weight,
    )


def specialist_overlap(role: str, codes: Sequence[str], names: Mapping[str, str] | None) -> Reason:
    """``beide hebben een eigen vastgoedbeheerder in Oost: deel één specialist`` and its English form.

    >>> specialist_overlap("vastgoedbeheerder", ("WK03",), {"WK03": "Oost"}).en
    'both have their own vastgoedbeheerder in Oost: share one specialist'
    """
    return Reason(
        "shared-specialist",
        f"beide hebben een eigen {role} in {_areas(codes, names, 'nl')}: deel één specialist",
        f"both have their own {role} in {_areas(codes, names, 'en')}: share one specialist",
        0.0,
    )


def introduced_by(name: str) -> Reason:
    """``CJG kan hen voorstellen`` / ``CJG can introduce them``: the introducer of a suggestion.

    >>> introduced_by("CJG").nl
    'CJG kan hen voorstellen'
    """
    return Reason("introducer", f"{name} kan hen voorstellen", f"{name} can introduce them", 0.0)


def absent_sector(sector: str, code: str, names: Mapping[str, str] | None, elsewhere: int) -> Reason:
    """``geen organisatie voor jeugd in Noord (3 elders)`` / ``no youth organisation serves ...``."""
    return Reason(
        "absent-sector",
        f"geen organisatie voor {_sector(sector, 'nl')} in {_areas((code,), names, 'nl')} "
        f"({elsewhere} elders)",
        f"no {_sector(sector, 'en')} organisation serves {_areas((code,), names, 'en')} "
        f"({elsewhere} serve other districts)",
        float(elsewhere),
    )


def no_referrals(parties: int) -> Reason:
    """``geen verwijzingen tussen de 3 partijen`` / ``no referrals between its 3 parties``."""
    return Reason(
        "no-referrals",
        f"geen verwijzingen tussen de {parties} partijen",
        f"no referrals between its {parties} parties",
        float(parties),
    )


def _at_least(threshold: float) -> int:
    """The fewest whole referrals that reach ``threshold`` (counts are whole: ``>= 150.2`` is ``>= 151``).

    >>> _at_least(150.2), _at_least(3.0)
    (151, 3)
    """
    return math.ceil(threshold)


def unagreed_volume(forward: int, backward: int, threshold: float) -> Reason:
    """Heavy referral volume between two organisations without a common agreement."""
    total = forward + backward
    return Reason(
        "unagreed-flow",
        f"{_plural(total, 'verwijzing', 'verwijzingen')} ({forward} heen, {backward} terug; "
        f"drempel {_at_least(threshold)}) zonder gezamenlijke afspraak",
        f"{_plural(total, 'referral', 'referrals')} ({forward} one way, {backward} back; "
        f"threshold {_at_least(threshold)}) without a common agreement",
        float(total),
    )


def ping_pong_volumes(forward: int, backward: int, threshold: float) -> Reason:
    """Heavy referral volume both ways.

    >>> ping_pong_volumes(1, 3, 1.0).en
    '1 referral one way and 3 back (threshold 1 each way)'
    """
    return Reason(
        "ping-pong",
        f"{_plural(forward, 'verwijzing', 'verwijzingen')} heen en {backward} terug "
        f"(drempel {_at_least(threshold)} per richting)",
        f"{_plural(forward, 'referral', 'referrals')} one way and {backward} back "
        f"(threshold {_at_least(threshold)} each way)",
        float(min(forward, backward)),
    )


def ambassador_share(share: float, referrals: int, employers: Sequence[str]) -> Reason:
    """``82% van 150 verwijzingen naar de eigen werkgever (X)`` and its English form."""
    listed = list(employers[:_MAX_LISTED])
    return Reason(
        "own-employer",
        f"{share:.0%} van {referrals} verwijzingen naar de eigen werkgever ({_join(listed, 'nl')})",
        f"{share:.0%} of {referrals} referrals to their own employer ({_join(listed, 'en')})",
        share,
    )


def shared_role(
    role: str, organisations: int, codes: Sequence[str], names: Mapping[str, str] | None, fte: float
) -> Reason:
    """The same role at several organisations in one area, each at a small fte."""
    return Reason(
        "shared-role",
        f"{organisations} organisaties in {_areas(codes, names, 'nl')} hebben elk een {role} "
        f"(samen {_fte(fte, 'nl')} fte)",
        f"{organisations} organisations in {_areas(codes, names, 'en')} each have a {role} "
        f"({_fte(fte, 'en')} fte together)",
        fte,
    )


def joint_agreements(names: Sequence[str]) -> Reason:
    """``2 gezamenlijke afspraken: A en B`` / ``2 joint agreements: A and B``."""
    count, listed = len(names), list(names[:_MAX_LISTED])
    nl = _plural(count, "gezamenlijke afspraak", "gezamenlijke afspraken")
    en = _plural(count, "joint agreement", "joint agreements")
    if listed:
        nl, en = f"{nl}: {_join(listed, 'nl')}", f"{en}: {_join(listed, 'en')}"
    return Reason("joint-agreements", nl, en, float(count))


def referrals_both_ways(forward: int, backward: int) -> Reason:
    """``12 verwijzingen heen, 3 terug`` / ``12 referrals one way, 3 back``."""
    return Reason(
        "referrals",
        f"{forward} verwijzingen heen, {backward} terug",
        f"{forward} referrals one way, {backward} back",
        float(forward + backward),
    )


def direct_tie() -> Reason:
    """``al direct verbonden`` / ``already tied directly``."""
    return Reason("direct-tie", "al direct verbonden", "already tied directly", 1.0)


def path_through(names: Sequence[str]) -> Reason:
    """``verbonden via A`` / ``connected through A`` (the inner nodes of a shortest path)."""
    if not names:
        return Reason("no-path", "geen verbinding in het netwerk", "not connected in the network", 0.0)
    return Reason(
        "path",
        f"verbonden via {' → '.join(names)}",
        f"connected through {' → '.join(names)}",
        float(len(names) + 1),
    )


# --------------------------------------------------------------------------- needs versus coverage


def _figure(value: float, language: Language, decimals: int = 1, *, keep: bool = False) -> str:
    """A number with a decimal comma (nl) or point (en); ``keep`` keeps trailing zeros."""
    text = f"{value:,.{decimals}f}"
    if not keep and "." in text:
        text = text.rstrip("0").rstrip(".")
    return text.translate(str.maketrans(",.", ".,")) if language == "nl" else text


def _rate(value: float, language: Language) -> str:
    """A rate (per 1,000 or 10,000 residents): whole numbers from 10 up, else one decimal."""
    return _figure(value, language, 0 if abs(value) >= 10 else 1)


def _need_text(label: str, unit: str, value: float, median: float, language: Language) -> str:
    if unit == "%":
        v, m = _figure(value, language), _figure(median, language)
        where = "mediaan gemeente" if language == "nl" else "municipal median"
        return f"{v}% {label} ({where} {m}%)"
    v, m = _rate(value, language), _rate(median, language)
    if language == "nl":
        return f"{v} {label} per 1.000 inwoners (mediaan gemeente {m})"
    return f"{v} {label} per 1,000 residents (municipal median {m})"


def high_need(labels: tuple[str, str], unit: str, value: float, median: float, *, weight: float) -> Reason:
    """``22% jongeren onder 15 (mediaan gemeente 15%)`` / ``... (municipal median 15%)``.

    ``labels`` are the Dutch and English labels of the measure; ``unit`` is ``"%"`` or
    ``"‰"`` (per 1,000 residents); ``weight`` its standard score.
    """
    return Reason(
        "high-need",
        _need_text(labels[0], unit, value, median, "nl"),
        _need_text(labels[1], unit, value, median, "en"),
        weight,
    )


def missing_partner(sector: str, needs: tuple[Sequence[str], Sequence[str]], *, weight: float) -> Reason:
    """``geen jeugd-partner (voor jongeren onder 15)`` / ``no youth partner (for young people under 15)``.

    ``needs`` are the Dutch and English labels of the high needs this sector answers.
    """
    nl, en = _sector(sector, "nl"), _sector(sector, "en")
    nl = f"geen {nl}-partner" if " " not in nl else f"geen partner voor {nl.strip(chr(39))}"
    en = f"no {en} partner" if " " not in en else f"no partner for {en.strip(chr(39))}"
    if needs[0]:
        nl, en = f"{nl} (voor {_join(list(needs[0]), 'nl')})", f"{en} (for {_join(list(needs[1]), 'en')})"
    return Reason("missing-partner", nl, en, weight)


def thin_coverage(per_10k: float, median: float, *, weight: float) -> Reason:
    """``2 organisaties per 10.000 inwoners (mediaan 6)`` and its English form."""
    return Reason(
        "thin-coverage",
        f"{_rate(per_10k, 'nl')} organisaties per 10.000 inwoners (mediaan {_rate(median, 'nl')})",
        f"{_rate(per_10k, 'en')} organisations per 10,000 residents (median {_rate(median, 'en')})",
        weight,
    )


def sparse_ties(per_organisation: float | None, median: float, *, weight: float) -> Reason:
    """``1,5 samenwerkingen per organisatie (mediaan 4,0)`` / ``1.5 ties per organisation (median 4.0)``.

    ``per_organisation`` is the mean number of partners an organisation has among the others
    serving the wijk; ``None`` means fewer than two organisations, so no tie is possible.

    >>> sparse_ties(1.5, 4.0, weight=1.0).nl
    '1,5 samenwerkingen per organisatie (mediaan 4,0)'
    >>> sparse_ties(None, 4.0, weight=1.0).en
    'no ties: fewer than 2 organisations (median 4.0 ties per organisation)'
    """
    m_nl, m_en = _figure(median, "nl", 1, keep=True), _figure(median, "en", 1, keep=True)
    if per_organisation is None:
        return Reason(
            "sparse-ties",
            f"geen samenwerkingen: minder dan 2 organisaties (mediaan {m_nl} samenwerkingen per organisatie)",
            f"no ties: fewer than 2 organisations (median {m_en} ties per organisation)",
            weight,
        )
    return Reason(
        "sparse-ties",
        f"{_figure(per_organisation, 'nl', 1, keep=True)} samenwerkingen per organisatie (mediaan {m_nl})",
        f"{_figure(per_organisation, 'en', 1, keep=True)} ties per organisation (median {m_en})",
        weight,
    )


# -- probable duplicates (graph.duplicates) ---------------------------------------------


def same_kvk(kvk: str, *, weight: float) -> Reason:
    """``zelfde KvK-nummer 41234567`` / ``same KvK number 41234567``."""
    return Reason("same-kvk", f"zelfde KvK-nummer {kvk}", f"same KvK number {kvk}", weight)


def different_kvk(a: str, b: str, *, weight: float) -> Reason:
    """``verschillende KvK-nummers (A en B)`` / ``different KvK numbers (A and B)``."""
    return Reason(
        "different-kvk",
        f"verschillende KvK-nummers ({a} en {b})",
        f"different KvK numbers ({a} and {b})",
        weight,
    )


def same_name(folded: str, *, weight: float) -> Reason:
    """The same name once legal form, article, case, accents and punctuation are ignored."""
    return Reason(
        "same-name",
        f"zelfde naam zonder rechtsvorm en leestekens ('{folded}')",
        f"same name once legal form and punctuation are ignored ('{folded}')",
        weight,
    )


def similar_name(left: str, right: str, edits: int, *, weight: float) -> Reason:
    """``namen verschillen alleen in 'buurtzorg' / 'buurtzrog' (1 letter)`` and its English form."""
    return Reason(
        "similar-name",
        f"namen verschillen alleen in '{left}' / '{right}' ({_plural(edits, 'letter', 'letters')})",
        f"names differ only in '{left}' / '{right}' ({_plural(edits, 'letter', 'letters')})",
        weight,
    )


def location_of(umbrella: str, place: str, *, weight: float) -> Reason:
    """``naam is 'Buurtzorg' plus de plaats 'utrecht west', zelfde sector`` and its English form."""
    return Reason(
        "location",
        f"naam is '{umbrella}' plus de plaats '{place}', zelfde sector",
        f"name is '{umbrella}' plus the place '{place}', same sector",
        weight,
    )


def name_extends(umbrella: str, extra: str, *, weight: float) -> Reason:
    """``naam is 'Buurtzorg' plus 'thuiszorg', zelfde sector`` and its English form."""
    return Reason(
        "name-extends",
        f"naam is '{umbrella}' plus '{extra}', zelfde sector",
        f"name is '{umbrella}' plus '{extra}', same sector",
        weight,
    )
