"""Catalogue styles turned into Leaflet path options.

The catalogue speaks snake_case (``fill_color``); Leaflet wants camelCase (``fillColor``). Every
drawn path also gets a class naming its layer, so that tests and exports can find it in the page.
"""

from __future__ import annotations

from collections.abc import Mapping

from zones.core import LINE_TYPES
from zones.data.catalogue import LayerSpec

LEAFLET_NAMES = {
    "color": "color",
    "weight": "weight",
    "opacity": "opacity",
    "fill_color": "fillColor",
    "fill_opacity": "fillOpacity",
    "dash_array": "dashArray",
    "radius": "radius",
}
DEFAULT_STYLE = {"weight": 1, "opacity": 1.0, "fill_opacity": 0.0}


def layer_class(layer_id: str) -> str:
    """The CSS class every path of a layer carries: ``zones-layer-<id>``."""
    return f"zones-layer-{layer_id}"


def leaflet_style(
    spec: LayerSpec, properties: Mapping[str, object], geometry_type: str = "Polygon"
) -> dict[str, object]:
    """Leaflet options for one feature: the layer style, then its variants, then its class.

    Lines are never filled: Leaflet would fill the area a closed line encloses.
    """
    variants = (properties.get(name) for name in spec.variant_properties)
    style = {**DEFAULT_STYLE, **spec.style_for(*variants)}
    options = {LEAFLET_NAMES[key]: value for key, value in style.items()}
    options["fill"] = float(style.get("fill_opacity", 0)) > 0 and geometry_type not in LINE_TYPES
    options["className"] = layer_class(spec.id)
    return options


def legend_swatch(spec: LayerSpec, variant: str | None = None) -> dict[str, object]:
    """The style a legend swatch shows for a layer or one of its variants."""
    return {**DEFAULT_STYLE, **spec.style_for(variant)}
