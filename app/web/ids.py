"""Every component id of the app, in one place.

Each page has its own class, and its ids start with the page's name, so two pages can
never collide; ``tests/app/web/test_shell.py`` checks that no id is used twice.
"""

from __future__ import annotations

from typing import Final

__all__ = [
    "Enquete",
    "Gegevens",
    "Gids",
    "Kaart",
    "Kansen",
    "Knelpunten",
    "Koffie",
    "Overzicht",
    "Rondes",
    "Shell",
    "Wijken",
    "all_ids",
]


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
    ROOT: Final = "shell-root"
    MENU: Final = "shell-menu"
    FILTER_TOGGLE: Final = "shell-filter-toggle"
    EMPTY: Final = "shell-empty"
    VIEWS: Final = "shell-views"
    VIEW_NAME: Final = "shell-view-name"
    VIEW_SAVE: Final = "shell-view-save"
    VIEW_REQUEST: Final = "shell-view-request"
    VIEW_OPENED: Final = "shell-view-opened"
    VIEW_MANAGE: Final = "shell-view-manage"
    VIEW_MANAGE_LABEL: Final = "shell-view-manage-label"
    VIEW_LIST: Final = "shell-view-list"
    VIEW_DELETE: Final = "shell-view-delete"  # the ``type`` of each view's delete button (a dict id)
    VIEW_DELETED: Final = "shell-view-deleted"
    VIEW_UNDO_BOX: Final = "shell-view-undo-box"
    VIEW_UNDO_TEXT: Final = "shell-view-undo-text"
    VIEW_UNDO: Final = "shell-view-undo"
    COPY_LINK: Final = "shell-copy-link"
    COPIED: Final = "shell-copied"
    URL_SHELL: Final = "shell-url-shell"
    URL_PAGE: Final = "shell-url-page"
    ROUTE: Final = "shell-route"


class Kaart:
    """The map page, and the graph view component (dict ids with these ``type`` strings)."""

    PAGE: Final = "kaart-page"
    CONTROLS: Final = "kaart-controls"
    SECTORS: Final = "kaart-sectors"
    MIN_WEIGHT: Final = "kaart-min-weight"
    SIZE_BY: Final = "kaart-size-by"
    SEARCH: Final = "kaart-search"
    FOCUS: Final = "kaart-focus"
    SHOW: Final = "kaart-show"
    GROUP_BY: Final = "kaart-group-by"
    TIES: Final = "kaart-ties"
    COLOUR_BY: Final = "kaart-colour-by"
    LAYOUT: Final = "kaart-layout"
    EXPORT_META: Final = "kaart-export-meta"
    TOOLTIP: Final = "kaart-tooltip"
    EXPANDED: Final = "kaart-expanded"
    SHAPE: Final = "kaart-shape"  # the canvas' width / height, measured in the browser
    STATUS: Final = "kaart-status"
    PANEL: Final = "kaart-panel"
    GRAPH: Final = "kaart-graph"
    GRAPH_LEGEND: Final = "kaart-graph-legend"
    GRAPH_PNG: Final = "kaart-graph-png"
    GRAPH_SVG: Final = "kaart-graph-svg"
    GRAPH_BOX: Final = "kaart-graph-box"
    SURVEY: Final = "kaart-survey"  # a partner's survey notice: its open round, how others rate it
    SURVEY_LINK: Final = "kaart-survey-link"


class Overzicht:
    """The overview page."""

    PAGE: Final = "overzicht-page"
    BODY: Final = "overzicht-body"
    KPIS: Final = "overzicht-kpis"
    HEATMAP: Final = "overzicht-heatmap"
    AREAS: Final = "overzicht-areas"
    TREND: Final = "overzicht-trend"
    REPORTED: Final = "overzicht-reported"


class Knelpunten:
    """The bottlenecks page."""

    PAGE: Final = "knelpunten-page"
    BODY: Final = "knelpunten-body"


class Kansen:
    """The chances page."""

    PAGE: Final = "kansen-page"
    BODY: Final = "kansen-body"


class Wijken:
    """The districts page: needs versus coverage."""

    PAGE: Final = "wijken-page"
    BODY: Final = "wijken-body"
    MAP: Final = "wijken-map"
    NEEDS: Final = "wijken-needs"
    COVERAGE: Final = "wijken-coverage"


class Koffie:
    """The coffee page."""

    PAGE: Final = "koffie-page"
    ORGANISATION: Final = "koffie-organisation"
    OTHER: Final = "koffie-other"
    SUGGESTIONS: Final = "koffie-suggestions"
    SUGGESTIONS_TABLE: Final = "koffie-suggestions-table"
    MATCHES: Final = "koffie-matches"
    MATCH_BUTTON: Final = "koffie-match"  # the ``type`` of each match's button (a dict id)
    CARD: Final = "koffie-card"
    PRINT: Final = "koffie-print"
    PRINTED: Final = "koffie-printed"


class Gids:
    """The directory page."""

    PAGE: Final = "gids-page"
    SECTOR: Final = "gids-sector"
    SEARCH: Final = "gids-search"
    RESULTS: Final = "gids-results"
    TABLE: Final = "gids-table"
    PLAN: Final = "gids-plan"
    CHOSEN: Final = "gids-chosen"


class Gegevens:
    """The data page."""

    PAGE: Final = "gegevens-page"
    OVERVIEW: Final = "gegevens-overview"
    COUNTS_TABLE: Final = "gegevens-counts"
    LOADS_TABLE: Final = "gegevens-loads"
    UPLOAD: Final = "gegevens-upload"
    UPLOAD_KEY: Final = "gegevens-upload-key"
    REPORT: Final = "gegevens-report"
    REPORT_TABLE: Final = "gegevens-report-table"
    FILES_TABLE: Final = "gegevens-files-table"
    BATCH_TABLE: Final = "gegevens-batch-table"
    CHANGES_TABLE: Final = "gegevens-changes-table"
    CONFIRM: Final = "gegevens-confirm"
    RESULT: Final = "gegevens-result"


class Rondes:
    """The analyst's survey-round page: open, close, links, status, review lists, report."""

    PAGE: Final = "rondes-page"
    ROUND: Final = "rondes-round"
    CHANGED: Final = "rondes-changed"
    MESSAGE: Final = "rondes-message"
    NAME: Final = "rondes-name"
    PERIOD: Final = "rondes-period"
    CLOSES: Final = "rondes-closes"
    INVITE: Final = "rondes-invite"
    SECTORS: Final = "rondes-sectors"
    WIJKEN: Final = "rondes-wijken"
    OPEN: Final = "rondes-open"
    CLOSE: Final = "rondes-close"
    CLOSE_CONFIRM: Final = "rondes-close-confirm"
    LINKS: Final = "rondes-links"
    LINKS_FILE: Final = "rondes-links-file"
    STATUS: Final = "rondes-status"
    INVITED: Final = "rondes-invited"
    INVITED_TABLE: Final = "rondes-invited-table"
    CHANGES: Final = "rondes-changes"
    CHANGES_TABLE: Final = "rondes-changes-table"
    ACCEPT: Final = "rondes-accept"
    REJECT: Final = "rondes-reject"
    NEW_SECTOR: Final = "rondes-new-sector"
    REASON: Final = "rondes-reason"
    NEW_ORGS: Final = "rondes-new-orgs"
    NEW_ORGS_TABLE: Final = "rondes-new-orgs-table"
    DUPLICATES: Final = "rondes-duplicates"
    DUPLICATES_TABLE: Final = "rondes-duplicates-table"
    NOT_SAME: Final = "rondes-not-same"
    PICKED_CHANGE: Final = "rondes-picked-change"
    PICKED_PAIR: Final = "rondes-picked-pair"
    REPORT: Final = "rondes-report"
    URL_STATE: Final = "rondes-url-state"
    MAIL: Final = "rondes-mail"
    MAIL_INVITE: Final = "rondes-mail-invite"
    MAIL_REMIND: Final = "rondes-mail-remind"
    MAIL_CONFIRM: Final = "rondes-mail-confirm"
    MAIL_QUESTION: Final = "rondes-mail-question"
    MAIL_SEND: Final = "rondes-mail-send"
    MAIL_CANCEL: Final = "rondes-mail-cancel"
    MAIL_ASKED: Final = "rondes-mail-asked"
    MAIL_RESULT: Final = "rondes-mail-result"


class Enquete:
    """The partner's questionnaire at ``/enquete/<token>`` (its own small app: ``app.web.enquete_app``)."""

    URL: Final = "enquete-url"
    LANG: Final = "enquete-lang"
    CSRF: Final = "enquete-csrf"
    PAGE: Final = "enquete-page"
    ALERT: Final = "enquete-alert"
    QUESTIONNAIRE: Final = "enquete-questionnaire"
    REFUSED: Final = "enquete-refused"
    FORM: Final = "enquete-form"
    ADDED: Final = "enquete-added"  # the ties the partner added: a list in a store
    ADDED_ROWS: Final = "enquete-added-rows"
    ADD_PICK: Final = "enquete-add-pick"
    ADD_KNOWN: Final = "enquete-add-known"
    ADD_NAME: Final = "enquete-add-name"
    ADD_NEW: Final = "enquete-add-new"
    ADD_MESSAGE: Final = "enquete-add-message"
    SAVE: Final = "enquete-save"
    SUBMIT: Final = "enquete-submit"
    MESSAGE: Final = "enquete-message"
    DONE: Final = "enquete-done"
    # section 4: the organisation's own record, to propose corrections (app.web.pages.enquete_details)
    ORG_SECTION: Final = "enquete-org"
    ORG_NAME: Final = "enquete-org-name"
    ORG_AREAS: Final = "enquete-org-areas"
    ORG_EXPERTISE: Final = "enquete-org-expertise"
    ORG_CONTACT: Final = "enquete-org-contact"
    ORG_PROPOSE: Final = "enquete-org-propose"
    ORG_MESSAGE: Final = "enquete-org-message"
    ORG_PENDING: Final = "enquete-org-pending"
    ORG_ERROR: Final = "enquete-org-error"  # pattern type, one per ``field``
    # the ``type`` of pattern-matching ids, one per tie (``key``) or suggestion (``partner``)
    STATUS: Final = "enquete-status"
    DETAILS: Final = "enquete-details"
    FREQUENCY: Final = "enquete-frequency"
    RATING: Final = "enquete-rating"
    TIE_ERROR: Final = "enquete-tie-error"
    TIE: Final = "enquete-tie"
    REMOVE: Final = "enquete-remove"
    SUGGESTION: Final = "enquete-suggestion"


def all_ids() -> list[str]:
    """Every id declared above (string ids; pattern-matching ids use their ``type`` string)."""
    return [
        value
        for holder in (
            Shell,
            Kaart,
            Overzicht,
            Knelpunten,
            Kansen,
            Wijken,
            Koffie,
            Gids,
            Gegevens,
            Rondes,
            Enquete,
        )
        for name, value in vars(holder).items()
        if name.isupper() and isinstance(value, str)
    ]
