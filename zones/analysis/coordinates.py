"""Coordinates typed by a reader, read into degrees, with a warning when they look wrong.

Accepts decimal degrees ("33.57, 36.40", latitude first) and degrees-minutes-seconds with or
without symbols and hemisphere letters, the letters before or after the numbers and the two
coordinates in either order when letters say which is which: ``33°34'18"N 36°24'10"E``,
``33 34 18 N, 36 24 10 E``, ``E 36°24.2' N 33°34.3'``. No geocoding library reads these small
forms without pulling in a network service, so this is a short regular expression.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from zones.core import is_lat_lon

MAX_INPUT_CHARS = 60
# Syria's extent in degrees (west, south, east, north): the bounds of the Natural Earth outline in
# geodata/basemap_countries.geojson (35.76, 32.32 to 42.36, 37.30), rounded outwards by about
# 10 km. A box, so a point just over a border in Lebanon or Turkey passes; it only has to catch
# the obvious slips (swapped numbers, "0, 0").
SYRIA_BOUNDS = (35.6, 32.2, 42.5, 37.4)
SWAPPED = "swapped"
OUTSIDE_SYRIA = "outside_syria"

_NUMBER = r"\d{1,3}(?:\.\d+)?"  # a decimal point only: the comma separates the two
_DEGREE_MARKS = "°º˚d"
_MINUTE_MARKS = "'′’‘m"
_SECOND_MARKS = "\"″”“s"


def _coordinate(tag: str) -> str:
    """One coordinate: optional hemisphere, sign, degrees, optional minutes and seconds,
    optional hemisphere (named groups end in ``tag``)."""
    return (rf"(?P<before{tag}>[NSEW])?\s*(?P<sign{tag}>[+-])?\s*"
            rf"(?P<deg{tag}>{_NUMBER})\s*[{_DEGREE_MARKS}]?\s*"
            rf"(?:(?P<min{tag}>{_NUMBER})\s*[{_MINUTE_MARKS}]?\s*"
            rf"(?:(?P<sec{tag}>{_NUMBER})\s*(?:''|[{_SECOND_MARKS}])?)?)?\s*"
            rf"(?P<after{tag}>[NSEW])?")


_POINT = re.compile(rf"\s*{_coordinate('1')}\s*(?:[,;/]|\s)\s*{_coordinate('2')}\s*", re.IGNORECASE)


@dataclass(frozen=True)
class TypedPoint:
    """A point read from text, in degrees, and what looks wrong with it.

    ``warning`` is None, :data:`SWAPPED` (it lies outside Syria as typed but inside once
    latitude and longitude are exchanged) or :data:`OUTSIDE_SYRIA`; the page shows the
    translated ``coordinates_<warning>`` sentence.
    """

    lat: float
    lon: float
    warning: str | None = None


def parse_point(text: str) -> TypedPoint | None:
    """The point in ``text`` (latitude first unless hemisphere letters say otherwise), or None
    when the text is not two coordinates within -90..90 and -180..180 degrees.

    Minutes and seconds must be under 60; a hemisphere letter S or W makes the value negative.
    """
    match = _POINT.fullmatch(text[:MAX_INPUT_CHARS]) if isinstance(text, str) else None
    if not match:
        return None
    read = [_read(match, tag) for tag in ("1", "2")]
    if None in read:
        return None
    (first, first_axis), (second, second_axis) = read
    if first_axis is not None and first_axis == second_axis:
        return None  # two latitudes or two longitudes
    lat, lon = (second, first) if first_axis == "lon" or second_axis == "lat" else (first, second)
    if not is_lat_lon(lat, lon):
        return None
    return TypedPoint(lat=lat, lon=lon, warning=_warning(lat, lon))


def _read(match: re.Match, tag: str) -> tuple[float, str | None] | None:
    """(signed degrees, "lat" / "lon" / None) of one coordinate; None when it is malformed."""
    before, after = match.group(f"before{tag}"), match.group(f"after{tag}")
    if before and after:
        return None
    hemisphere = (before or after or "").upper()
    sign = match.group(f"sign{tag}")
    if sign and hemisphere:
        return None
    parts = [match.group(f"{unit}{tag}") for unit in ("deg", "min", "sec")]
    values = [float(part) if part else None for part in parts]
    degrees, minutes, seconds = values
    if minutes is not None:
        # Only the last part given may have decimals, and minutes and seconds stay under 60.
        given = [value for value in values if value is not None]
        if any(value != int(value) for value in given[:-1]) or any(value >= 60 for value in given[1:]):
            return None
        degrees += minutes / 60 + (seconds or 0) / 3600
    negative = sign == "-" or hemisphere in ("S", "W")
    axis = {"N": "lat", "S": "lat", "E": "lon", "W": "lon"}.get(hemisphere)
    return (-degrees if negative else degrees), axis


def in_syria(lat: float, lon: float) -> bool:
    """True when the point (degrees) lies within :data:`SYRIA_BOUNDS`."""
    west, south, east, north = SYRIA_BOUNDS
    return west <= lon <= east and south <= lat <= north


def _warning(lat: float, lon: float) -> str | None:
    if in_syria(lat, lon):
        return None
    return SWAPPED if in_syria(lon, lat) else OUTSIDE_SYRIA
