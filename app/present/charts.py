"""Plotly figures of the analyst pages, as plain functions of plain data.

Each function takes labels and numbers (see :mod:`app.present.overzicht`) and returns a
``plotly.graph_objects.Figure``; none of them reads the store or knows the analysis.

Plotly draws a few HTML-like tags (``<b>``, ``<a href>``) in labels; :func:`safe` turns
``&``, ``<`` and ``>`` in data text (wijk names, for one) into entities, so a label is
always shown as the text it is.

>>> safe("Wijk <b>Noord</b> & Oost")
'Wijk &lt;b&gt;Noord&lt;/b&gt; &amp; Oost'
>>> fig = bar(["Centrum", "Noord"], [0.15, 0.16], title="Dichtheid", axis="Dichtheid")
>>> list(fig.data[0].x)
['Centrum', 'Noord']
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Final

import plotly.graph_objects as go
from plotly.subplots import make_subplots

from app.i18n import DEFAULT_LANGUAGE, Language
from app.present.formatting import month, plotly_separators

__all__ = ["ACCENT", "bar", "heatmap", "safe", "trend_lines"]

ACCENT: Final = "#0b6e99"
_FONT: Final = {"family": "system-ui, -apple-system, Segoe UI, sans-serif", "size": 12}


def safe(text: str) -> str:
    """``text`` with ``&``, ``<`` and ``>`` as entities, so plotly shows it literally."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _layout(fig: go.Figure, title: str, height: int, lang: Language) -> go.Figure:
    fig.update_layout(
        separators=plotly_separators(lang),
        title={"text": safe(title), "x": 0, "xanchor": "left"},
        template="plotly_white",
        font=_FONT,
        height=height,
        margin={"l": 10, "r": 10, "t": 50, "b": 10},
    )
    fig.update_xaxes(separatethousands=True)
    fig.update_yaxes(separatethousands=True)  # 6.200 as well as 16.200
    return fig


def heatmap(
    labels: Sequence[str],
    density: Sequence[Sequence[float | None]],
    ties: Sequence[Sequence[int]],
    *,
    title: str,
    scale: str,
    ties_label: str,
    lang: Language = DEFAULT_LANGUAGE,
) -> go.Figure:
    """A square heatmap of ``density`` between ``labels``; the hover shows the tie counts too."""
    names = [safe(label) for label in labels]
    fig = go.Figure(
        go.Heatmap(
            z=[list(row) for row in density],
            x=names,
            y=names,
            customdata=[list(row) for row in ties],
            colorscale="Blues",
            zmin=0,
            colorbar={"title": {"text": safe(scale)}},
            hovertemplate=f"%{{y}} - %{{x}}<br>{safe(scale)}: %{{z:.3f}}"
            f"<br>{safe(ties_label)}: %{{customdata}}<extra></extra>",
        )
    )
    fig.update_yaxes(autorange="reversed")
    return _layout(fig, title, 560, lang)


def bar(
    labels: Sequence[str],
    values: Sequence[float],
    *,
    title: str,
    axis: str,
    lang: Language = DEFAULT_LANGUAGE,
) -> go.Figure:
    """Vertical bars, one per label, in the order given."""
    fig = go.Figure(go.Bar(x=[safe(label) for label in labels], y=list(values), marker_color=ACCENT))
    fig.update_yaxes(title_text=safe(axis), rangemode="tozero")
    return _layout(fig, title, 360, lang)


def trend_lines(
    periods: Sequence[str],
    series: Mapping[str, Sequence[float | None]],
    *,
    title: str,
    lang: Language = DEFAULT_LANGUAGE,
) -> go.Figure:
    """One small line chart per series (two columns), all over the same ``periods`` (named per language).

    Every y axis includes zero (``rangemode="tozero"``), so that a change of 0.002 in an index
    of 0.5 does not fill the chart; ``None`` values (a measure not defined in a period) are gaps.

    >>> series = {"Dichtheid": [0.150, 0.152], "Kokerindex": [None, 0.5]}
    >>> fig = trend_lines(["2025-01", "2025-02"], series, title="")
    >>> {axis.rangemode for axis in (fig.layout.yaxis, fig.layout.yaxis2)}
    {'tozero'}
    """
    names = list(series)
    rows = max(1, (len(names) + 1) // 2)
    fig = make_subplots(rows=rows, cols=2, subplot_titles=[safe(n) for n in names], vertical_spacing=0.18)
    for index, name in enumerate(names):
        fig.add_trace(
            go.Scatter(
                x=[month(p, lang) for p in periods],
                y=list(series[name]),
                mode="lines+markers",
                name=safe(name),
                line_color=ACCENT,
            ),
            row=index // 2 + 1,
            col=index % 2 + 1,
        )
    fig.update_layout(showlegend=False)
    fig.update_xaxes(type="category")
    fig.update_yaxes(rangemode="tozero")
    return _layout(fig, title, 260 * rows + 60, lang)
