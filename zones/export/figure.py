"""What a map needs to become a printed figure: a title box with the as-of date and source line,
a legend of what is in view, town labels, a north arrow, a locator inset, controls hidden, and a
signal telling the capturing browser when everything is drawn.

Where things go (the ground in view, which labels fit) is decided in
:mod:`zones.export.figure_layout`; the elements here only place ready-made, escaped HTML.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from html import escape

from jinja2 import Template

from zones.export.figure_layout import LABEL_FONT_PX, PlaceLabel
from zones.language import direction
from zones.map.literal_script import LiteralScriptElement

# Hidden in a figure: the interactive controls mean nothing on paper, and the page's legend and
# mini-map give way to the figure's own legend (only what is in view) and locator inset.
FIGURE_CSS = """<style>
.leaflet-control-zoom, .leaflet-control-zoom-fullscreen, .leaflet-control-mouseposition,
.leaflet-control-measure, .leaflet-control-minimap, .zones-legend-control
{ display: none !important; }
.zones-figure-legend { background: rgba(255,255,255,0.92); padding: 6px 8px; border-radius: 4px;
  font: 12px/1.35 system-ui, sans-serif; box-shadow: 0 1px 4px rgba(0,0,0,0.3); max-width: 1000px; }
.zones-figure-legend h4 { margin: 0 0 4px; font-size: 12px; }
.zones-figure-rows { display: grid; grid-auto-flow: column; column-gap: 14px; }
.zones-figure-rows .zones-legend-row { max-width: 320px; }
.zones-figure-legend .zones-legend-row { display: flex; align-items: center; gap: 6px; }
.zones-figure-legend .zones-legend-note { margin-top: 4px; color: #555; font-size: 11px; }
/* A figure goes into a report as it is: its attribution is whole, wrapped, never cut to a line
   (the page's one-line attribution ran off the figure's left edge); the scale bar keeps its corner. */
.leaflet-bottom.leaflet-right { max-width: 100%; }
.leaflet-control-attribution { white-space: normal !important; overflow: visible !important;
  max-width: calc(100% - 110px) !important; font-size: 9px !important; line-height: 1.25; }
.zones-north { background: rgba(255,255,255,0.85); border-radius: 4px; padding: 2px 4px;
  font: bold 12px system-ui, sans-serif; text-align: center; line-height: 1; }
.zones-locator-box { background: rgba(255,255,255,0.9); border-radius: 4px; padding: 3px;
  box-shadow: 0 1px 4px rgba(0,0,0,0.3); line-height: 0; }
.zones-place-label .zones-place-text { position: absolute; top: -8px; display: flex;
  align-items: center; gap: 4px; white-space: nowrap; font: 600 LABELpx/16px system-ui, sans-serif;
  color: #222; text-shadow: 0 0 3px #fff, 0 0 3px #fff, 0 0 2px #fff; }
.zones-place-label .zones-place-right { left: -3px; }
.zones-place-label .zones-place-left { right: -3px; flex-direction: row-reverse; }
.zones-place-label .zones-place-dot { width: 5px; height: 5px; border-radius: 50%;
  background: #222; flex: none; }
</style>""".replace("LABEL", str(LABEL_FONT_PX))


class FigureTitle(LiteralScriptElement):
    """A top-left box with the title, the as-of date and the source line, in ``lang``'s direction."""

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

    def __init__(self, title: str, date_text: str, source: str, lang: str = "en"):
        super().__init__()
        self._name = "FigureTitle"
        self._id = "zonestitle"
        heading = f"<h3>{escape(title)}</h3>" if title.strip() else ""
        self.html = (f'<div dir="{direction(lang)}" lang="{lang}">{heading}<p>{escape(date_text)}</p>'
                     f"<p>{escape(source)}</p></div>")


class _FixedControl(LiteralScriptElement):
    """A Leaflet control at ``position`` holding ready-made ``html`` in a div of ``css_class``."""

    _template = Template("""
        {% macro script(this, kwargs) %}
        (function() {
            var control = L.control({position: {{ this.position|tojson }}});
            control.onAdd = function() {
                var div = L.DomUtil.create("div", {{ this.css_class|tojson }});
                div.innerHTML = {{ this.html|tojson }};
                return div;
            };
            control.addTo({{ this._parent.get_name() }});
        })();
        {% endmacro %}
    """)

    def __init__(self, name: str, html: str, *, position: str, css_class: str):
        super().__init__()
        self._name = name
        self._id = name.lower()
        self.html, self.position, self.css_class = html, position, css_class


def figure_legend_html(rows: Sequence[tuple[str, str, str]], *, heading: str, note: str,
                       lang: str, columns: int = 1) -> str:
    """The figure's legend: ``rows`` of (layer id, swatch SVG, label) for what is in view, in
    ``columns`` columns filled top to bottom, the ``heading`` and the ``note`` on dashes (both
    plain text, escaped here; the swatches are trusted SVG)."""
    body = "".join(f'<div class="zones-legend-row" data-layer="{escape(layer_id, quote=True)}">'
                   f"{svg}<span>{escape(label)}</span></div>" for layer_id, svg, label in rows)
    per_column = max(1, math.ceil(len(rows) / max(1, int(columns))))
    grid = f"grid-template-rows: repeat({per_column}, auto)"
    return (f'<div dir="{direction(lang)}" lang="{lang}"><h4>{escape(heading)}</h4>'
            f'<div class="zones-figure-rows" style="{grid}">{body}</div>'
            f'<div class="zones-legend-note">{escape(note)}</div></div>')


class FigureLegend(_FixedControl):
    """A bottom-right legend listing only the layers with features in the figure's view."""

    def __init__(self, html: str):
        super().__init__("FigureLegend", html, position="bottomright", css_class="zones-figure-legend")


class NorthArrow(_FixedControl):
    """A top-right arrow pointing up, lettered with ``letter`` (N in every language we speak:
    Arabic maps print ش, French N)."""

    def __init__(self, letter: str):
        arrow = ('<svg width="18" height="22" viewBox="0 0 18 22" aria-hidden="true">'
                 '<path d="M9 1 L16 21 L9 16 L2 21 Z" fill="#222"/>'
                 '<path d="M9 1 L9 16 L2 21 Z" fill="#fff" stroke="#222" stroke-width="0.8"/></svg>')
        super().__init__("NorthArrow", f"<div>{escape(letter)}</div>{arrow}", position="topright",
                         css_class="zones-north")


class LocatorInset(_FixedControl):
    """A top-right inset (below the north arrow): the country with the figure's view outlined;
    ``svg`` comes ready-made from :func:`zones.export.figure_layout.locator_svg`."""

    def __init__(self, svg: str):
        super().__init__("LocatorInset", svg, position="topright", css_class="zones-locator-box")


class PlaceLabels(LiteralScriptElement):
    """Town names as non-interactive Leaflet markers (a dot and the name beside it), in a pane of
    their own above the vector basemap."""

    _template = Template("""
        {% macro script(this, kwargs) %}
        (function() {
            var map = {{ this._parent.get_name() }};
            // Above the vector basemap's opaque fills (overlay pane, z-index 400), below
            // popups; the names were placed clear of the data's point symbols.
            var pane = map.createPane("zonesLabels");
            pane.style.zIndex = 450;
            pane.style.pointerEvents = "none";
            {{ this.labels|tojson }}.forEach(function(label) {
                L.marker([label[0], label[1]], {interactive: false, keyboard: false, pane: "zonesLabels",
                    icon: L.divIcon({className: "zones-place-label", html: label[2],
                                     iconSize: [0, 0], iconAnchor: [0, 0]})}).addTo(map);
            });
        })();
        {% endmacro %}
    """)

    def __init__(self, labels: Sequence[PlaceLabel]):
        super().__init__()
        self._name = "PlaceLabels"
        self._id = "zonesplacelabels"
        # The text box starts at the dot and runs right, or ends at it and runs left; the
        # direction is fixed (dir="ltr" on the box, the name isolated) so Arabic names keep it.
        self.labels = [[label.lat, label.lon,
                        f'<span class="zones-place-text zones-place-{escape(label.side, quote=True)}" '
                        f'dir="ltr" style="{escape(label.side, quote=True)}: {label.gap - 3}px">'
                        f'<span class="zones-place-dot"></span>'
                        f"<bdi>{escape(label.text)}</bdi></span>"]
                       for label in labels]


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


# True once the map exists, every layer with features has its paths, the figure's legend shows
# their rows, no tile layer is still loading and the fonts are ready; a message if tiles failed.
READY_JS = """(expected) => {
    const figure = window.zonesFigure;
    if (!figure || document.readyState !== "complete" || document.fonts.status !== "loaded") return false;
    for (const name of expected.paths) { if (!document.querySelector("path." + name)) return false; }
    for (const id of expected.legend) {
        if (!document.querySelector('.zones-figure-legend [data-layer="' + id + '"]')) return false;
    }
    let loading = false;
    figure.map.eachLayer((layer) => { if (layer.isLoading && layer.isLoading()) loading = true; });
    if (loading) return false;
    return figure.tileErrors ? figure.tileErrors + " background tiles could not be loaded" : true;
}"""
