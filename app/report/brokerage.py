"""The report's brokerage tables: who carries the referrals between sectors.

``makelaars`` lists every organisation that brokers across sectors, as the Knelpunten page
ranks them (:func:`app.present.knelpunten.broker_section`: role in role language, why and
what to do), with its open two-paths per Gould-Fernandez role beside it. The
``knelpunten`` table gets the same counts as plain columns (``brokerage_<role>``, as the
network files name them) instead of one nested cell.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any, Final

import pandas as pd

from app.i18n import MEASURES, Texts
from app.present.knelpunten import broker_section, ranked_brokers
from graph.brokerage import ROLES
from graph.taxonomy import Language

__all__ = ["T", "broker_frame", "brokerage_note", "node_rows"]

COUNTS: Final = (*ROLES, "total")

T: Final = Texts(
    {
        "coordinator": ("Coördinator", "Coordinator"),
        "itinerant": ("Bemiddelaar van buiten", "Itinerant"),
        "representative": ("Vertegenwoordiger", "Representative"),
        "gatekeeper": ("Poortwachter", "Gatekeeper"),
        "liaison": ("Verbinder van sectoren", "Liaison"),
        "total": ("Ketens in totaal", "Chains in all"),
        "note": (
            "Rollen van Gould en Fernandez op de verwijzingen: hoe vaak een organisatie tussen twee "
            "andere in een verwijsketen staat die elkaar niet rechtstreeks verwijzen, naar de "
            "sectoren van de drie. Gerangschikt naar ketens over sectorgrenzen.",
            "Gould and Fernandez's roles on the referrals: how often an organisation stands between "
            "two others in a referral chain who do not refer to each other directly, by the sectors "
            "of the three. Ranked by chains across sectors.",
        ),
    }
)


def brokerage_note(lang: Language) -> str:
    """What the section shows: the measure's meaning and how the table is read."""
    return f"{MEASURES['brokerage'].meaning(lang)} {T('note', lang)}"


def node_rows(nodes: Iterable[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """Analysis nodes with their brokerage counts as columns ``brokerage_<role>``.

    >>> node_rows([{"id": "A", "brokerage": {"coordinator": 1, "total": 1}}])
    [{'id': 'A', 'brokerage_coordinator': 1, 'brokerage_itinerant': None, 'brokerage_representative': None, \
'brokerage_gatekeeper': None, 'brokerage_liaison': None, 'brokerage_total': 1}]
    """
    rows = []
    for node in nodes:
        roles = node.get("brokerage") or {}
        row = {key: value for key, value in node.items() if key != "brokerage"}
        rows.append(row | {f"brokerage_{role}": roles.get(role) for role in COUNTS})
    return rows


def broker_frame(analysis: Mapping[str, Any], lang: Language) -> pd.DataFrame:
    """Every broker across sectors, ranked, with its role counts; headers in ``lang``."""
    names = {n["id"]: str(n.get("name") or n["id"]) for n in analysis.get("nodes", [])}
    section = broker_section(analysis, names, lang, top=None)
    brokers = ranked_brokers(analysis, names)
    rows = [
        dict(row) | {role: node["brokerage"][role] for role in COUNTS}
        for row, node in zip(section.rows, brokers, strict=True)
    ]
    headers = dict(section.columns) | {role: T(role, lang) for role in COUNTS}
    return pd.DataFrame(rows, columns=list(headers)).rename(columns=headers)
