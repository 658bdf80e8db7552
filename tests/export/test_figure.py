import folium

from zones.export.figure import (
    FIGURE_CSS,
    READY_JS,
    DrawnSignal,
    FigureLegend,
    FigureTitle,
    LocatorInset,
    NorthArrow,
    PlaceLabels,
    figure_legend_html,
)
from zones.export.figure_layout import PlaceLabel


def test_the_title_box_shows_title_date_and_source_as_text():
    fmap = folium.Map(tiles=None)
    FigureTitle("Ghouta <b>&</b>", "As of 25 July 2017", "Source: us").add_to(fmap)
    html = fmap.get_root().render()
    # escaped as HTML, then carried in script-safe JSON
    assert "Ghouta \\u0026lt;b\\u0026gt;\\u0026amp;\\u0026lt;/b\\u0026gt;" in html
    assert "<b>&</b>" not in html


def test_an_empty_title_leaves_only_the_date_and_source():
    title = FigureTitle("  ", "As of 4 August 2017", "Source: us")
    assert "<h3>" not in title.html and "As of 4 August 2017" in title.html


def test_the_figure_hides_the_controls_and_signals_when_drawn():
    assert ".leaflet-control-zoom" in FIGURE_CSS and ".leaflet-control-measure" in FIGURE_CSS
    assert ".zones-legend-control" in FIGURE_CSS  # the page's legend gives way to the figure's
    fmap = folium.Map(tiles=None)
    DrawnSignal().add_to(fmap)
    assert "window.zonesFigure" in fmap.get_root().render()
    assert "tileErrors" in READY_JS and "expected.paths" in READY_JS
    assert ".zones-figure-legend [data-layer" in READY_JS


def test_the_figure_legend_lists_its_rows_escaped_in_the_page_direction():
    html = figure_legend_html([("south", "<svg></svg>", "South <zone>")], heading="Légende",
                              note="Tirets", lang="ar")
    assert html.startswith('<div dir="rtl" lang="ar"><h4>Légende</h4>')
    assert ('<div class="zones-legend-row" data-layer="south"><svg></svg>'
            "<span>South &lt;zone&gt;</span>") in html
    fmap = folium.Map(tiles=None)
    FigureLegend(html).add_to(fmap)
    NorthArrow("ش").add_to(fmap)
    LocatorInset('<svg class="zones-locator"></svg>').add_to(fmap)
    PlaceLabels([PlaceLabel("Dūmā <b>", 33.57, 36.40)]).add_to(fmap)
    rendered = fmap.get_root().render()
    assert "zones-figure-legend" in rendered and '"bottomright"' in rendered and '"topright"' in rendered
    assert r"\u0634" in rendered  # tojson writes non-ASCII as escapes
    assert r"D\u016bm\u0101 \u0026lt;b\u0026gt;" in rendered
    assert '"zonesLabels"' in rendered


def test_an_arabic_title_box_reads_right_to_left():
    title = FigureTitle("الغوطة", "بتاريخ 4 آب 2017", "المصدر", "ar")
    assert title.html.startswith('<div dir="rtl" lang="ar"><h3>الغوطة</h3>')


def test_a_legend_in_columns_fills_each_column_top_to_bottom():
    rows = [(f"layer{index}", "<svg></svg>", f"Row {index}") for index in range(5)]
    assert "grid-template-rows: repeat(3, auto)" in figure_legend_html(rows, heading="Legend", note="",
                                                                       lang="en", columns=2)
    assert "grid-template-rows: repeat(5, auto)" in figure_legend_html(rows, heading="Legend", note="",
                                                                       lang="en")
