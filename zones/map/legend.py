"""The map legend: a Leaflet control listing the layers that are on the map.

The legend holds a row for every catalogue layer and shows only the rows whose layer is
currently drawn, so it follows the sidebar toggles without the map being rebuilt.
"""

from __future__ import annotations

from html import escape

from jinja2 import Template

from zones.core import POINT_TYPES, POLYGON_TYPES
from zones.data.catalogue import Catalogue, LayerSpec
from zones.language import direction, words
from zones.map.literal_script import LiteralScriptElement
from zones.map.styles import legend_swatch


def swatch_svg(style: dict, geometry: str) -> str:
    """A 22×14 px SVG sample of a style: a filled box, a line, or a dot."""
    stroke = escape(str(style.get("color", "#333")), quote=True)
    fill = escape(str(style.get("fill_color", stroke)), quote=True)
    dash = escape(str(style.get("dash_array", "")), quote=True)
    width = float(style.get("weight", 1))
    opacity = float(style.get("fill_opacity", 0))
    if geometry == "point":
        shape = (f'<circle cx="11" cy="7" r="5" fill="{fill}" fill-opacity="{max(opacity, 0.6)}" '
                 f'stroke="{stroke}" stroke-width="{min(width, 2)}"/>')
    elif geometry == "line":
        shape = (f'<line x1="1" y1="7" x2="21" y2="7" stroke="{stroke}" stroke-width="{width}" '
                 f'stroke-dasharray="{dash}"/>')
    else:
        shape = (f'<rect x="1.5" y="1.5" width="19" height="11" fill="{fill}" '
                 f'fill-opacity="{opacity}" stroke="{stroke}" stroke-width="{min(width, 2)}" '
                 f'stroke-dasharray="{dash}"/>')
    return f'<svg width="22" height="14" viewBox="0 0 22 14" aria-hidden="true">{shape}</svg>'


def _geometry_family(spec: LayerSpec) -> str:
    types = set(spec.kind.geometry_types)
    if types <= POINT_TYPES:
        return "point"
    if not types & POLYGON_TYPES:
        return "line"
    return "polygon"


def legend_rows(spec: LayerSpec, lang: str = "en") -> list[tuple[str, str]]:
    """(swatch SVG, label) rows for one layer: the layer, then each styled variant."""
    rows = [(swatch_svg(legend_swatch(spec), _geometry_family(spec)), spec.title_for(lang))]
    for variant in spec.variants:
        family = "point" if "radius" in spec.variants[variant] else "line" \
            if spec.variants[variant].get("fill_opacity") == 0.0 else _geometry_family(spec)
        rows.append((swatch_svg(legend_swatch(spec, variant), family), "· " + variant_label(variant, lang)))
    return rows


def variant_label(variant: str, lang: str) -> str:
    """A variant's name in ``lang``: a word of its own, or a side, site or status of the
    town-control record; else the variant id made readable."""
    vocabulary = words(lang)
    for key in (variant, f"side_{variant}", f"site_{variant}", f"status_{variant}"):
        if key in vocabulary:
            return vocabulary[key]
    return variant.replace("_", " ")


def legend_html(catalogue: Catalogue, lang: str) -> str:
    """The legend's HTML: one hidden-or-shown block per layer, a button that shows the layers
    with nothing in view (the map hides those, see ``static/zones-map.js``; ``{count}`` is
    filled in there), then the note on dashes."""
    vocabulary = words(lang)
    blocks = []
    for spec in catalogue.layers:
        if spec.is_basemap:
            continue
        (svg, title), *variants = legend_rows(spec, lang)
        rows = f'<div class="zones-legend-row">{svg}<span>{escape(title)}</span></div>'
        if variants:  # the variants' rows fold away with their layer, to keep the legend short
            rows += ('<div class="zones-legend-variants">'
                     + "".join(f'<div class="zones-legend-row">{swatch}<span>{escape(text)}</span></div>'
                               for swatch, text in variants) + "</div>")
        blocks.append(f'<div class="zones-legend-layer" data-layer="{escape(spec.id, quote=True)}">'
                      f"{rows}</div>")
    return (f'<div class="zones-legend" dir="{direction(lang)}"><h4>{escape(vocabulary["legend"])}</h4>'
            f'<div class="zones-legend-body">{"".join(blocks)}'
            f'<button type="button" class="zones-legend-away" hidden>{escape(vocabulary["legend_away"])}'
            '</button>'
            f'<div class="zones-legend-note">{escape(vocabulary["legend_dashed"])}</div></div></div>')


class Legend(LiteralScriptElement):
    """A bottom-right control whose rows follow the layers present on the map."""

    _template = Template("""
        {% macro script(this, kwargs) %}
        (function() {
            var map = {{ this._parent.get_name() }};
            var legend = L.control({position: "bottomright"});
            legend.onAdd = function() {
                var box = L.DomUtil.create("div", "zones-legend-control");
                box.innerHTML = {{ this.html|tojson }};
                L.DomEvent.disableClickPropagation(box);
                return box;
            };
            legend.addTo(map);
            function refresh() {
                var present = Object.create(null);  // no inherited keys: a layer may be called "constructor"
                map.eachLayer(function(layer) {
                    if (layer.options && layer.options.layerId) { present[layer.options.layerId] = true; }
                });
                var rows = legend.getContainer().querySelectorAll("[data-layer]");
                rows.forEach(function(row) {
                    row.style.display = present[row.getAttribute("data-layer")] ? "" : "none";
                });
            }
            map.on("layeradd layerremove", function() { setTimeout(refresh, 0); });
            refresh();
        })();
        {% endmacro %}
    """)

    def __init__(self, html: str):
        super().__init__()
        self._name = "Legend"
        self.html = html
