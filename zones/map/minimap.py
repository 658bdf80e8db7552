"""An overview mini-map that works offline.

folium's MiniMap wants a tile layer, which offline draws nothing; leaflet-minimap accepts any
Leaflet layer, so ours shows the basemap countries as vector shapes.
"""

from __future__ import annotations

from folium.elements import JSCSSMixin
from jinja2 import Template

from zones.data.layers import LayerData
from zones.map.literal_script import LiteralScriptElement
from zones.map.payload import feature_json


class OfflineMiniMap(JSCSSMixin, LiteralScriptElement):
    """A collapsible bottom-left overview drawn from a basemap layer."""

    _template = Template("""
        {% macro script(this, kwargs) %}
        (function() {
            var shapes = L.geoJson({{ this.data_json }}, {
                style: function(feature) { return feature.properties.style; },
                interactive: false
            });
            new L.Control.MiniMap(shapes, {
                position: "bottomleft", width: 140, height: 110, zoomLevelOffset: -4,
                toggleDisplay: true, minimized: false
            }).addTo({{ this._parent.get_name() }});
        })();
        {% endmacro %}
    """)

    default_js = [("Control_MiniMap_js", "leaflet-minimap/Control.MiniMap.min.js")]
    default_css = [("Control_MiniMap_css", "leaflet-minimap/Control.MiniMap.min.css")]

    def __init__(self, layer: LayerData):
        super().__init__()
        self._name = "OfflineMiniMap"
        self.data_json = feature_json(layer)
