import folium

from zones.export.figure import FIGURE_CSS, READY_JS, DrawnSignal, FigureTitle


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
    fmap = folium.Map(tiles=None)
    DrawnSignal().add_to(fmap)
    assert "window.zonesFigure" in fmap.get_root().render()
    assert "tileErrors" in READY_JS and "expected.paths" in READY_JS
