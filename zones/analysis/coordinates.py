"""Coordinates typed by a reader, read into degrees."""

from __future__ import annotations

import re

from zones.core import is_lat_lon

_POINT = re.compile(r"\s*([+-]?\d{1,3}(?:\.\d+)?)\s*[,;\s]\s*([+-]?\d{1,3}(?:\.\d+)?)\s*")
MAX_INPUT_CHARS = 60


def parse_point(text: str) -> tuple[float, float] | None:
    """``"33.57, 36.40"`` (latitude, longitude in degrees) as a (lat, lon) pair; None when the
    text is not two numbers within -90..90 and -180..180."""
    match = _POINT.fullmatch(text[:MAX_INPUT_CHARS]) if isinstance(text, str) else None
    if not match:
        return None
    lat, lon = float(match.group(1)), float(match.group(2))
    return (lat, lon) if is_lat_lon(lat, lon) else None
