"""Building the folium map: a base map (view, controls, legend, the vector basemap, optional
tiles) and one feature group per layer.

The page's map carrier (:mod:`zones.map.carrier_data`) takes the base map's script from here and
sends each layer's data once; exports draw the whole map from here. Everything rendered gets a
stable element id, so the same inputs give the same HTML.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from html import escape

import folium
import folium.plugins
from branca.element import Element
from jinja2 import Template

from zones.core import BASEMAP_KIND, ZOOM_MAX, ZOOM_MIN, View
from zones.data.catalogue import Catalogue
from zones.data.layers import LayerData
from zones.map.assets import PAGE_STATIC_URL, localise
from zones.map.legend import Legend, legend_html
from zones.map.literal_script import LiteralScriptElement
from zones.map.minimap import OfflineMiniMap
from zones.map.payload import feature_collection, feature_json
from zones.map.popups import POPUP_OPTIONS
from zones.map.tiles import TILES

MINIMAP_LAYER = "countries"


class LayerGeoJson(LiteralScriptElement):
    """One layer's features as a Leaflet ``L.geoJson``, drawn from JSON serialised once.

    folium.GeoJson would do the same but re-serialise the data and re-run its style mapping on
    every render, which on a Streamlit rerun costs more than the whole rest of the page; the
    serialised collection here is computed once per layer, language and date and reused.
    Each feature carries its Leaflet style and its pre-escaped tooltip, popup or label.
    """

    _template = Template("""
        {% macro script(this, kwargs) %}
        var {{ this.get_name() }} = L.geoJson({{ this.data_json }}, {
            style: function(feature) { return feature.properties.style; },
            pointToLayer: function(feature, latlng) {
                return L.circleMarker(latlng, feature.properties.style);
            },
            onEachFeature: function(feature, layer) {
                var p = feature.properties;
                if (p.label) {
                    layer.bindTooltip(p.label,
                        {permanent: true, direction: "right", className: "zones-label"});
                }
                if (p.tooltip) { layer.bindTooltip(p.tooltip, {sticky: true}); }
                if (p.popup) { layer.bindPopup(p.popup, {{ this.popup_options|tojson }}); }
            },
            attribution: {{ this.attribution|tojson }},
            interactive: {{ this.interactive|tojson }},
            layerId: {{ this.layer_id|tojson }}
        }).addTo({{ this._parent.get_name() }});
        {% endmacro %}
    """)

    def __init__(self, layer: LayerData, *, lang: str, day: dt.date | None):
        super().__init__()
        self._name = "LayerGeoJson"
        self.layer_id = layer.spec.id
        self.attribution = escape(layer.spec.attribution)
        self.interactive = layer.spec.kind.name != BASEMAP_KIND
        self.data_json = feature_json(layer, lang=lang, day=day)
        self.popup_options = POPUP_OPTIONS


def base_map(
    catalogue: Catalogue,
    *,
    view: View = View(),
    tiles: str = "offline",
    basemap: Sequence[LayerData] = (),
    lang: str = "en",
    static_url: str = PAGE_STATIC_URL,
) -> folium.Map:
    """The map without thematic layers: view, scale bar, legend, controls, the vector basemap
    layers given in ``basemap`` and the optional online tiles.

    The page keeps this map unchanged while the user toggles zones, so the browser only swaps
    the thematic layers. Raises ValueError for an unknown ``tiles`` choice.
    """
    if tiles not in TILES:
        raise ValueError(f"unknown tiles {tiles!r}; choose one of {', '.join(TILES)}")
    choice = TILES[tiles]
    fmap = folium.Map(
        location=(view.lat, view.lon),
        zoom_start=view.zoom,
        tiles=None,
        control_scale=True,
        min_zoom=ZOOM_MIN,
        max_zoom=ZOOM_MAX,
    )
    if choice.url:
        folium.TileLayer(choice.url, attr=choice.attribution, name=choice.label,
                         max_zoom=ZOOM_MAX).add_to(fmap)
    for layer in basemap:
        layer_group(layer, lang=lang).add_to(fmap)
        if layer.spec.id == MINIMAP_LAYER:
            OfflineMiniMap(layer).add_to(fmap)
    Legend(legend_html(catalogue, lang)).add_to(fmap)
    folium.plugins.MeasureControl(position="topleft", primary_length_unit="kilometers",
                                  secondary_length_unit=None, primary_area_unit="sqkilometers",
                                  secondary_area_unit=None).add_to(fmap)
    folium.plugins.Fullscreen(position="topleft").add_to(fmap)
    folium.plugins.MousePosition(position="bottomleft", separator=" · ", num_digits=4, empty_string="",
                                 prefix="").add_to(fmap)
    localise(fmap, static_url)
    _stable_ids(fmap, "base")
    return fmap


def layer_group(
    layer: LayerData, *, lang: str = "en", day: dt.date | None = None
) -> folium.FeatureGroup:
    """One layer as a feature group, drawn with its catalogue style.

    ``day`` keeps only the features valid on that date (``valid_from <= on <= valid_to``).
    Its GeoJSON layer carries the layer id as the Leaflet option ``layerId`` (the legend reads
    it); the group's own options would be lost, since ``L.featureGroup`` takes layers first.
    """
    spec = layer.spec
    group = folium.FeatureGroup(name=spec.title)
    if feature_collection(layer, lang=lang, day=day)["features"]:
        LayerGeoJson(layer, lang=lang, day=day).add_to(group)
    _stable_ids(group, spec.id)
    return group


def _stable_ids(root: Element, prefix: str) -> None:
    """Give every element under ``root`` an id from its position, not from a random uuid.

    Ids stay lowercase letters and digits, like folium's own, because streamlit-folium finds
    element names by that pattern.
    """
    counter = 0
    stem = "".join(character for character in prefix.lower() if character.isalnum())

    def visit(element: Element) -> None:
        nonlocal counter
        element._id = f"{stem}{counter}"
        counter += 1
        for child in element._children.values():
            visit(child)

    visit(root)
