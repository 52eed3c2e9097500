"""Figures of the analyst pages: plain data in, plotly figures out, data text shown literally."""

from __future__ import annotations

from app.present.charts import bar, heatmap, safe, trend_lines


def test_heatmap_has_one_cell_per_sector_pair_and_escapes_labels() -> None:
    fig = heatmap(
        ["Zorg", "<b>Wonen</b>"],
        [[0.8, 0.1], [0.1, None]],
        [[4, 1], [1, 0]],
        title="T",
        scale="Dichtheid",
        ties_label="Banden",
    )
    cell = fig.data[0]
    assert list(cell.x) == ["Zorg", "&lt;b&gt;Wonen&lt;/b&gt;"]
    assert [list(r) for r in cell.z] == [[0.8, 0.1], [0.1, None]]
    assert [list(r) for r in cell.customdata] == [[4, 1], [1, 0]]
    assert "Banden" in cell.hovertemplate


def test_bar_keeps_the_order_given() -> None:
    fig = bar(["Noord", "Centrum & Haven"], [0.2, 0.1], title="Dichtheid per wijk", axis="Dichtheid")
    assert list(fig.data[0].x) == ["Noord", "Centrum &amp; Haven"]
    assert list(fig.data[0].y) == [0.2, 0.1]
    assert fig.layout.title.text == "Dichtheid per wijk"


def test_trend_lines_draw_one_panel_per_series() -> None:
    series = {"Dichtheid": [0.1, 0.2], "Samenwerkingen": [10.0, 12.0], "Verwijzingen": [5.0, 7.0]}
    fig = trend_lines(["2025-01", "2025-02"], series, title="")
    assert [t.name for t in fig.data] == list(series)
    assert [list(t.x) for t in fig.data] == [["jan 2025", "feb 2025"]] * 3  # months as Dutch writes them
    assert fig.layout.separators == ",."
    assert {a.text for a in fig.layout.annotations} == set(series)
    assert fig.data[2].xaxis == "x3"


def test_safe_leaves_plain_text_alone() -> None:
    assert safe("De Hoven") == "De Hoven"
