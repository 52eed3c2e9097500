"""The Kansen page: kennismaken and afstemmen, absent sectors, shared specialists, practice gaps.

Analysts only. Every table has its reasons in the chosen language and a CSV button.
Kennismaken is spread out (no organisation more than twice in any twenty), memoised per
filter, with what partners answered in survey rounds: a pair both sides want to meet is a
coffee match, and a pair that partners say know each other already (or report a tie) is left
out, its place taken by the next best; afstemmen comes from the filter's analysis.
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
from app.present.kansen import chance_sections
from app.web import ids
from app.web.auth import require_analyst
from app.web.notices import empty_notice
from app.web.sections import analyst_page, sections_view
from app.web.services import services
from app.web.wiring import callback

__all__ = ["T", "chances", "layout"]

K = ids.Kansen

T: Final = Texts(
    {
        "title": ("Kansen", "Chances"),
        "intro": (
            "Waar samenwerking kan groeien: wie kennis moet maken, wie moet afstemmen, sectoren die "
            "een wijk mist, specialisten die te delen zijn, en afspraken die niet passen bij de praktijk.",
            "Where collaboration can grow: who should get acquainted, who should coordinate, sectors "
            "a district lacks, specialists to share, and agreements that do not match practice.",
        ),
    }
)


def layout(lang: Language, viewer: Viewer) -> html.Div:
    """The page, fresh per visit; the callback fills in the tables for the current filter."""
    return analyst_page(K.PAGE, K.BODY, T("title", lang), T("intro", lang), "kansen-body")


@callback(Output(K.BODY, "children"), Input(ids.Shell.FILTER, "data"), Input(ids.Shell.LANG, "value"))
def chances(data: Mapping[str, Any] | None, lang: str | None) -> Component:
    """The chance tables for the shared filter, in the chosen language (analysts only)."""
    viewer = require_analyst()
    filters, chosen, deps = Filters.from_data(data), language(lang), services()
    analysis = deps.analysis(filters)
    if is_empty(analysis):
        return empty_notice(chosen)
    found = deps.best_links(filters, viewer)
    sections = chance_sections(
        analysis, found.suggestions, deps.organisation_names(), chosen, left_out=found.left_out
    )
    return sections_view(sections, chosen)
