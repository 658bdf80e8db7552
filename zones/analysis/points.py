"""Point questions: which de-escalation zone held a point on a date, and how far it was from the
nearest demarcation line, answered in a sentence in the reader's language.

Validity comes from :mod:`zones.analysis.validity`; distances are computed in the equal-area
projection of :mod:`zones.analysis.measure`.
"""

from __future__ import annotations

import datetime as dt

import geopandas as gpd
import pandas as pd
from shapely.geometry import Point

from zones.analysis.measure import demarcation_lines, to_equal_area
from zones.analysis.validity import active_on
from zones.core import ZONE_KIND, is_finite_number
from zones.data.layers import LoadResult
from zones.language import feature_name, long_date, number, require_language, words


def zone_at(result: LoadResult, lon: float, lat: float, day: dt.date) -> str | None:
    """The id of the de-escalation zone layer (kind ``zone``) whose outline, valid on ``day``,
    contains the point at ``lon``/``lat`` (degrees; the outline's edge counts as inside).

    None when no zone contains it or the coordinates are not finite. The first zone in
    catalogue order wins if outlines overlap.
    """
    if not (is_finite_number(lon) and is_finite_number(lat)):
        return None
    found = _zone_feature_at(result, lon, lat, day)
    return found[0] if found else None


def describe_point(
    result: LoadResult, lon: float, lat: float, day: dt.date, lang: str, *, name: str | None = None
) -> str:
    """One plain-text sentence in ``lang`` saying in which zone the point lay on ``day`` and how
    far it was from the nearest demarcation line (km), e.g. "Dūmā (36.40 E, 33.57 N) lay inside
    the Eastern Ghouta de-escalation zone as drawn on this map on 25 July 2017; 3.2 km from the
    nearest demarcation line, “…”."

    ``name`` is the place's name as the page shows it; without it the sentence speaks of "the
    point". Raises ValueError for an unknown ``lang`` or non-finite coordinates.
    """
    require_language(lang)
    if not (is_finite_number(lon) and is_finite_number(lat)):
        raise ValueError(f"lon and lat must be finite degrees, not {lon!r}, {lat!r}")
    text = words(lang)
    coordinates = text["point_coordinates"].format(lon=number(lon, 2, lang), lat=number(lat, 2, lang))
    point = f"{name} ({coordinates})" if name else text["point_unnamed"].format(coordinates=coordinates)
    date = long_date(day, lang)
    zone = _zone_feature_at(result, lon, lat, day)
    if zone is None:
        where = text["point_outside"].format(point=point, date=date)
    else:
        where = text["point_inside"].format(point=point, date=date, zone=feature_name(zone[1], lang))
    nearest = nearest_line(result, lon, lat, day)
    if nearest is None:
        distance = text["point_no_line"]
    else:
        km, properties = nearest
        distance = text["point_line"].format(km=number(km, 1, lang), line=feature_name(properties, lang))
    return f"{where}{text['point_semicolon']} {distance}."


def _zone_feature_at(result: LoadResult, lon: float, lat: float, day: dt.date) -> tuple[str, dict] | None:
    point = Point(lon, lat)
    for layer in result.of_kind(ZONE_KIND):
        valid = active_on(layer.frame, day)
        hits = valid[valid.geometry.covers(point)]
        if not hits.empty:
            return layer.spec.id, hits.iloc[0].drop("geometry").to_dict()
    return None


def nearest_line(result: LoadResult, lon: float, lat: float, day: dt.date) -> tuple[float, dict] | None:
    """Kilometres from the point at ``lon``/``lat`` (degrees) to the nearest demarcation line
    valid on ``day``, with that line's properties; None when no line was in force that day or
    the coordinates are not finite. Measured in the equal-area projection (well under 1 % off
    within Syria)."""
    if not (is_finite_number(lon) and is_finite_number(lat)):
        return None
    valid = [active_on(frame, day) for _, frame in demarcation_lines(result)]
    valid = [frame for frame in valid if not frame.empty]
    if not valid:
        return None
    lines = gpd.GeoDataFrame(pd.concat(valid, ignore_index=True), crs=valid[0].crs)
    point = to_equal_area(gpd.GeoSeries([Point(lon, lat)], crs=lines.crs)).iloc[0]
    metres = to_equal_area(lines).distance(point)
    nearest = int(metres.to_numpy().argmin())
    return float(metres.iloc[nearest]) / 1e3, lines.iloc[nearest].drop("geometry").to_dict()
