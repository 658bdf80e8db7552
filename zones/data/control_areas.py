"""Approximate areas of control derived from the town-control marks.

Each settlement mark gets the part of Syria nearer to it than to any other settlement (its
Voronoi cell), capped to :data:`CAP_RADIUS_M` around the mark so that one village does not
claim a hundred kilometres of empty desert. The cells are merged by side, and what no cap
covers becomes one explicit ``unknown`` feature ("uncertain or unmarked"), so that no part of
Syria reads as empty and none reads as known when it is not.

Classes: a held or split settlement counts for its first side (``stable_opp_JaN`` is opposition
with an HTS presence; ``stable_gov_SDF`` is a government-SDF city such as Qamishli), with
``status`` saying which; a contested settlement (``X_Y``) gets its own class ``contested``.
Military sites (hills, bases, airfields, oil fields, crossings) are not used: they hold a spot,
not the land around it.

All geometry is computed in the Lambert azimuthal equal-area projection centred on Syria and
returned in WGS84 degrees, simplified as one coverage (shared edges stay shared) and rounded.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pyproj
import shapely
from shapely.geometry import MultiPoint, shape

LAEA = "+proj=laea +lat_0=35 +lon_0=38 +datum=WGS84 +units=m +no_defs"
CAP_RADIUS_M = 12_000
SIMPLIFY_M = 350  # coverage simplification, about 0.003-0.004 degree
COORDINATE_DECIMALS = 4
CONTESTED, UNKNOWN = "contested", "unknown"
SIDE_NAMES = {"gov": "Government", "opp": "Opposition", "SDF": "SDF", "JaN": "HTS (al-Nusra)",
              "IS": "ISIS", "Trk": "Turkish forces", "lcl": "Local forces", "spc": "Other forces",
              CONTESTED: "Contested", UNKNOWN: "Uncertain or unmarked"}
METHOD = (f"Voronoi cells of the settlement marks of Wikipedia's detailed map (c. July 2017), each "
          f"capped to {CAP_RADIUS_M // 1000} km around its mark, clipped to Syria's outline (Natural "
          f"Earth) and merged by side; areas beyond every cap are 'unknown'. Computed in an "
          f"equal-area projection; a rough picture of control, not a front line.")

_TO_METRES = pyproj.Transformer.from_crs("EPSG:4326", LAEA, always_xy=True)
_TO_DEGREES = pyproj.Transformer.from_crs(LAEA, "EPSG:4326", always_xy=True)


def to_metres(geometry):
    """``geometry`` (WGS84 degrees) in LAEA metres."""
    return shapely.transform(geometry, lambda xy: np.column_stack(_TO_METRES.transform(xy[:, 0], xy[:, 1])))


def to_degrees(geometry):
    """``geometry`` (LAEA metres) in WGS84 degrees."""
    return shapely.transform(geometry, lambda xy: np.column_stack(_TO_DEGREES.transform(xy[:, 0], xy[:, 1])))


def read_outline(path: Path, name: str):
    """The outline named ``name`` (``name_en``) in a basemap file, in degrees."""
    features = json.loads(Path(path).read_text(encoding="utf-8"))["features"]
    shapes = [shape(feature["geometry"]) for feature in features
              if feature["properties"].get("name_en") == name]
    if not shapes:
        raise ValueError(f"{path} has no feature with name_en {name!r}")
    return shapely.union_all(shapes)


def area_class(properties: dict) -> tuple[str, str]:
    """(side, status) of the area a settlement mark stands for."""
    if properties["status"] == CONTESTED:
        return CONTESTED, CONTESTED
    return properties["side"], properties["status"]


def build_areas(marks: list[dict], outline_path: Path, outline_name: str) -> list[dict]:
    """The area features for the mark features ``marks`` (as written to the marks layer).

    Returns one feature per (side, status) plus the ``unknown`` remainder, each with ``area_km2``
    computed before simplification.
    """
    from zones.data.control_build import LICENCE

    outline = to_metres(read_outline(outline_path, outline_name))
    settlements, spots = [], set()
    for feature in marks:
        spot = tuple(feature["geometry"]["coordinates"])
        if feature["properties"]["symbol"] == "settlement" and spot not in spots:
            spots.add(spot)  # one cell per spot: the first mark there speaks for it
            settlements.append(feature)
    points = to_metres(shapely.points([feature["geometry"]["coordinates"] for feature in settlements]))
    cells = shapely.voronoi_polygons(MultiPoint(list(points)), extend_to=outline.envelope.buffer(50_000),
                                     ordered=True)
    capped = shapely.intersection(np.asarray(cells.geoms), shapely.buffer(points, CAP_RADIUS_M))
    classes = [area_class(feature["properties"]) for feature in settlements]
    keys = sorted(set(classes), key=lambda key: (key[0] == CONTESTED, key))
    merged = [shapely.intersection(shapely.union_all([cell for cell, cls in zip(capped, classes, strict=True)
                                                      if cls == key]), outline) for key in keys]
    keys.append((UNKNOWN, "unmarked"))
    merged.append(shapely.difference(outline, shapely.union_all(merged)))
    areas = [geometry.area / 1e6 for geometry in merged]
    simplified = shapely.coverage_simplify(np.asarray([_polygonal(g) for g in merged]), SIMPLIFY_M)
    features = []
    for (side, status), geometry, area in zip(keys, simplified, areas, strict=True):
        degrees = shapely.make_valid(shapely.set_precision(to_degrees(geometry), 10**-COORDINATE_DECIMALS))
        degrees = _polygonal(degrees)
        if degrees.is_empty:
            continue
        name = SIDE_NAMES[side] + (" (split)" if status == "split" else "")
        features.append({
            "type": "Feature",
            "properties": {"id": f"control-area-{side}-{status}", "name_en": f"{name}, approximate area",
                           "side": side, "status": status, "area_km2": round(area, 1),
                           "approximate": True, "method": METHOD, "licence": LICENCE},
            "geometry": shapely.geometry.mapping(degrees),
        })
    return features


def _polygonal(geometry):
    """Only the polygons of ``geometry`` (set operations may leave slivers of lines or points)."""
    if geometry.geom_type in ("Polygon", "MultiPolygon"):
        return geometry
    parts = [part for part in getattr(geometry, "geoms", []) if part.geom_type in ("Polygon", "MultiPolygon")]
    return shapely.union_all(parts) if parts else shapely.Polygon()
