"""What the browser receives for a layer: GeoJSON with rounded coordinates, each feature's
Leaflet style and its pre-escaped tooltip, popup or label, and nothing else.

Computed once per layer, language and date and kept with the layer's data, so that a rerun of
the page does not redo it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

import numpy as np
import shapely
from jinja2.utils import htmlsafe_json_dumps

from zones.analysis.measure import area_km2, length_km
from zones.analysis.phases import phase_on
from zones.analysis.validity import depends_on_day, shown_on
from zones.core import (
    BASEMAP_KIND,
    BROWSER_TOLERANCE_DEGREES,
    CITY_KIND,
    COORDINATE_DECIMALS,
    LEAFLET_SMOOTHING_MAX_VERTICES,
    LINE_TYPES,
    POLYGON_TYPES,
)
from zones.data.layers import LayerData
from zones.data.phases_file import Phase
from zones.map.popups import popup_html, tooltip_html
from zones.map.styles import leaflet_style


def feature_collection(layer: LayerData, *, lang: str = "en", day: dt.date | None = None) -> dict:
    """The GeoJSON the browser receives: geometry rounded, text pre-escaped, style, nothing else.

    Computed once per layer, language and date, then reused: treat the result as read-only.
    """
    day = day_that_matters(layer, day)
    return layer.derive(("browser", lang, day), lambda: _browser_collection(layer, lang, day))


def feature_json(layer: LayerData, *, lang: str = "en", day: dt.date | None = None) -> str:
    """:func:`feature_collection` as JSON that is safe inside an HTML ``<script>``, cached."""
    day = day_that_matters(layer, day)

    def compute() -> str:
        text = str(htmlsafe_json_dumps(feature_collection(layer, lang=lang, day=day),
                                       ensure_ascii=False, separators=(",", ":")))
        # Jinja escapes what could end the <script>; these two end a line in pre-2019 JavaScript.
        return text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")

    return layer.derive(("json", lang, day), compute)


def day_that_matters(layer: LayerData, day: dt.date | None) -> dt.date | None:
    """``day``, or None for a layer that looks the same on every day (no validity dates, no
    phases): what is derived from it is then worked out and kept once, not once per day, which
    for the 6,000 town marks would be megabytes for every day a reader plays through."""
    if layer.phases or depends_on_day(layer.frame, layer.spec.kind.name):
        return day
    return None


def _browser_collection(layer: LayerData, lang: str, day: dt.date | None) -> dict:
    spec = layer.spec
    frame = shown_on(layer.frame, spec.kind.name, day)
    measured = _measurements(spec.is_basemap, frame)
    # Simplified by half a pixel at the deepest zoom: nothing visible is lost, and a file of
    # many invisible vertices cannot overflow Leaflet's recursive line simplification.
    simplified = shapely.simplify(frame.geometry.values, BROWSER_TOLERANCE_DEGREES,
                                  preserve_topology=True)
    rounded = shapely.transform(simplified, _round)
    records = frame.drop(columns="geometry").to_dict("records")
    features = []
    for properties, measures, geometry in zip(records, measured, rounded, strict=True):
        browser_properties = {"id": str(properties.get("id", "")),
                              "style": leaflet_style(spec, properties, geometry.geom_type)}
        if shapely.get_num_coordinates(geometry) > LEAFLET_SMOOTHING_MAX_VERTICES:
            # Leaflet's smoothing recurses once per kept vertex and overflowed the stack on a
            # 10,000-vertex saw (issue 14); this geometry is already simplified above.
            browser_properties["style"]["smoothFactor"] = 0
        if spec.kind.name == CITY_KIND:
            browser_properties["label"] = tooltip_html(properties, lang)
        elif spec.kind.name != BASEMAP_KIND:
            browser_properties["tooltip"] = tooltip_html(properties, lang)
            browser_properties["popup"] = popup_html(properties, lang, **measures,
                                                     phase=_phase_name(layer.phases, properties, day, lang))
        features.append({"type": "Feature", "properties": browser_properties,
                         "geometry": shapely.geometry.mapping(geometry)})
    return {"type": "FeatureCollection", "features": features}


def _phase_name(phases: Mapping[str, tuple[Phase, ...]], properties: dict, day: dt.date | None,
                lang: str) -> str | None:
    zone_id = properties.get("zone_id")
    if day is None or not isinstance(zone_id, str):
        return None
    phase = phase_on(phases, zone_id, day)
    return phase.name(lang) if phase else None


def _round(coordinates: np.ndarray) -> np.ndarray:
    return np.round(coordinates, COORDINATE_DECIMALS)


def _measurements(is_basemap: bool, frame) -> list[dict]:
    if frame.empty or is_basemap:
        return [{} for _ in range(len(frame))]
    areas, lengths = area_km2(frame), length_km(frame)
    result = []
    for geometry_type, area, length in zip(frame.geom_type, areas, lengths, strict=True):
        if geometry_type in POLYGON_TYPES:
            result.append({"area_km2": area})
        elif geometry_type in LINE_TYPES:
            result.append({"length_km": length})
        else:
            result.append({})
    return result
