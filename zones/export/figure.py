"""What a map needs to become a printed figure: a title box with the as-of date and source
line, controls hidden, and a signal telling the capturing browser when everything is drawn."""

from __future__ import annotations

from html import escape

from jinja2 import Template

from zones.map.literal_script import LiteralScriptElement

# Hidden in a figure: they mean nothing on paper.
FIGURE_CSS = """<style>
.leaflet-control-zoom, .leaflet-control-zoom-fullscreen, .leaflet-control-mouseposition,
.leaflet-control-measure { display: none !important; }
</style>"""


class FigureTitle(LiteralScriptElement):
    """A top-left box with the title, the as-of date and the source line."""

    _template = Template("""
        {% macro script(this, kwargs) %}
        (function() {
            var box = L.control({position: "topleft"});
            box.onAdd = function() {
                var div = L.DomUtil.create("div", "zones-title");
                div.innerHTML = {{ this.html|tojson }};
                return div;
            };
            box.addTo({{ this._parent.get_name() }});
        })();
        {% endmacro %}
    """)

    def __init__(self, title: str, date_text: str, source: str):
        super().__init__()
        self._name = "FigureTitle"
        self._id = "zonestitle"
        heading = f"<h3>{escape(title)}</h3>" if title.strip() else ""
        self.html = f"{heading}<p>{escape(date_text)}</p><p>{escape(source)}</p>"


class DrawnSignal(LiteralScriptElement):
    """Exposes the map as ``window.zonesFigure`` once every layer before it has been added,
    and counts the background tiles that fail to load."""

    _template = Template("""
        {% macro script(this, kwargs) %}
        (function() {
            var figure = window.zonesFigure = {map: {{ this._parent.get_name() }}, tileErrors: 0};
            figure.map.eachLayer(function(layer) {
                if (layer instanceof L.TileLayer) {
                    layer.on("tileerror", function() { figure.tileErrors += 1; });
                }
            });
        })();
        {% endmacro %}
    """)

    def __init__(self):
        super().__init__()
        self._name = "DrawnSignal"
        self._id = "zonesdrawn"


# True once the map exists, every layer with features has its paths, the legend shows their
# rows, no tile layer is still loading and the fonts are ready; a message if tiles failed.
READY_JS = """(expected) => {
    const figure = window.zonesFigure;
    if (!figure || document.readyState !== "complete" || document.fonts.status !== "loaded") return false;
    for (const name of expected.paths) { if (!document.querySelector("path." + name)) return false; }
    for (const id of expected.legend) {
        const row = document.querySelector('.zones-legend [data-layer="' + id + '"]');
        if (!row || row.style.display === "none") return false;
    }
    let loading = false;
    figure.map.eachLayer((layer) => { if (layer.isLoading && layer.isLoading()) loading = true; });
    if (loading) return false;
    return figure.tileErrors ? figure.tileErrors + " background tiles could not be loaded" : true;
}"""
