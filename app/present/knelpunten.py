"""What the Knelpunten page shows, as plain data: ranked bottleneck tables with why and what to do.

Knelpunt (articulation points, by organisations cut off), Verbinder (betweenness),
Drukke verbinder (weighted betweenness), Makelaar tussen sectoren (brokerage roles on
the referral graph, ``nodes[].brokerage``), Enige lijn (bridges), Belasting (inflow over
capacity), sole-tie professionals (their pseudonymous id only) and Eiland (organisations
without any tie in the filter), from ``services().analysis(filters)`` and the
organisation graph it was made on.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, Final

import networkx as nx

from app.i18n import MEASURES, Language, Texts
from app.present import formatting
from app.present.common import (
    SHARED_TEXTS,
    Row,
    Section,
    columns,
    listing,
    names_of,
    number,
    sector_label,
    text_section,
)
from graph.cuts import cut_off

__all__ = ["TOP", "T", "bottleneck_sections", "broker_role", "broker_section", "ranked_brokers"]

TOP: Final = 15
"""How many organisations a ranked bottleneck table shows."""

T: Final = Texts(
    {
        **SHARED_TEXTS,
        "cut": ("Raakt los", "Cut off"),
        "share": ("Aandeel routes", "Share of routes"),
        "why": ("Waarom het telt", "Why it matters"),
        "organisation": ("Organisatie", "Organisation"),
        "inflow": ("Instroom per maand", "Inflow a month"),
        "capacity": ("Capaciteit per maand", "Capacity a month"),
        "load": ("Belasting (x capaciteit)", "Load (x capacity)"),
        "why-articulation": (
            "Zonder {org} is de verbinding met {orgs} weg: {examples}.",
            "Without {org}, the rest loses its link to {orgs}: {examples}.",
        ),
        "why-connector": (
            "{share} van de kortste routes tussen partners loopt via {org}.",
            "{share} of the shortest routes between partners run through {org}.",
        ),
        "why-busy": (
            "Gewogen naar intensiteit loopt {share} van de routes via {org}.",
            "Weighted by intensity, {share} of the routes run through {org}.",
        ),
        "why-bridge": (
            "De enige lijn tussen {a} en {b}; valt die weg, dan is de verbinding met {orgs} weg: {examples}.",
            "The only line between {a} and {b}; if it breaks, the rest loses its link to {orgs}: {examples}.",
        ),
        "why-load": (
            "{inflow} verwijzingen per maand bij een capaciteit van {capacity}: {load} keer de capaciteit.",
            "{inflow} referrals a month against a capacity of {capacity}: {load} times capacity.",
        ),
        "why-sole": (
            "De samenwerking tussen {a} en {b} rust alleen op professional {pro}.",
            "The collaboration between {a} and {b} rests on professional {pro} alone.",
        ),
        "why-isolate": (
            "{org} heeft in dit filter met geen enkele organisatie een band.",
            "{org} has no tie with any organisation in this filter.",
        ),
        "sole": ("Enige schakel", "Sole link"),
        "sole-meaning": (
            "Twee organisaties zijn alleen verbonden doordat één professional bij beide werkt.",
            "Two organisations are tied only because one professional works for both.",
        ),
        "sole-action": (
            "Leg de samenwerking vast in een afspraak, zodat die niet van één persoon afhangt.",
            "Put the collaboration in an agreement, so it does not depend on one person.",
        ),
        "load-name": ("Overbelast", "Overloaded"),
        "role": ("Rol", "Role"),
        "chains": ("Ketens over sectorgrenzen", "Chains across sectors"),
        "role-itinerant": ("Verbindt organisaties binnen {source}", "Connects organisations within {source}"),
        "role-representative": ("Vertegenwoordigt {own} bij {target}", "Represents {own} towards {target}"),
        "role-gatekeeper": ("Poortwachter voor {own}", "Gatekeeper for {own}"),
        "role-liaison": ("Verbindt {source} met {target}", "Connects {source} with {target}"),
        "why-brokerage": (
            "{org} staat in {chains} van {source} naar {target} zonder directe lijn ertussen, "
            "en in {cross} over sectorgrenzen in totaal.",
            "{org} stands in {chains} from {source} to {target} with no direct line between them, "
            "and in {cross} across sectors in all.",
        ),
        "why-chance": (
            " Die rol speelt {org} {ratio} keer zo vaak als de omvang van de sectoren verklaart.",
            " {org} plays that role {ratio} times as often as the sizes of the sectors explain.",
        ),
        "action-itinerant": (
            "Breng de organisaties uit {source} rechtstreeks met elkaar in contact.",
            "Put the organisations of {source} in direct touch with each other.",
        ),
        "action-representative": (
            "Breng ook andere organisaties uit {own} rechtstreeks in contact met {target}, "
            "zodat niet alles via {org} loopt.",
            "Put other organisations of {own} in direct touch with {target} too, "
            "so not everything runs through {org}.",
        ),
        "action-gatekeeper": (
            "Houd deze ingang naar {own} open en bekend, en spreek af wie waarneemt.",
            "Keep this way in to {own} open and known, and agree who stands in.",
        ),
        "action-liaison": (
            "Stel {source} en {target} rechtstreeks aan elkaar voor.",
            "Introduce {source} and {target} to each other directly.",
        ),
    }
)

_WHY: Final = ("why", "action")
_PAIR: Final = ("organisation-a", "organisation-b")


def _percent(share: float, lang: Language) -> str:
    return formatting.percent(share, lang, 1)


def _organisations(n: int, lang: Language) -> str:
    """``1 organisatie``, ``3 organisaties``."""
    one, other = ("organisatie", "organisaties") if lang == "nl" else ("organisation", "organisations")
    return formatting.count(n, one, other, lang)


def _measure_section(
    name: str, key: str, keys: Sequence[str], rows: list[Row], lang: Language, title: str = ""
) -> Section:
    """A section explained by ``MEASURES[key]``, titled by its role name unless ``title`` is given."""
    measure = MEASURES[key]
    return Section(
        name,
        title or measure.name(lang),
        measure.meaning(lang),
        measure.action(lang),
        columns(keys, T, lang),
        rows,
    )


def _ranked(value: str) -> tuple[str, ...]:
    """The columns of a table ranking organisations by ``value``."""
    return ("rank", "organisation", "sector", value, *_WHY)


def _node_rows(
    analysis: Mapping[str, Any], field: str, why: str, names: Mapping[str, str], lang: Language
) -> list[Row]:
    nodes = [n for n in analysis.get("nodes", []) if n.get(field)]
    nodes.sort(key=lambda n: (-float(n[field]), n["id"]))
    action = MEASURES[field].action(lang)
    return [
        {
            "rank": rank,
            "organisation": names.get(n["id"], n["id"]),
            "sector": sector_label(n.get("sector"), lang),
            "share": round(100 * float(n[field]), 1),
            "why": T(why, lang).format(
                share=_percent(float(n[field]), lang), org=names.get(n["id"], n["id"])
            ),
            "action": action,
        }
        for rank, n in enumerate(nodes[:TOP], start=1)
    ]


def _chains(n: int, lang: Language) -> str:
    """``1 verwijsketen``, ``3 verwijsketens``."""
    one, other = ("verwijsketen", "verwijsketens") if lang == "nl" else ("referral chain", "referral chains")
    return formatting.count(n, one, other, lang)


def _across(brokerage: Mapping[str, Any]) -> int:
    """Open two-paths across sectors: every role but coordinator."""
    return int(brokerage["total"]) - int(brokerage["coordinator"])


def broker_role(brokerage: Mapping[str, Any], sector: object, lang: Language) -> str:
    """An organisation's main brokerage role in role language, with its sectors.

    >>> main = {"role": "gatekeeper", "source_sector": "wonen", "target_sector": "zorg", "paths": 3}
    >>> broker_role({"main": main}, "zorg", "nl"), broker_role({"main": main}, "zorg", "en")
    ('Poortwachter voor zorg', 'Gatekeeper for care')
    >>> main = {"role": "liaison", "source_sector": "wonen", "target_sector": "jeugd", "paths": 2}
    >>> broker_role({"main": main}, "zorg", "nl")
    'Verbindt wonen met jeugd'
    """
    main = brokerage["main"]
    return T(f"role-{main['role']}", lang).format(**_role_sectors(main, sector, lang))


def _role_sectors(main: Mapping[str, Any], sector: object, lang: Language) -> dict[str, str]:
    def lower(code: object) -> str:
        return sector_label(code, lang).lower()

    return {
        "own": lower(sector),
        "source": lower(main["source_sector"]),
        "target": lower(main["target_sector"]),
    }


def _broker_row(rank: int, node: Mapping[str, Any], org: str, lang: Language) -> Row:
    brokerage, main = node["brokerage"], node["brokerage"]["main"]
    sectors = _role_sectors(main, node.get("sector"), lang)
    why = T("why-brokerage", lang).format(
        org=org, chains=_chains(int(main["paths"]), lang), cross=_chains(_across(brokerage), lang), **sectors
    )
    ratio = (brokerage.get("vs_chance") or {}).get(main["role"])
    if ratio is not None:
        why += T("why-chance", lang).format(org=org, ratio=number(float(ratio), lang, 1))
    return {
        "rank": rank,
        "organisation": org,
        "sector": sector_label(node.get("sector"), lang),
        "role": broker_role(brokerage, node.get("sector"), lang),
        "chains": _across(brokerage),
        "why": why,
        "action": T(f"action-{main['role']}", lang).format(org=org, **sectors),
    }


def ranked_brokers(analysis: Mapping[str, Any], names: Mapping[str, str]) -> list[Mapping[str, Any]]:
    """The analysis nodes that broker across sectors, most chains across sectors first.

    Ties by all chains, then by name (then id): the order of :func:`broker_section`.
    """
    brokers = [n for n in analysis.get("nodes", []) if (n.get("brokerage") or {}).get("main")]
    return sorted(
        brokers,
        key=lambda n: (
            -_across(n["brokerage"]),
            -n["brokerage"]["total"],
            names.get(n["id"], n["id"]).casefold(),
            n["id"],
        ),
    )


def _broker_rows(
    analysis: Mapping[str, Any], names: Mapping[str, str], lang: Language, top: int | None = TOP
) -> list[Row]:
    brokers = ranked_brokers(analysis, names)[:top]
    return [
        _broker_row(rank, n, names.get(n["id"], n["id"]), lang) for rank, n in enumerate(brokers, start=1)
    ]


def broker_section(
    analysis: Mapping[str, Any], names: Mapping[str, str], lang: Language, *, top: int | None = TOP
) -> Section:
    """Makelaar tussen sectoren: the leading brokers across sectors, each with its main role.

    Ranked by referral chains across sectors (``nodes[].brokerage``: every role but
    coordinator), then by all chains, then by name; ``top=None`` lists every broker.
    The role reads "Poortwachter voor zorg", "Verbindt wonen met jeugd"; why and what to
    do name the sector pair and how far the role exceeds chance.
    """
    return _measure_section(
        "knelpunten-brokers",
        "brokerage",
        ("rank", "organisation", "sector", "role", "chains", *_WHY),
        _broker_rows(analysis, names, lang, top),
        lang,
    )


def _articulation_rows(
    analysis: Mapping[str, Any], graph: nx.Graph[str], names: Mapping[str, str], lang: Language
) -> list[Row]:
    betweenness = {n["id"]: float(n.get("betweenness") or 0) for n in analysis.get("nodes", [])}
    sectors = {n["id"]: n.get("sector") for n in analysis.get("nodes", [])}
    points = sorted(analysis.get("articulation_points", []), key=lambda p: (-betweenness.get(p, 0), p))[:TOP]
    found = [(p, cut_off(graph, node=p)) for p in points]
    found.sort(key=lambda f: (-len(f[1]), -betweenness.get(f[0], 0), f[0]))
    return [
        {
            "rank": rank,
            "organisation": names.get(p, p),
            "sector": sector_label(sectors.get(p), lang),
            "cut": len(lost),
            "why": T("why-articulation", lang).format(
                org=names.get(p, p),
                orgs=_organisations(len(lost), lang),
                examples=listing(names_of(lost, names), lang),
            ),
            "action": MEASURES["articulation_point"].action(lang),
        }
        for rank, (p, lost) in enumerate(found, start=1)
    ]


def _bridge_rows(
    analysis: Mapping[str, Any], graph: nx.Graph[str], names: Mapping[str, str], lang: Language
) -> list[Row]:
    betweenness = {n["id"]: float(n.get("betweenness") or 0) for n in analysis.get("nodes", [])}
    ties = sorted(analysis.get("bridges", []), key=lambda e: (-max(betweenness.get(x, 0) for x in e), e))[
        :TOP
    ]
    found = [((a, b), cut_off(graph, edge=(a, b))) for a, b in ties]
    found.sort(key=lambda f: (-len(f[1]), f[0]))
    return [
        {
            "rank": rank,
            "organisation-a": names.get(a, a),
            "organisation-b": names.get(b, b),
            "cut": len(lost),
            "why": T("why-bridge", lang).format(
                a=names.get(a, a),
                b=names.get(b, b),
                orgs=_organisations(len(lost), lang),
                examples=listing(names_of(lost, names), lang),
            ),
            "action": MEASURES["bridge"].action(lang),
        }
        for rank, ((a, b), lost) in enumerate(found, start=1)
    ]


def _load_rows(analysis: Mapping[str, Any], names: Mapping[str, str], lang: Language) -> list[Row]:
    loads = [r for r in analysis["gaps"].get("referral_load", []) if (r.get("load") or 0) > 1]
    return [
        {
            "rank": rank,
            "organisation": names.get(r["organisation"], r["organisation"]),
            "inflow": round(float(r["inflow_per_month"]), 1),
            "capacity": int(r["capacity"]),
            "load": round(float(r["load"]), 2),
            "why": T("why-load", lang).format(
                inflow=number(r["inflow_per_month"], lang, 0),
                capacity=r["capacity"],
                load=number(r["load"], lang, 1),
            ),
            "action": MEASURES["inflow"].action(lang),
        }
        for rank, r in enumerate(loads[:TOP], start=1)
    ]


def _sole_rows(analysis: Mapping[str, Any], names: Mapping[str, str], lang: Language) -> list[Row]:
    rows: list[Row] = []
    for tie in analysis["gaps"].get("sole_ties", []):
        a, b = (names.get(o, o) for o in tie["organisations"][:2])
        pro = str(tie["professional"])
        rows.append(
            {
                "professional": pro,
                "organisation-a": a,
                "organisation-b": b,
                "why": T("why-sole", lang).format(a=a, b=b, pro=pro),
                "action": T("sole-action", lang),
            }
        )
    return rows


def _island_rows(
    graph: nx.Graph[str], names: Mapping[str, str], areas: Mapping[str, str], lang: Language
) -> list[Row]:
    """Organisations without any tie in ``graph``, by name, with their sector and wijken.

    >>> g = nx.Graph([("a", "b")])
    >>> g.add_node("c", sector="jeugd", wijken=("WK1", "WK2"))
    >>> [row] = _island_rows(g, {"c": "Buurthuis"}, {"WK1": "Noord"}, "en")
    >>> row["organisation"], row["sector"], row["areas"]
    ('Buurthuis', 'Youth', 'Noord, WK2')
    """
    islands = sorted(nx.isolates(graph), key=lambda n: (names.get(n, n).casefold(), n))
    action = MEASURES["isolate"].action(lang)
    return [
        {
            "rank": rank,
            "organisation": names.get(n, n),
            "sector": sector_label(graph.nodes[n].get("sector"), lang),
            "areas": ", ".join(names_of(graph.nodes[n].get("wijken") or (), areas)),
            "why": T("why-isolate", lang).format(org=names.get(n, n)),
            "action": action,
        }
        for rank, n in enumerate(islands, start=1)
    ]


def bottleneck_sections(
    analysis: Mapping[str, Any], graph: nx.Graph[str], names: Mapping[str, str], lang: Language
) -> list[Section]:
    """The Knelpunten tables, each ranked, each row with "why it matters" and "what to do".

    Knelpunt (articulation points, by organisations cut off), Verbinder (betweenness),
    Drukke verbinder (weighted betweenness), Makelaar tussen sectoren (the leading
    brokers across sectors with their main role, "poortwachter voor zorg"), Enige lijn
    (bridges), Belasting (inflow over capacity), sole-tie professionals (their
    pseudonymous id only) and Eiland (organisations without a tie, by name). ``graph``
    is the organisation graph the analysis was made on; ``names`` maps ids to names.
    """
    load = f"{MEASURES['inflow'].name(lang)}: {T('load-name', lang)}"
    return [
        _measure_section(
            "knelpunten-articulation",
            "articulation_point",
            _ranked("cut"),
            _articulation_rows(analysis, graph, names, lang),
            lang,
        ),
        _measure_section(
            "knelpunten-connectors",
            "betweenness",
            _ranked("share"),
            _node_rows(analysis, "betweenness", "why-connector", names, lang),
            lang,
        ),
        _measure_section(
            "knelpunten-busy",
            "weighted_betweenness",
            _ranked("share"),
            _node_rows(analysis, "weighted_betweenness", "why-busy", names, lang),
            lang,
        ),
        broker_section(analysis, names, lang),
        _measure_section(
            "knelpunten-bridges",
            "bridge",
            ("rank", *_PAIR, "cut", *_WHY),
            _bridge_rows(analysis, graph, names, lang),
            lang,
        ),
        _measure_section(
            "knelpunten-load",
            "inflow",
            ("rank", "organisation", "inflow", "capacity", "load", *_WHY),
            _load_rows(analysis, names, lang),
            lang,
            title=load,
        ),
        text_section(
            "knelpunten-sole-ties",
            "sole",
            T,
            ("professional", *_PAIR, *_WHY),
            _sole_rows(analysis, names, lang),
            lang,
        ),
        _measure_section(
            "knelpunten-islands",
            "isolate",
            _ranked("areas"),
            _island_rows(graph, names, analysis.get("areas") or {}, lang),
            lang,
        ),
    ]
