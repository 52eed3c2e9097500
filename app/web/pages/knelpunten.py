"""The Knelpunten page: ranked bottlenecks, each with why it matters and what to do.

Analysts only. Knelpunt (articulation points), Verbinder and Drukke verbinder
(betweenness), Makelaar tussen sectoren (brokerage roles on the referral graph:
"poortwachter voor zorg", "verbindt wonen met jeugd"), Enige lijn (bridges), Belasting
(referral inflow over capacity), sole-tie professionals (pseudonymous id only) and
Eiland (organisations without a tie in the filter). The tables come from
:func:`app.present.knelpunten.bottleneck_sections`, memoised per filter and language.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Final

from dash import Input, Output, html
from dash.development.base_component import Component

from app.access import Viewer
from app.i18n import Language, Texts, language
from app.present.common import is_empty
from app.present.filters import Filters
from app.web import ids
from app.web.auth import require_analyst
from app.web.notices import empty_notice
from app.web.sections import analyst_page, sections_view
from app.web.services import services
from app.web.wiring import callback

__all__ = ["T", "bottlenecks", "layout"]

K = ids.Knelpunten

T: Final = Texts(
    {
        "title": ("Knelpunten", "Bottlenecks"),
        "intro": (
            "Waar het netwerk kwetsbaar is: organisaties en lijnen waar veel van afhangt, "
            "en wie de verwijzingen tussen sectoren draagt. "
            "Elke rij zegt waarom het telt en wat u kunt doen.",
            "Where the network is fragile: organisations and lines much depends on, "
            "and who carries the referrals between sectors. "
            "Each row says why it matters and what you can do.",
        ),
    }
)


def layout(lang: Language, viewer: Viewer) -> html.Div:
    """The page, fresh per visit; the callback fills in the tables for the current filter."""
    return analyst_page(K.PAGE, K.BODY, T("title", lang), T("intro", lang), "knelpunten-body")


@callback(Output(K.BODY, "children"), Input(ids.Shell.FILTER, "data"), Input(ids.Shell.LANG, "value"))
def bottlenecks(data: Mapping[str, Any] | None, lang: str | None) -> Component:
    """The bottleneck tables for the shared filter, in the chosen language (analysts only)."""
    viewer = require_analyst()
    filters, chosen, deps = Filters.from_data(data), language(lang), services()
    analysis = deps.analysis(filters)
    if is_empty(analysis):
        return empty_notice(chosen)
    return sections_view(deps.bottleneck_sections(filters, viewer, chosen), chosen)
