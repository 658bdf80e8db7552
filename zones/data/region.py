"""Where a layer's features may lie: inside the catalogue's region, in degrees, not swapped.

Catches the two commonest silent errors of hand-made files: metres passed as degrees and
latitude exchanged with longitude.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

import geopandas as gpd
import shapely
from shapely.geometry import shape

from zones.data.catalogue import Region
from zones.data.errors import LayerError
from zones.data.safe_read import read_bounded


def check_region(path: Path, frame: gpd.GeoDataFrame, region: Region) -> None:
    """Raise :class:`LayerError` when the features are not in degrees inside ``region``."""
    min_x, min_y, max_x, max_y = frame.total_bounds
    west, south, east, north = region.bounds
    if max(abs(min_x), abs(max_x)) > 180 or max(abs(min_y), abs(max_y)) > 90:
        raise LayerError(None, path,
                         f"coordinates reach {max(abs(min_x), abs(max_x)):,.0f}, too large for "
                         "degrees: they look like metres (Web Mercator, EPSG:3857).",
                         "Reproject the file to EPSG:4326, or declare its CRS in a “crs” member.")
    inside = west <= min_x and max_x <= east and south <= min_y and max_y <= north
    swapped = west <= min_y and max_y <= east and south <= min_x and max_x <= north
    if swapped and (not inside or _looks_swapped(frame, region)):
        raise LayerError(None, path, "latitude and longitude look swapped (the features fall "
                         "in the map's region only when the two are exchanged).",
                         "GeoJSON wants [longitude, latitude]; swap the coordinates.")
    if inside:
        return
    raise LayerError(None, path,
                     f"the features lie outside the map's region ({min_x:.2f}, {min_y:.2f} to "
                     f"{max_x:.2f}, {max_y:.2f}; expected within {west}, {south} to {east}, {north}).",
                     "Check the coordinates and their CRS.")


def _looks_swapped(frame: gpd.GeoDataFrame, region: Region) -> bool:
    """True when most vertices miss the region's outline as written but hit it when swapped."""
    outline = _outline(region.outline_file, region.outline_name, region.max_file_bytes,
                       region.directory)
    if outline is None:
        return False
    coordinates = shapely.get_coordinates(frame.geometry.values)
    coordinates = coordinates[:: max(1, len(coordinates) // 2000)]
    if not len(coordinates):
        return False
    as_written = shapely.contains_xy(outline, coordinates[:, 0], coordinates[:, 1]).mean()
    exchanged = shapely.contains_xy(outline, coordinates[:, 1], coordinates[:, 0]).mean()
    return as_written < 0.5 < exchanged


@lru_cache(maxsize=4)
def _outline(path: Path | None, name: str | None, limit: int, directory: Path | None):
    """The region outline, buffered by about 30 km; None when it is not configured or cannot be
    read (a bounded read of a regular file in the data folder, like every layer file: a broken
    outline only turns the swapped-coordinates check off, its own layer reports the fault)."""
    if path is None:
        return None
    try:
        raw = read_bounded(path, limit, directory=directory or path.parent)
        features = json.loads(raw.decode("utf-8"))["features"]
        shapes = [shape(feature["geometry"]) for feature in features
                  if name is None or feature["properties"].get("name_en") == name]
    except (OSError, ValueError, KeyError, TypeError, AttributeError, IndexError, RecursionError,
            shapely.errors.ShapelyError):
        return None
    if not shapes:
        return None
    outline = shapely.union_all(shapes).buffer(0.3)
    shapely.prepare(outline)
    return outline
