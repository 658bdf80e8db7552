"""Building the folium map: a base map that never changes, and one feature group per layer.

The page hands the base map and the visible layers' groups to ``st_folium`` separately, so that
switching a layer swaps groups in the browser instead of rebuilding the whole map, and the view
does not jump. Everything rendered gets a stable element id, so the same inputs give the same
HTML and the browser can tell when nothing changed.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from html import escape

import folium
import folium.plugins
import geopandas as gpd
from branca.element import Element
from folium.utilities import JsCode

from zones.assets import PAGE_STATIC_URL, localise
from zones.catalogue import Catalogue, LayerSpec
from zones.feature_text import popup_html, tooltip_html
from zones.legend import Legend, legend_html
from zones.loading import LayerData
from zones.measure import area_km2, length_km
from zones.styles import leaflet_style

COORDINATE_DECIMALS = 4  # about 10 m: finer than any line here is known


@dataclass(frozen=True)
class View:
    """Where the map looks: centre (degrees) and Leaflet zoom level."""

    lat: float = 34.9
    lon: float = 38.3
    zoom: int = 7


@dataclass(frozen=True)
class TileChoice:
    """An optional online tile basemap; ``url`` None means the offline vector basemap only."""

    label: str
    url: str | None = None
    attribution: str = ""


TILES = {
    "offline": TileChoice("Offline vector basemap"),
    "osm": TileChoice(
        "OpenStreetMap (online)",
        "https://tile.openstreetmap.org/{z}/{x}/{y}.png",
        '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> contributors',
    ),
    "satellite": TileChoice(
        "Satellite, Esri World Imagery (online)",
        "https://server.arcgisonline.com/ArcGIS/rest/services/World_Imagery/MapServer/tile/{z}/{y}/{x}",
        "Imagery &copy; Esri, Maxar, Earthstar Geographics",
    ),
}

BIND_TEXT = JsCode("""
function(feature, layer) {
    var p = feature.properties;
    if (p.label) {
        layer.bindTooltip(p.label, {permanent: true, direction: "right", className: "zones-label"});
    }
    if (p.tooltip) { layer.bindTooltip(p.tooltip, {sticky: true}); }
    if (p.popup) { layer.bindPopup(p.popup, {maxWidth: 360}); }
}
""")


def base_map(
    catalogue: Catalogue,
    *,
    view: View = View(),
    tiles: str = "offline",
    lang: str = "en",
    static_url: str = PAGE_STATIC_URL,
) -> folium.Map:
    """The map without data layers: view, scale bar, legend, controls and optional tiles.

    Raises ValueError for an unknown ``tiles`` choice.
    """
    if tiles not in TILES:
        raise ValueError(f"unknown tiles {tiles!r}; choose one of {', '.join(TILES)}")
    choice = TILES[tiles]
    fmap = folium.Map(
        location=(view.lat, view.lon),
        zoom_start=view.zoom,
        tiles=None,
        control_scale=True,
        min_zoom=4,
        max_zoom=16,
    )
    if choice.url:
        folium.TileLayer(choice.url, attr=choice.attribution, name=choice.label,
                         max_zoom=16).add_to(fmap)
    Legend(legend_html(catalogue, lang)).add_to(fmap)
    folium.plugins.Fullscreen(position="topleft").add_to(fmap)
    folium.plugins.MousePosition(position="bottomleft", separator=" · ", num_digits=4, empty_string="",
                                 prefix="").add_to(fmap)
    localise(fmap, static_url)
    _stable_ids(fmap, "base")
    return fmap


def layer_group(
    layer: LayerData, *, lang: str = "en", on: dt.date | None = None
) -> folium.FeatureGroup:
    """One layer as a feature group, drawn with its catalogue style.

    ``on`` keeps only the features valid on that date (``valid_from <= on <= valid_to``).
    Its GeoJSON layer carries the layer id as the Leaflet option ``layerId`` (the legend reads
    it); the group's own options are lost, since ``L.featureGroup`` takes layers first.
    """
    spec = layer.spec
    group = folium.FeatureGroup(name=spec.title)
    collection = feature_collection(layer, lang=lang, on=on)
    if collection["features"]:
        points = "Point" in spec.kind.geometry_types
        # No style_function: each feature carries its style, which folium then applies with
        # setStyle; a style_function would be re-evaluated for every feature on every rerun.
        folium.GeoJson(
            collection,
            name=spec.title,
            marker=folium.CircleMarker(radius=5) if points else None,
            on_each_feature=BIND_TEXT,
            attribution=escape(spec.attribution),
            interactive=spec.kind.name != "basemap",
            layer_id=spec.id,
        ).add_to(group)
    _stable_ids(group, spec.id)
    return group


def feature_collection(layer: LayerData, *, lang: str = "en", on: dt.date | None = None) -> dict:
    """The GeoJSON the browser receives: geometry rounded, text pre-escaped, style, nothing else.

    Computed once per layer, language and date, then reused: treat the result as read-only.
    """
    key = ("browser", lang, on)
    if key not in layer.derived:
        layer.derived[key] = _browser_collection(layer, lang, on)
    return layer.derived[key]


def _browser_collection(layer: LayerData, lang: str, on: dt.date | None) -> dict:
    spec = layer.spec
    frame = active_on(layer.frame, on)
    measured = _measurements(spec, frame)
    features = []
    for (_, row), measures in zip(frame.iterrows(), measured, strict=True):
        properties = row.drop("geometry").to_dict()
        browser_properties = {"id": str(properties.get("id", "")),
                              "style": leaflet_style(spec, properties)}
        if spec.kind.name == "city":
            browser_properties["label"] = tooltip_html(properties, lang)
        elif spec.kind.name != "basemap":
            browser_properties["tooltip"] = tooltip_html(properties, lang)
            browser_properties["popup"] = popup_html(properties, lang, **measures)
        features.append({"type": "Feature", "properties": browser_properties,
                         "geometry": _rounded(row.geometry)})
    return {"type": "FeatureCollection", "features": features}


def active_on(frame: gpd.GeoDataFrame, on: dt.date | None) -> gpd.GeoDataFrame:
    """The rows valid on date ``on`` (all rows when ``on`` is None or the layer is undated)."""
    if on is None or "valid_from" not in frame.columns:
        return frame
    day = on.isoformat()
    ends = frame["valid_to"] if "valid_to" in frame.columns else None
    keep = frame["valid_from"] <= day
    if ends is not None:
        keep &= ends.isna() | (ends >= day)
    return frame[keep]


def _measurements(spec: LayerSpec, frame: gpd.GeoDataFrame) -> list[dict]:
    if frame.empty or spec.is_basemap:
        return [{} for _ in range(len(frame))]
    areas, lengths = area_km2(frame), length_km(frame)
    result = []
    for geometry_type, area, length in zip(frame.geom_type, areas, lengths, strict=True):
        if geometry_type in ("Polygon", "MultiPolygon"):
            result.append({"area_km2": area})
        elif geometry_type in ("LineString", "MultiLineString"):
            result.append({"length_km": length})
        else:
            result.append({})
    return result


def _rounded(geometry) -> dict:
    """GeoJSON geometry with coordinates rounded to COORDINATE_DECIMALS."""
    mapping = json.loads(json.dumps(geometry.__geo_interface__))

    def walk(value):
        if isinstance(value, list):
            if value and isinstance(value[0], (int, float)):
                return [round(number, COORDINATE_DECIMALS) for number in value]
            return [walk(item) for item in value]
        return value

    mapping["coordinates"] = walk(mapping["coordinates"])
    return mapping


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
