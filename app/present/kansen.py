"""What the Kansen page shows, as plain data: chances to meet, gaps per wijk, agreements versus practice.

Two lists of chances: "kennismaken" (complementary sectors that serve the same residents,
from :func:`spread_suggestions`) and "afstemmen" (one sector with overlapping partners
and wijken, from the analysis' ``overlaps``), each with an introducer. Each table has its
reasons in Dutch or English, from ``services().analysis(filters)``; professionals appear
by their pseudonymous id only.

>>> _reasons([{"nl": "gedeelde partners", "en": "shared partners"}, {"en": "same wijk"}], "en")
'shared partners; same wijk'
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any, Final

import networkx as nx

from app.i18n import Language, Texts
from app.present.common import SHARED_TEXTS, Row, Section, listing, names_of, sector_label, text_section
from graph.analysis import plain
from graph.chances import suggest_links
from graph.survey import Interest, ReportedTie, pair_key

__all__ = [
    "TOP",
    "Chances",
    "T",
    "chance_sections",
    "known_pairs",
    "mark_answers",
    "partners_said",
    "spread_suggestions",
]

TOP: Final = 50
"""How many kennismaken chances the Kansen page lists."""

T: Final = Texts(
    {
        **SHARED_TEXTS,
        "links": ("Kennismaken", "Get acquainted"),
        "links-meaning": (
            "Organisaties uit elkaar aanvullende sectoren die dezelfde inwoners bedienen (zelfde partners, "
            "zelfde wijk) maar (nog) niet samenwerken; geen organisatie meer dan twee keer per twintig.",
            "Organisations of complementary sectors that serve the same residents (same partners, same "
            "district) but do not work together (yet); no organisation more than twice in any twenty.",
        ),
        "partners": ("Partners zeiden", "Partners said"),
        "match": ("Koffiematch: beide willen kennismaken", "Coffee match: both want to meet"),
        "wants": ("{name} wil kennismaken", "{name} wants to meet"),
        "declines": ("{name}: liever niet", "{name}: rather not"),
        "left-out": (
            "{count} voorstel(len) weggelaten: partners zeiden in een enquête dat ze elkaar al kennen of "
            "al samenwerken.",
            "{count} suggestion(s) left out: partners said in a survey that they know each other already "
            "or already work together.",
        ),
        "links-action": (
            "Vraag de partner bij 'Introductie via' om ze voor te stellen: "
            "een koffieafspraak is een goed begin.",
            "Ask the partner under 'Introduced by' to introduce them: a coffee meeting is a good start.",
        ),
        "overlaps": ("Afstemmen", "Coordinate"),
        "overlaps-meaning": (
            "Organisaties uit dezelfde sector met grotendeels dezelfde partners en wijken, zonder band: "
            "mogelijk dubbel aanbod of concurrentie.",
            "Organisations of one sector with largely the same partners and districts, without a tie: "
            "possible duplication or competition.",
        ),
        "overlaps-action": (
            "Bespreek wie wat doet; een gedeelde specialist kan de overlap benutten.",
            "Discuss who does what; a shared specialist can turn the overlap to use.",
        ),
        "introducer": ("Introductie via", "Introduced by"),
        "sector-a": ("Sector A", "Sector A"),
        "sector-b": ("Sector B", "Sector B"),
        "score": ("Score", "Score"),
        "reasons": ("Redenen", "Reasons"),
        "absent": ("Ontbrekende sectoren per wijk", "Sectors absent per district"),
        "absent-meaning": (
            "Geen enkele organisatie uit deze sector is actief in de wijk.",
            "No organisation of this sector works in the district.",
        ),
        "absent-action": (
            "Vraag een stedelijke partner uit deze sector om de wijk te bedienen.",
            "Ask a citywide partner of this sector to serve the district.",
        ),
        "sector-gaps": ("Sectoren zonder band", "Sectors without a tie"),
        "sector-gaps-meaning": (
            "Twee sectoren zijn allebei actief in de wijk, maar werken daar niet samen.",
            "Two sectors both work in the district, but not with each other there.",
        ),
        "sector-gaps-action": (
            "Organiseer een wijkoverleg met beide sectoren aan tafel.",
            "Hold a district meeting with both sectors at the table.",
        ),
        "sectors": ("Sectoren", "Sectors"),
        "counts": ("Organisaties per sector", "Organisations per sector"),
        "specialists": ("Gedeelde specialist", "Shared specialist"),
        "specialists-meaning": (
            "Meerdere organisaties in een wijk hebben elk een kleine aanstelling voor dezelfde rol.",
            "Several organisations in a district each have a small post for the same role.",
        ),
        "specialists-action": (
            "Overweeg één gedeelde specialist voor deze organisaties.",
            "Consider one shared specialist for these organisations.",
        ),
        "role": ("Rol", "Role"),
        "organisations": ("Organisaties", "Organisations"),
        "professionals": ("Professionals", "Professionals"),
        "fte": ("fte", "fte"),
        "paper": ("Afspraken op papier", "Agreements on paper"),
        "paper-meaning": (
            "Afspraken waarbij de partijen elkaar in de praktijk niet verwijzen.",
            "Agreements whose parties do not refer to each other in practice.",
        ),
        "paper-action": (
            "Bespreek met de partijen of de afspraak nog leeft: vernieuwen of beëindigen.",
            "Ask the parties whether the agreement is alive: renew or end it.",
        ),
        "agreement": ("Afspraak", "Agreement"),
        "kind": ("Soort", "Kind"),
        "parties": ("Partijen", "Parties"),
        "unagreed": ("Drukke lijnen zonder afspraak", "Busy lines without an agreement"),
        "unagreed-meaning": (
            "Veel verwijzingen tussen twee organisaties zonder gezamenlijke afspraak.",
            "Many referrals between two organisations without a common agreement.",
        ),
        "unagreed-action": (
            "Leg deze drukke samenwerking vast in een werkafspraak.",
            "Put this busy collaboration in a working agreement.",
        ),
        "a-to-b": ("A naar B", "A to B"),
        "b-to-a": ("B naar A", "B to A"),
        "volume": ("Totaal", "Total"),
        "ping-pong": ("Pingpong", "Ping-pong"),
        "ping-pong-meaning": (
            "Cliënten gaan veel heen en weer tussen twee organisaties.",
            "Clients go back and forth a lot between two organisations.",
        ),
        "ping-pong-action": (
            "Zoek uit waarom cliënten terugkomen en spreek af wie de regie houdt.",
            "Find out why clients come back and agree who keeps the lead.",
        ),
        "ambassadors": ("Ambassadeurs", "Ambassadors"),
        "ambassadors-meaning": (
            "Welk deel van de verwijzingen van een professional naar de eigen werkgever gaat.",
            "Which share of a professional's referrals goes to their own employer.",
        ),
        "ambassadors-action": (
            "Hoog aandeel: bespreek in het wijkteam of cliënten ook bij andere partners terecht kunnen.",
            "High share: discuss in the district team whether clients could go to other partners too.",
        ),
        "employers": ("Werkgever(s)", "Employer(s)"),
        "referrals": ("Verwijzingen", "Referrals"),
        "own-share": ("Naar eigen werkgever (%)", "To own employer (%)"),
        "kind-covenant": ("Convenant", "Covenant"),
        "kind-contract": ("Overeenkomst", "Contract"),
        "kind-shared_specialist": ("Gedeelde specialist", "Shared specialist"),
        "kind-wijkteam": ("Wijkteam", "District team"),
        "kind-data_sharing": ("Gegevensdeling", "Data sharing"),
        "kind-other": ("Overig", "Other"),
    }
)

_KINDS: Final = ("covenant", "contract", "shared_specialist", "wijkteam", "data_sharing", "other")


def spread_suggestions(
    graph: nx.Graph[str], area_names: Mapping[str, str], *, top: int = 50
) -> list[dict[str, Any]]:
    """The kennismaken list, best first and spread out (no organisation more than twice in
    any twenty), as plain data (:func:`graph.chances.suggest_links`).

    >>> found = spread_suggestions(nx.path_graph(["a", "b", "c"]), {})
    >>> [(s["source"], s["target"], s["introducer"]) for s in found]
    [('a', 'c', 'b')]
    """
    found = suggest_links(graph, top=top, area_names=area_names)
    result: list[dict[str, Any]] = plain(found)
    return result


@dataclass(frozen=True, slots=True)
class Chances:
    """The kennismaken list as the Kansen page shows it, with what partners said.

    ``suggestions`` are plain suggestions (:func:`spread_suggestions`), each with
    ``answers``: organisation id -> its answer (``interested``, ``known``, ``no``) to meeting
    the other, for the sides that answered; ``left_out`` counts the suggestions dropped
    because partners know each other already (:func:`known_pairs`).
    """

    suggestions: list[dict[str, Any]]
    left_out: int = 0


def known_pairs(
    interests: Mapping[tuple[str, str], Interest], reported: Iterable[ReportedTie]
) -> frozenset[tuple[str, str]]:
    """The pairs (``a < b``) that are no missing link: one side said it knows the other already
    (``known``), or one side reported a tie with the other in a survey round.

    >>> from graph.periods import Period
    >>> said = {("A", "B"): Interest.KNOWN, ("C", "A"): Interest.INTERESTED}
    >>> sorted(known_pairs(said, [ReportedTie("D", "C", "R1", Period.parse("2026-Q4"))]))
    [('A', 'B'), ('C', 'D')]
    """
    known = {pair_key(a, b) for (a, b), answer in interests.items() if answer is Interest.KNOWN}
    known |= {pair_key(t.reporter, t.partner) for t in reported if t.reporter != t.partner}
    return frozenset(known)


def mark_answers(
    ranked: Sequence[Mapping[str, Any]],
    interests: Mapping[tuple[str, str], Interest],
    known: Iterable[tuple[str, str]],
    *,
    top: int = TOP,
) -> Chances:
    """The first ``top`` suggestions of ``ranked`` that are no :func:`known_pairs`, each with
    what its two sides answered; ``left_out`` counts the known pairs passed over on the way.

    >>> ranked = [{"source": a, "target": b} for a, b in ("AB", "AC", "BC")]
    >>> said = {("A", "B"): Interest.KNOWN, ("A", "C"): Interest.INTERESTED,
    ...         ("C", "A"): Interest.INTERESTED}
    >>> found = mark_answers(ranked, said, known_pairs(said, []), top=1)
    >>> found.suggestions, found.left_out
    ([{'source': 'A', 'target': 'C', 'answers': {'A': 'interested', 'C': 'interested'}}], 1)
    """
    skip = frozenset(known)
    kept: list[dict[str, Any]] = []
    left_out = 0
    for suggestion in ranked:
        if len(kept) == top:
            break
        a, b = str(suggestion["source"]), str(suggestion["target"])
        if pair_key(a, b) in skip:
            left_out += 1
            continue
        answers = {
            org: interests[org, other].value for org, other in ((a, b), (b, a)) if (org, other) in interests
        }
        kept.append({**suggestion, "answers": answers})
    return Chances(kept, left_out)


def partners_said(answers: Mapping[str, str], names: Mapping[str, str], lang: Language) -> str:
    """What the two sides of a suggestion answered, in words: a coffee match when both are
    interested, else who wants to meet and who would rather not.

    >>> partners_said({"A": "interested", "B": "interested"}, {}, "en")
    'Coffee match: both want to meet'
    >>> partners_said({"A": "interested", "B": "no"}, {"A": "Alfa", "B": "Beta"}, "en")
    'Alfa wants to meet; Beta: rather not'
    """
    said = list(answers.values())
    if len(said) == 2 and all(a == Interest.INTERESTED.value for a in said):
        return T("match", lang)
    words = {Interest.INTERESTED.value: "wants", Interest.NO.value: "declines"}
    return "; ".join(
        T(words[answer], lang).format(name=names.get(org, org))
        for org, answer in answers.items()
        if answer in words
    )


def _reasons(reasons: Iterable[Mapping[str, Any]], lang: Language) -> str:
    return "; ".join(str(r.get(lang, "")) for r in reasons)


def _link_rows(
    suggestions: Sequence[Mapping[str, Any]],
    sectors: Mapping[str, object],
    names: Mapping[str, str],
    lang: Language,
    *,
    said: bool = False,
) -> list[Row]:
    return [
        {
            "rank": rank,
            **({"partners": partners_said(s.get("answers") or {}, names, lang)} if said else {}),
            "organisation-a": names.get(s["source"], s["source"]),
            "sector-a": sector_label(sectors.get(s["source"]), lang),
            "organisation-b": names.get(s["target"], s["target"]),
            "sector-b": sector_label(sectors.get(s["target"]), lang),
            "score": round(float(s["score"]), 2),
            "introducer": names.get(s["introducer"], s["introducer"]) if s.get("introducer") else "",
            "reasons": _reasons(s["reasons"], lang),
        }
        for rank, s in enumerate(suggestions, start=1)
    ]


def _gap_rows(
    gaps: Mapping[str, Any], areas: Mapping[str, str], lang: Language
) -> tuple[list[Row], list[Row]]:
    absent: list[Row] = [
        {
            "area": areas.get(g["area"], g["area"]),
            "sector": sector_label(g["sector"], lang),
            "reasons": _reasons(g["reasons"], lang),
        }
        for g in gaps.get("absent_sectors", [])
    ]
    sector_gaps: list[Row] = [
        {
            "area": areas.get(g["area"], g["area"]),
            "sectors": listing([sector_label(s, lang) for s in g["sectors"]], lang),
            "counts": " / ".join(str(n) for n in g["organisations"]),
            "reasons": _reasons(g["reasons"], lang),
        }
        for g in gaps.get("sector_gaps", [])
    ]
    return absent, sector_gaps


def _specialist_rows(
    gaps: Mapping[str, Any], areas: Mapping[str, str], names: Mapping[str, str], lang: Language
) -> list[Row]:
    return [
        {
            "role": str(s["role"]),
            "areas": ", ".join(names_of(s["areas"], areas)),
            "organisations": ", ".join(names_of(s["organisations"], names)),
            "professionals": len(s["professionals"]),
            "fte": round(float(s["fte"]), 1),
            "reasons": _reasons(s["reasons"], lang),
        }
        for s in gaps.get("shared_specialists", [])
    ]


def _pair(gap: Mapping[str, Any], names: Mapping[str, str]) -> Row:
    return {
        "organisation-a": names.get(gap["a"], gap["a"]),
        "organisation-b": names.get(gap["b"], gap["b"]),
        "a-to-b": int(gap["a_to_b"]),
        "b-to-a": int(gap["b_to_a"]),
    }


def _practice_rows(gaps: Mapping[str, Any], names: Mapping[str, str], lang: Language) -> dict[str, list[Row]]:
    kinds = {k: T(f"kind-{k}", lang) for k in _KINDS}
    return {
        "paper": [
            {
                "agreement": str(g["name"]),
                "kind": kinds.get(g["kind"], str(g["kind"])),
                "parties": ", ".join(names_of(g["parties"], names)),
                "reasons": _reasons(g["reasons"], lang),
            }
            for g in gaps.get("paper_agreements", [])
        ],
        "unagreed": [
            _pair(g, names) | {"volume": int(g["volume"]), "reasons": _reasons(g["reasons"], lang)}
            for g in gaps.get("unagreed_flows", [])
        ],
        "ping-pong": [
            _pair(g, names) | {"reasons": _reasons(g["reasons"], lang)} for g in gaps.get("ping_pong", [])
        ],
        "ambassadors": [
            {
                "professional": str(g["professional"]),
                "employers": ", ".join(names_of(g["employers"], names)),
                "referrals": int(g["referrals"]),
                "own-share": round(100 * float(g["share"]), 1),
                "reasons": _reasons(g["reasons"], lang),
            }
            for g in gaps.get("ambassadors", [])
        ],
    }


def _section(name: str, key: str, keys: Sequence[str], rows: list[Row], lang: Language) -> Section:
    return text_section(f"kansen-{name}", key, T, keys, rows, lang)


def chance_sections(
    analysis: Mapping[str, Any],
    suggestions: Sequence[Mapping[str, Any]],
    names: Mapping[str, str],
    lang: Language,
    *,
    left_out: int = 0,
) -> list[Section]:
    """The Kansen tables: kennismaken, afstemmen, absent sectors, sector gaps, shared
    specialists, and agreement-versus-practice gaps (paper agreements, busy lines without
    an agreement, ping-pong, ambassadors), reasons in ``lang``.

    ``suggestions`` are plain suggestions (:func:`spread_suggestions`); afstemmen comes from
    ``analysis["overlaps"]``; professionals appear by their pseudonymous id only. Where
    partners answered the suggestions in a survey (:func:`mark_answers`), kennismaken gets a
    column with what they said (a coffee match when both want to meet), and its explanation
    says how many suggestions were ``left_out`` because partners know each other already.
    """
    gaps, areas = analysis["gaps"], analysis.get("areas") or {}
    sectors = {n["id"]: n.get("sector") for n in analysis.get("nodes", [])}
    absent, sector_gaps = _gap_rows(gaps, areas, lang)
    practice = _practice_rows(gaps, names, lang)
    pair = ["organisation-a", "organisation-b", "a-to-b", "b-to-a"]
    link = [
        "rank",
        "organisation-a",
        "sector-a",
        "organisation-b",
        "sector-b",
        "score",
        "introducer",
        "reasons",
    ]
    overlaps = analysis.get("overlaps") or []
    answered = any(s.get("answers") for s in suggestions)
    links = _section(
        "links",
        "links",
        [*link[:-1], "partners", "reasons"] if answered else link,
        _link_rows(suggestions, sectors, names, lang, said=answered),
        lang,
    )
    if left_out:
        links = replace(links, meaning=f"{links.meaning} {T('left-out', lang).format(count=left_out)}")
    return [
        links,
        _section("overlaps", "overlaps", link, _link_rows(overlaps, sectors, names, lang), lang),
        _section("absent-sectors", "absent", ["area", "sector", "reasons"], absent, lang),
        _section("sector-gaps", "sector-gaps", ["area", "sectors", "counts", "reasons"], sector_gaps, lang),
        _section(
            "shared-specialists",
            "specialists",
            ["role", "areas", "organisations", "professionals", "fte", "reasons"],
            _specialist_rows(gaps, areas, names, lang),
            lang,
        ),
        _section(
            "paper-agreements", "paper", ["agreement", "kind", "parties", "reasons"], practice["paper"], lang
        ),
        _section("unagreed-flows", "unagreed", [*pair, "volume", "reasons"], practice["unagreed"], lang),
        _section("ping-pong", "ping-pong", [*pair, "reasons"], practice["ping-pong"], lang),
        _section(
            "ambassadors",
            "ambassadors",
            ["professional", "employers", "referrals", "own-share", "reasons"],
            practice["ambassadors"],
            lang,
        ),
    ]
