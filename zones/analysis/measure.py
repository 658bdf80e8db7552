"""Areas and lengths in metric units, computed in an equal-area projection centred on Syria.

Degrees are not metres: a polygon's area in square degrees shrinks towards the poles. We project
to a Lambert azimuthal equal-area projection centred on Syria (35 N, 38 E), where areas are exact
and distances within Syria are off by well under 1 %.
"""

from __future__ import annotations

import geopandas as gpd
import pyproj

from zones.core import CONTROL_AREA_KIND, LINE_KIND, ZONE_KIND
from zones.data.layers import LoadResult
from zones.language import feature_name, side_name, words

EQUAL_AREA = pyproj.CRS.from_proj4("+proj=laea +lat_0=35 +lon_0=38 +datum=WGS84 +units=m +no_defs")
DEMARCATION_LINE = "demarcation_line"


def to_equal_area(frame: gpd.GeoDataFrame | gpd.GeoSeries) -> gpd.GeoSeries:
    """The geometries in the equal-area projection (metres)."""
    geometry = frame.geometry if isinstance(frame, gpd.GeoDataFrame) else frame
    return geometry.to_crs(EQUAL_AREA)


def area_km2(frame: gpd.GeoDataFrame) -> list[float]:
    """Each feature's area in km² (0 for lines and points)."""
    return [area / 1e6 for area in to_equal_area(frame).area]


def length_km(frame: gpd.GeoDataFrame) -> list[float]:
    """Each feature's length in km (perimeter for polygons, 0 for points)."""
    return [length / 1e3 for length in to_equal_area(frame).length]


def demarcation_lines(result: LoadResult) -> list[tuple[str, gpd.GeoDataFrame]]:
    """(layer id, frame) of the demarcation lines in every loaded layer of kind ``line``."""
    found = []
    for layer in result.of_kind(LINE_KIND):
        frame = layer.frame
        if "feature_type" in frame.columns:
            found.append((layer.spec.id, frame[frame["feature_type"] == DEMARCATION_LINE]))
    return found


def measurements_table(result: LoadResult, lang: str) -> list[dict]:
    """One row per de-escalation zone (area, km²), per demarcation line (length, km) and per
    area of control derived from the town record (km², by side).

    Zones first, then lines, each in catalogue and file order, whatever their dates. Each row
    has ``layer``, ``id``, ``name`` (in ``lang``), ``valid_from``, ``valid_to`` (None when
    ongoing), ``area_km2`` (zones) and ``length_km`` (lines), the measure not taken being None;
    values are rounded to 0.1.
    """
    zones = [(layer.spec.id, layer.frame) for layer in result.of_kind(ZONE_KIND)]
    rows = []
    for kind, frames in ((ZONE_KIND, zones), (LINE_KIND, demarcation_lines(result))):
        for layer_id, frame in frames:
            if frame.empty:
                continue
            areas, lengths = area_km2(frame), length_km(frame)
            for (_, row), area, length in zip(frame.iterrows(), areas, lengths, strict=True):
                properties = row.drop("geometry").to_dict()
                rows.append({
                    "layer": layer_id,
                    "id": str(properties.get("id", "")),
                    "name": feature_name(properties, lang),
                    "valid_from": _text_or_none(properties.get("valid_from")),
                    "valid_to": _text_or_none(properties.get("valid_to")),
                    "area_km2": round(area, 1) if kind == ZONE_KIND else None,
                    "length_km": round(length, 1) if kind == LINE_KIND else None,
                    "marks_inside": properties.get("marks_inside") if kind == ZONE_KIND else None,
                })
    for layer in result.of_kind(CONTROL_AREA_KIND):
        frame = layer.frame
        for (_, row), area in zip(frame.iterrows(), area_km2(frame), strict=True):
            side, status = str(row.get("side", "")), row.get("status")
            rows.append({
                "layer": layer.spec.id, "id": str(row.get("id", "")),
                "name": words(lang)["area_of"].format(side=side_name(side, lang)) + (
                    f" ({words(lang)['status_split']})" if status == "split" else ""),
                "valid_from": None, "valid_to": None, "area_km2": round(area, 1), "length_km": None,
            })
    return rows


def _text_or_none(value: object) -> str | None:
    return value if isinstance(value, str) and value else None
