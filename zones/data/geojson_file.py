"""Reading one GeoJSON file into an EPSG:4326 GeoDataFrame, or saying clearly why not.

The file is read once (bytes, never written back), parsed as JSON, checked as GeoJSON, brought
to EPSG:4326 and turned into shapely geometries. Problems a reader can act on become a
:class:`~zones.data.errors.LayerError`; repairs made in memory (a foreign CRS, an unclosed or
self-intersecting ring) are returned with the frame, to be shown on the page.

We parse the JSON ourselves and build the frame from shapely geometries rather than with
``geopandas.read_file``: GDAL flattens nested properties (the ``sources`` lists) into strings and
reports a truncated file without the line and column a user needs to find the fault.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

import geopandas as gpd
import pyproj
import shapely
from shapely.geometry import shape

from zones.core import (
    DEFAULT_MAX_VERTICES,
    MAX_PROPERTY_DEPTH,
    MAX_REPAIR_VERTICES,
    POLYGON_TYPES,
)
from zones.data.catalogue import Region
from zones.data.errors import LayerError
from zones.data.geojson_structure import (
    SURROGATE_ESCAPE,
    checked_positions,
    feature_label,
    nesting_depth,
    refuse_surrogates,
)
from zones.data.region import check_region
from zones.data.safe_read import RefusedFile, read_bounded

WGS84 = pyproj.CRS.from_epsg(4326)
Repair = tuple[int | None, str]


def read_geojson(path: Path, region: Region, max_vertices: int = DEFAULT_MAX_VERTICES
                 ) -> tuple[gpd.GeoDataFrame, tuple[Repair, ...]]:
    """Read a GeoJSON file into an EPSG:4326 GeoDataFrame, with the repairs it needed.

    The file must be a regular file in the data folder (``region.directory``, else the file's
    folder), of at most ``region.max_file_bytes`` and ``max_vertices`` vertices; it is read with
    that bound and its vertices counted before any geometry is built or repaired.
    Each repair is (index of the feature repaired, or None for the whole file; what was done).
    The outcome, a frame or a :class:`LayerError`, is cached by path, modification time and
    size, so an edited file is read again and an unchanged one is parsed (and repaired) once per
    process, however many sessions ask.
    """
    try:
        stat = path.stat()
    except FileNotFoundError:
        raise LayerError(None, path, "the file does not exist.",
                         f"Put the file in {path.parent} or fix the catalogue entry.") from None
    except OSError as error:
        raise LayerError(None, path, f"the file cannot be opened ({error.strerror}).") from None
    outcome = _read_cached(path, stat.st_mtime_ns, stat.st_size, region, max_vertices)
    if isinstance(outcome, LayerError):
        raise LayerError(None, path, outcome.problem, outcome.hint)
    return outcome


@lru_cache(maxsize=64)
def _read_cached(path: Path, _mtime_ns: int, _size: int, region: Region, max_vertices: int):
    try:
        return _read(path, region, max_vertices)
    except LayerError as error:
        # Cached without its traceback and context, whose frames would keep the file alive.
        error.__context__ = error.__cause__ = None
        return error.with_traceback(None)


def _read(path: Path, region: Region, max_vertices: int):
    raw = _read_bytes(path, region)
    collection = _parse_json(path, raw)
    features = _features_of(path, collection)
    vertices = sum(checked_positions(path, index, feature) for index, feature in enumerate(features))
    if vertices > max_vertices:
        raise LayerError(None, path, f"the file has {vertices:,} vertices, over the budget of "
                         f"{max_vertices:,}.", "Simplify the geometries (for example with QGIS's "
                         "Simplify or mapshaper), or raise max_vertices in layers.toml.")
    warnings = []
    geometries = [_geometry_of(path, index, feature, warnings) for index, feature in enumerate(features)]
    properties = [dict(feature.get("properties") or {}) for feature in features]
    frame = gpd.GeoDataFrame(properties, geometry=geometries, crs=_declared_crs(path, collection))
    if not frame.crs.equals(WGS84) and not _is_crs84(frame.crs):
        warnings.append((None, f"{path.name}: reprojected in memory from {frame.crs.to_string()} "
                               "to EPSG:4326 (the file is unchanged)."))
        frame = frame.to_crs(WGS84)
    else:
        frame = frame.set_crs(WGS84, allow_override=True)
    check_region(path, frame, region)
    return frame, tuple(warnings)


def _read_bytes(path: Path, region: Region) -> bytes:
    try:
        return read_bounded(path, region.max_file_bytes, directory=region.directory or path.parent)
    except FileNotFoundError:
        raise LayerError(None, path, "the file (or the file its link leads to) does not exist.",
                         f"Put the file in {path.parent} or fix the catalogue entry.") from None
    except RefusedFile as error:
        hint = ("Simplify the geometries, or raise max_file_megabytes in layers.toml."
                if error.reason.startswith("the file is") else "")
        raise LayerError(None, path, error.reason, hint) from None
    except OSError as error:
        raise LayerError(None, path, f"the file cannot be opened ({error.strerror}).") from None


def _parse_json(path: Path, raw: bytes) -> dict:
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise LayerError(None, path, "the file is UTF-16 text, not UTF-8.",
                         "Save it with UTF-8 encoding.")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise LayerError(None, path, f"the file is not valid UTF-8 (byte {error.start}).",
                         "Save it with UTF-8 encoding.") from None
    if not text.strip():
        raise LayerError(None, path, "the file is empty.",
                         "Copy the layer's GeoJSON into it, or remove the layer from the catalogue.")
    try:
        collection = json.loads(text)
    except json.JSONDecodeError as error:
        raise LayerError(None, path,
                         f"the file is not valid JSON (line {error.lineno}, column {error.colno}: "
                         f"{error.msg}).", _json_hint(text, error.pos)) from None
    except RecursionError:
        raise LayerError(None, path, "the file's arrays or objects are nested too deeply to read.",
                         "No GeoJSON needs that: check how the file was made.") from None
    # Lone surrogates (see geojson_structure) come only from escapes: look for those first.
    if SURROGATE_ESCAPE.search(text):
        refuse_surrogates(path, collection)
    return collection


def _json_hint(text: str, position: int) -> str:
    start = text.lstrip()
    if start.startswith("<"):
        return ("It looks like a web page (HTML), perhaps a failed download: fetch the GeoJSON "
                "file itself.")
    if position == len(text) - len(start):
        return "It is not JSON at all: export the layer as GeoJSON from your GIS."
    if position >= len(text.rstrip()) - 1:
        return "It looks truncated: copy it again in full."
    return "Check the JSON syntax near that position."


def _features_of(path: Path, collection: object) -> list[dict]:
    kind = collection.get("type") if isinstance(collection, dict) else None
    if kind == "Feature":
        features = [collection]
    elif kind == "FeatureCollection" and isinstance(collection.get("features"), list):
        features = collection["features"]
    else:
        raise LayerError(None, path,
                         "the file is JSON but not GeoJSON (no FeatureCollection or Feature).",
                         "Export it as GeoJSON from your GIS.")
    if not features:
        raise LayerError(None, path, "the FeatureCollection has no features.",
                         "Add at least one feature, or remove the layer from the catalogue.")
    for index, feature in enumerate(features):
        if not isinstance(feature, dict) or feature.get("type") != "Feature":
            raise LayerError(None, path, f"item {index} of “features” is not a GeoJSON Feature.")
        properties = feature.get("properties")
        if properties is not None and not isinstance(properties, dict):
            raise LayerError(None, path, f"feature {index}'s “properties” is not an object.")
        if nesting_depth(properties) > MAX_PROPERTY_DEPTH:
            raise LayerError(None, path, f"{feature_label(index, feature)} has properties nested "
                             f"more than {MAX_PROPERTY_DEPTH} levels deep.",
                             "Flatten them: the map shows text, dates, sources and flags.")
    return features


def _geometry_of(path: Path, index: int, feature: dict, warnings: list[Repair]):
    label = feature_label(index, feature)
    geometry = feature["geometry"]  # checked by _checked_positions
    closed = _close_rings(geometry) if geometry.get("type") in POLYGON_TYPES else None
    if closed is not None:
        geometry = closed
        warnings.append((index, f"{path.name}: {label} had an unclosed ring, closed in memory."))
    try:
        result = shape(geometry)
    except (ValueError, TypeError, AttributeError, IndexError, shapely.errors.ShapelyError) as error:
        raise LayerError(None, path, f"{label} has a malformed {geometry.get('type')} geometry "
                         f"({error}).", "Check its coordinate nesting.") from None
    if result.is_empty:
        raise LayerError(None, path, f"{label} has an empty geometry.", "Remove it or draw it.")
    if not result.is_valid:
        reason = shapely.is_valid_reason(result)
        vertices = shapely.get_num_coordinates(result)
        if vertices > MAX_REPAIR_VERTICES:
            raise LayerError(None, path, f"{label} is invalid ({reason}) and has {vertices:,} "
                             f"vertices, too many to repair here (at most {MAX_REPAIR_VERTICES:,}).",
                             "Repair it in your GIS (QGIS: Fix geometries).")
        # "structure" rebuilds polygons from their rings: near-linear where the default
        # "linework" took minutes on a self-crossing sawtooth (issue 14).
        repaired = (shapely.make_valid(result, method="structure", keep_collapsed=False)
                    if result.geom_type in POLYGON_TYPES else shapely.make_valid(result))
        if result.geom_type in POLYGON_TYPES:
            repaired = _polygonal_part(repaired)
        if repaired is None or repaired.is_empty:
            raise LayerError(None, path, f"{label} is invalid ({reason}) and cannot be repaired.")
        warnings.append((index, f"{path.name}: {label} was invalid ({reason}); repaired in memory."))
        result = repaired
    return result


def _close_rings(geometry: dict) -> dict | None:
    """A copy of a polygon geometry with every ring closed, or None when all were closed."""
    polygons = geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
    if all(not ring or ring[0] == ring[-1] for polygon in polygons for ring in polygon):
        return None
    closed = [[ring + [ring[0]] if ring and ring[0] != ring[-1] else ring for ring in polygon]
              for polygon in polygons]
    return {"type": geometry["type"],
            "coordinates": closed if geometry["type"] == "MultiPolygon" else closed[0]}


def _polygonal_part(geometry):
    if geometry.geom_type in POLYGON_TYPES:
        return geometry
    parts = [part for part in getattr(geometry, "geoms", []) if part.geom_type in POLYGON_TYPES]
    return shapely.union_all(parts) if parts else None


def _declared_crs(path: Path, collection: dict) -> pyproj.CRS:
    """The CRS named by the (pre-RFC 7946) ``crs`` member; WGS84 when there is none."""
    member = collection.get("crs")
    if member is None:
        return WGS84
    name = member.get("properties", {}).get("name") if isinstance(member, dict) else None
    try:
        return pyproj.CRS.from_user_input(name)
    except (pyproj.exceptions.CRSError, TypeError):
        raise LayerError(None, path, f"the file declares an unknown CRS ({str(name)[:80]!r}).",
                         "Remove the “crs” member if the coordinates are longitude/latitude, "
                         "or name an EPSG code such as EPSG:3857.") from None


def _is_crs84(crs: pyproj.CRS) -> bool:
    return crs.to_string() in ("OGC:CRS84", "urn:ogc:def:crs:OGC:1.3:CRS84")
