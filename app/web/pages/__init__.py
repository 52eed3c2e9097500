"""The pages of the explorer, one module each, and which roles may open them.

Each page module has ``layout(lang, viewer)`` (fresh per visit) and its callbacks,
declared with :func:`app.web.wiring.callback`. The shell's router (``app.web.shell``) picks the
page for a path here and refuses pages a role may not open: their layout is never
built, so nothing of them reaches the browser.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Final

from dash.development.base_component import Component

from app.access import Role, Viewer
from app.i18n import Language, language
from app.web.pages import gegevens, gids, kaart, kansen, knelpunten, koffie, overzicht, rondes, wijken

__all__ = ["PAGES", "Page", "page_for"]

_EVERYONE: Final = frozenset(Role)
_ANALYSTS: Final = frozenset({Role.ANALIST})


@dataclass(frozen=True, slots=True)
class Page:
    """One page: its path, names in Dutch and English, layout and the roles that may open it."""

    path: str
    names: tuple[str, str]
    layout: Callable[[Language, Viewer], Component]
    roles: frozenset[Role]

    def name(self, lang: object) -> str:
        """The page's name in the navigation."""
        return self.names[language(lang) == "en"]

    def opens_for(self, viewer: Viewer) -> bool:
        """Whether this viewer may open the page."""
        return viewer.role in self.roles


PAGES: Final = (
    Page("/", ("Kaart", "Map"), kaart.layout, _EVERYONE),
    Page("/overzicht", ("Overzicht", "Overview"), overzicht.layout, _ANALYSTS),
    Page("/knelpunten", ("Knelpunten", "Bottlenecks"), knelpunten.layout, _ANALYSTS),
    Page("/kansen", ("Kansen", "Chances"), kansen.layout, _ANALYSTS),
    Page("/wijken", ("Wijken", "Districts"), wijken.layout, _ANALYSTS),
    Page("/koffie", ("Koffie", "Coffee"), koffie.layout, _EVERYONE),
    Page("/gids", ("Gids", "Directory"), gids.layout, _EVERYONE),
    Page("/gegevens", ("Gegevens", "Data"), gegevens.layout, _ANALYSTS),
    Page("/rondes", ("Rondes", "Rounds"), rondes.layout, _ANALYSTS),
)


def page_for(path: str | None) -> Page | None:
    """The page at ``path`` (a trailing slash is ignored), or ``None``."""
    wanted = (path or "/").rstrip("/") or "/"
    return next((page for page in PAGES if page.path == wanted), None)
