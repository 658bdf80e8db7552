"""The shared model every floor of the package speaks: the view, the period, the zoom range,
coordinate precision and geometry families.

Standard library only, so that reading a share link or a catalogue never loads a map library.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass

DATE_MIN = dt.date(2017, 5, 4)  # the Astana memorandum
DATE_MAX = dt.date(2017, 10, 31)
# The day a page, a share link without a date and the command line all open on: every
# arrangement the map draws was in place (the southwest, Eastern Ghouta and northern Homs
# ceasefires, all three military-police deployments), and it lies inside the window of the
# town-control record (about 4 July to 6 August 2017).
DEFAULT_DATE = dt.date(2017, 8, 4)
# Tillerson's statement of 6 July 2017 on joint US–Russian mechanisms, the map's founding report.
FOUNDING_DATE = dt.date(2017, 7, 6)

ZOOM_MIN, ZOOM_MAX = 4, 16
COORDINATE_DECIMALS = 4  # about 10 m: finer than any line here is known

# Catalogue kinds the code gives a meaning to (geodata/layers.toml defines them all).
ZONE_KIND = "zone"
LINE_KIND = "line"
EVENTS_KIND = "events"
CITY_KIND = "city"
BASEMAP_KIND = "basemap"
CONTROL_KIND = "control"  # the town-control record's marks
CONTROL_AREA_KIND = "control_area"  # the areas derived from them

# What a data folder may make the server read and compute (issue 14): a layer file's size is
# set per region in layers.toml; the catalogue and the gazetteer are small text files.
MAX_CATALOGUE_BYTES = 1024 * 1024
MAX_PLACES_BYTES = 16 * 1024 * 1024
# Vertices a layer file may hold (layers.toml may set another budget per region or layer): far
# above the shipped files, far below what makes reading and drawing a file take minutes.
DEFAULT_MAX_VERTICES = 200_000
# An invalid feature is repaired in memory only up to this many vertices (about a second).
MAX_REPAIR_VERTICES = 50_000
# Nesting a feature's properties may reach (a ``sources`` list of objects is 3 deep).
MAX_PROPERTY_DEPTH = 16
# Geometry sent to the browser is simplified by about half a pixel at ZOOM_MAX (degrees).
BROWSER_TOLERANCE_DEGREES = 1e-5
# Leaflet's own smoothing is recursive, one call deep per vertex kept: a feature with more
# vertices than this is drawn without it (smoothFactor 0) so no browser's stack can overflow.
LEAFLET_SMOOTHING_MAX_VERTICES = 2_000

POLYGON_TYPES = frozenset({"Polygon", "MultiPolygon"})
LINE_TYPES = frozenset({"LineString", "MultiLineString"})
POINT_TYPES = frozenset({"Point", "MultiPoint"})


@dataclass(frozen=True)
class View:
    """Where the map looks: centre (degrees) and Leaflet zoom level."""

    lat: float = 34.9
    lon: float = 38.3
    zoom: int = 7


def is_finite_number(value: object) -> bool:
    """True for an int or float (not a bool) that is neither NaN nor infinite."""
    return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)


def is_lat_lon(lat: object, lon: object) -> bool:
    """True when ``lat`` is a finite latitude (-90 to 90) and ``lon`` a finite longitude
    (-180 to 180), in degrees."""
    return is_finite_number(lat) and is_finite_number(lon) and -90 <= lat <= 90 and -180 <= lon <= 180


def wrap_longitude(lon: float) -> float:
    """``lon`` (degrees) brought into -180 to 180, as a map dragged round the world reports it."""
    wrapped = (lon + 180.0) % 360.0 - 180.0
    return 180.0 if wrapped == -180.0 and lon > 0 else wrapped


def is_zoom(value: object) -> bool:
    """True for a whole-number zoom level the map allows (``ZOOM_MIN`` to ``ZOOM_MAX``)."""
    return isinstance(value, int) and not isinstance(value, bool) and ZOOM_MIN <= value <= ZOOM_MAX


def round_degrees(value: float) -> float:
    """Degrees rounded to ``COORDINATE_DECIMALS`` (about 10 m)."""
    return round(float(value), COORDINATE_DECIMALS)


def format_degrees(value: float) -> str:
    """Degrees as text with at most ``COORDINATE_DECIMALS`` decimals and no trailing zeros."""
    return f"{value:.{COORDINATE_DECIMALS}f}".rstrip("0").rstrip(".")
