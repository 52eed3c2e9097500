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

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from graph.taxonomy import Language, Sector

__all__ = [
    "Reason",
    "absent_sector",
    "ambassador_share",
    "different_sectors",
    "direct_tie",
    "joint_agreements",
    "no_referrals",
    "path_through",
    "ping_pong_volumes",
    "referrals_both_ways",
    "sector_gap",
    "shared_areas",
    "shared_partners",
    "shared_role",
    "summary",
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
    """``3 gedeelde partners, o.a. A en B`` / ``3 shared partners, including A and B``."""
    nl, en = (
        _plural(count, "gedeelde partner", "gedeelde partners"),
        _plural(count, "shared partner", "shared partners"),
    )
    if names:
        listed = list(names[:_MAX_LISTED])
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


def unagreed_volume(forward: int, backward: int, threshold: float) -> Reason:
    """Heavy referral volume between two organisations without a common agreement."""
    total = forward + backward
    return Reason(
        "unagreed-flow",
        f"{total} verwijzingen ({forward} heen, {backward} terug; drempel {threshold:g}) "
        "zonder gezamenlijke afspraak",
        f"{total} referrals ({forward} one way, {backward} back; threshold {threshold:g}) "
        "without a common agreement",
        float(total),
    )


def ping_pong_volumes(forward: int, backward: int, threshold: float) -> Reason:
    """Heavy referral volume both ways."""
    return Reason(
        "ping-pong",
        f"{forward} verwijzingen heen en {backward} terug (drempel {threshold:g} per richting)",
        f"{forward} referrals one way and {backward} back (threshold {threshold:g} each way)",
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
