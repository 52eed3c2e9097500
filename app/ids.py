"""Every component id of the app, in one place.

Each page has its own class, and its ids start with the page's name, so two pages can
never collide; ``tests/app/test_layout.py`` checks that no id is used twice.
"""

from __future__ import annotations

from typing import Final

__all__ = ["Gegevens", "Gids", "Kaart", "Kansen", "Knelpunten", "Koffie", "Overzicht", "Shell", "all_ids"]


class Shell:
    """The frame around every page: navigation, language, the shared filter, alerts."""

    URL: Final = "shell-url"
    PAGE: Final = "shell-page"
    NAV: Final = "shell-nav"
    LANG: Final = "shell-lang"
    USER: Final = "shell-user"
    ALERT: Final = "shell-alert"
    FILTER: Final = "shell-filter"
    SELECTED: Final = "shell-selected"
    FILTER_BAR: Final = "shell-filter-bar"
    AREA: Final = "shell-area"
    LAYERS: Final = "shell-layers"
    START: Final = "shell-start"
    END: Final = "shell-end"
    AREA_LABEL: Final = "shell-area-label"
    LAYERS_LABEL: Final = "shell-layers-label"
    PERIOD_LABEL: Final = "shell-period-label"


class Kaart:
    """The map page."""

    PAGE: Final = "kaart-page"


class Overzicht:
    """The overview page."""

    PAGE: Final = "overzicht-page"


class Knelpunten:
    """The bottlenecks page."""

    PAGE: Final = "knelpunten-page"


class Kansen:
    """The chances page."""

    PAGE: Final = "kansen-page"


class Koffie:
    """The coffee page."""

    PAGE: Final = "koffie-page"


class Gids:
    """The directory page."""

    PAGE: Final = "gids-page"


class Gegevens:
    """The data page."""

    PAGE: Final = "gegevens-page"


def all_ids() -> list[str]:
    """Every id declared above (string ids; pattern-matching ids use their ``type`` string)."""
    return [
        value
        for holder in (Shell, Kaart, Overzicht, Knelpunten, Kansen, Koffie, Gids, Gegevens)
        for name, value in vars(holder).items()
        if name.isupper() and isinstance(value, str)
    ]
