"""What the browser receives for a layer: GeoJSON with rounded coordinates, each feature's
Leaflet style and its pre-escaped tooltip, popup or label, and nothing else.

Computed once per layer, language and date and kept with the layer's data, so that a rerun of
the page does not redo it.
"""

from __future__ import annotations

import datetime as dt
import json

import geopandas as gpd

from zones.catalogue import LayerSpec
from zones.feature_text import popup_html, tooltip_html
from zones.loading import LayerData
from zones.measure import area_km2, length_km
from zones.styles import leaflet_style

COORDINATE_DECIMALS = 4  # about 10 m: finer than any line here is known


def feature_collection(layer: LayerData, *, lang: str = "en", on: dt.date | None = None) -> dict:
    """The GeoJSON the browser receives: geometry rounded, text pre-escaped, style, nothing else.

    Computed once per layer, language and date, then reused: treat the result as read-only.
    """
    key = ("browser", lang, on)
    if key not in layer.derived:
        layer.derived[key] = _browser_collection(layer, lang, on)
    return layer.derived[key]


def feature_json(layer: LayerData, *, lang: str = "en", on: dt.date | None = None) -> str:
    """:func:`feature_collection` as JSON that is safe inside an HTML ``<script>``, cached."""
    key = ("json", lang, on)
    if key not in layer.derived:
        text = json.dumps(feature_collection(layer, lang=lang, on=on), ensure_ascii=False,
                          separators=(",", ":"))
        layer.derived[key] = text.replace("<", "\\u003c").replace("\u2028", "\\u2028") \
            .replace("\u2029", "\\u2029")
    return layer.derived[key]


def _browser_collection(layer: LayerData, lang: str, on: dt.date | None) -> dict:
    spec = layer.spec
    frame = active_on(layer.frame, on)
    measured = _measurements(spec, frame)
    features = []
    for (_, row), measures in zip(frame.iterrows(), measured, strict=True):
        properties = row.drop("geometry").to_dict()
        browser_properties = {"id": str(properties.get("id", "")),
                              "style": leaflet_style(spec, properties, row.geometry.geom_type)}
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
