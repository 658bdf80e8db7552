"""Point questions: which zone held a point on a date, how far it was from the nearest
demarcation line, and the zones' areas and lines' lengths. Places are found with
:mod:`zones.gazetteer`.

Point questions use the loaded layers and :func:`zones.map_builder.active_on` for the date;
distances and areas are computed in the equal-area projection of :mod:`zones.measure`.
"""

from __future__ import annotations

import datetime as dt
import math
import re

import geopandas as gpd
import pandas as pd
from shapely.geometry import Point

from zones.browser_data import active_on
from zones.i18n import LANGUAGES, feature_name
from zones.loading import LoadResult
from zones.measure import area_km2, length_km, to_equal_area

ZONE_KIND = "zone"
LINE_KIND = "line"
DEMARCATION_LINE = "demarcation_line"


# ---------------------------------------------------------------- point questions


def zone_at(result: LoadResult, lon: float, lat: float, on: dt.date) -> str | None:
    """The id of the de-escalation zone layer (kind ``zone``) whose outline, valid on ``on``,
    contains the point at ``lon``/``lat`` (degrees; the outline's edge counts as inside).

    None when no zone contains it or the coordinates are not finite. The first zone in
    catalogue order wins if outlines overlap.
    """
    if not (_finite(lon) and _finite(lat)):
        return None
    found = _zone_feature_at(result, lon, lat, on)
    return found[0] if found else None


def distance_to_nearest_line(
    result: LoadResult, lon: float, lat: float, on: dt.date
) -> tuple[float, str] | None:
    """Kilometres from the point at ``lon``/``lat`` (degrees) to the nearest military-police
    demarcation line valid on ``on`` (``feature_type == "demarcation_line"`` in a layer of kind
    ``line``), and that line's ``name_en``.

    The distance is measured in the equal-area projection of :mod:`zones.measure`, good to well
    under 1 % within Syria. None when no line is valid that day or the coordinates are not finite.
    """
    nearest = _nearest_line(result, lon, lat, on)
    if nearest is None:
        return None
    km, properties = nearest
    return km, feature_name(properties, "en")


def describe_point(
    result: LoadResult, lon: float, lat: float, on: dt.date, lang: str, *, name: str | None = None
) -> str:
    """One plain-text sentence in ``lang`` saying in which zone the point lay on ``on`` and how
    far it was from the nearest demarcation line (km), e.g. "Dūmā (36.40 E, 33.57 N) lay inside
    the Eastern Ghouta de-escalation zone as drawn on this map on 25 July 2017; 3.2 km from the
    nearest demarcation line, “…”."

    ``name`` is the place's name as the page shows it; without it the sentence speaks of "the
    point". Raises ValueError for an unknown ``lang`` or non-finite coordinates.
    """
    if lang not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r}; choose one of {', '.join(LANGUAGES)}")
    if not (_finite(lon) and _finite(lat)):
        raise ValueError(f"lon and lat must be finite degrees, not {lon!r}, {lat!r}")
    words = _SENTENCES[lang]
    coordinates = words["coordinates"].format(lon=_number(lon, 2, lang), lat=_number(lat, 2, lang))
    point = f"{name} ({coordinates})" if name else words["point"].format(coordinates=coordinates)
    day = _long_date(on, lang)
    zone = _zone_feature_at(result, lon, lat, on)
    if zone is None:
        where = words["outside"].format(point=point, date=day)
    else:
        where = words["inside"].format(point=point, date=day, zone=feature_name(zone[1], lang))
    nearest = _nearest_line(result, lon, lat, on)
    if nearest is None:
        distance = words["no_line"]
    else:
        km, properties = nearest
        distance = words["line"].format(km=_number(km, 1, lang), line=feature_name(properties, lang))
    return f"{where}{words['semicolon']} {distance}."


def measurements_table(result: LoadResult, lang: str) -> list[dict]:
    """One row per de-escalation zone (area, km²) and per demarcation line (length, km).

    Zones first, then lines, each in catalogue and file order, whatever their dates. Each row
    has ``layer``, ``id``, ``name`` (in ``lang``), ``valid_from``, ``valid_to`` (None when
    ongoing), ``area_km2`` (zones) and ``length_km`` (lines), the measure not taken being None;
    values are rounded to 0.1.
    """
    rows = []
    for kind in (ZONE_KIND, LINE_KIND):
        for layer_id, frame in _frames_of_kind(result, kind):
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
                })
    return rows


def _frames_of_kind(result: LoadResult, kind: str):
    """(layer id, frame) for each loaded layer of ``kind``; line layers keep demarcation lines."""
    for layer_id, layer in result.layers.items():
        if layer.spec.kind.name != kind:
            continue
        frame = layer.frame
        if kind == LINE_KIND:
            if "feature_type" not in frame.columns:
                continue
            frame = frame[frame["feature_type"] == DEMARCATION_LINE]
        yield layer_id, frame


def _zone_feature_at(result: LoadResult, lon: float, lat: float, on: dt.date) -> tuple[str, dict] | None:
    point = Point(lon, lat)
    for layer_id, frame in _frames_of_kind(result, ZONE_KIND):
        valid = active_on(frame, on)
        hits = valid[valid.geometry.covers(point)]
        if not hits.empty:
            return layer_id, hits.iloc[0].drop("geometry").to_dict()
    return None


def _nearest_line(result: LoadResult, lon: float, lat: float, on: dt.date) -> tuple[float, dict] | None:
    if not (_finite(lon) and _finite(lat)):
        return None
    valid = [active_on(frame, on) for _, frame in _frames_of_kind(result, LINE_KIND)]
    valid = [frame for frame in valid if not frame.empty]
    if not valid:
        return None
    lines = gpd.GeoDataFrame(pd.concat(valid, ignore_index=True), crs=valid[0].crs)
    point = to_equal_area(gpd.GeoDataFrame(geometry=[Point(lon, lat)], crs=lines.crs)).iloc[0]
    metres = to_equal_area(lines).distance(point)
    nearest = int(metres.to_numpy().argmin())
    return float(metres.iloc[nearest]) / 1e3, lines.iloc[nearest].drop("geometry").to_dict()


# ---------------------------------------------------------------- wording

_SENTENCES = {
    "en": {
        "coordinates": "{lon} E, {lat} N",
        "point": "The point at {coordinates}",
        "inside": "{point} lay inside the {zone} as drawn on this map on {date}",
        "outside": "{point} lay outside every de-escalation zone drawn on this map on {date}",
        "line": "{km} km from the nearest demarcation line, “{line}”",
        "no_line": "no demarcation line was in force that day",
        "semicolon": ";",
    },
    "fr": {
        "coordinates": "{lon} E, {lat} N",
        "point": "Le point {coordinates}",
        "inside": "{point} se trouvait, le {date}, à l’intérieur de « {zone} » (tracé de cette carte)",
        "outside": "{point} se trouvait, le {date}, hors de toute zone de désescalade tracée sur "
                   "cette carte",
        "line": "à {km} km de la ligne de démarcation la plus proche, « {line} »",
        "no_line": "aucune ligne de démarcation n’était en vigueur ce jour-là",
        "semicolon": " ;",
    },
    "ar": {
        "coordinates": "{lat} شمالاً، {lon} شرقاً",
        "point": "النقطة ({coordinates})",
        "inside": "في {date} كان الموقع {point} داخل {zone} كما رُسمت على هذه الخريطة",
        "outside": "في {date} كان الموقع {point} خارج كل مناطق خفض التصعيد المرسومة على هذه الخريطة",
        "line": "على بعد {km} كم من أقرب خط فصل، «{line}»",
        "no_line": "لم يكن أي خط فصل سارياً في ذلك اليوم",
        "semicolon": "؛",
    },
}

_MONTHS = {
    "en": ("January", "February", "March", "April", "May", "June", "July", "August", "September",
           "October", "November", "December"),
    "fr": ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre",
           "octobre", "novembre", "décembre"),
    "ar": ("كانون الثاني/يناير", "شباط/فبراير", "آذار/مارس", "نيسان/أبريل", "أيار/مايو",
           "حزيران/يونيو", "تموز/يوليو", "آب/أغسطس", "أيلول/سبتمبر", "تشرين الأول/أكتوبر",
           "تشرين الثاني/نوفمبر", "كانون الأول/ديسمبر"),
}


def _long_date(day: dt.date, lang: str) -> str:
    ordinal = "1er" if lang == "fr" and day.day == 1 else str(day.day)
    return f"{ordinal} {_MONTHS[lang][day.month - 1]} {day.year}"


def _number(value: float, decimals: int, lang: str) -> str:
    text = f"{value:.{decimals}f}"
    return text.replace(".", ",") if lang == "fr" else text


def _finite(value: object) -> bool:
    if isinstance(value, bool):
        return False
    try:
        return math.isfinite(float(value))
    except (TypeError, ValueError):
        return False


def _text_or_none(value: object) -> str | None:
    return value if isinstance(value, str) and value else None


_POINT = re.compile(r"\s*([+-]?\d{1,3}(?:\.\d+)?)\s*[,;\s]\s*([+-]?\d{1,3}(?:\.\d+)?)\s*")


def parse_point(text: str) -> tuple[float, float] | None:
    """``"33.57, 36.40"`` (latitude, longitude in degrees) as a (lat, lon) pair; None when the
    text is not two numbers within -90..90 and -180..180."""
    match = _POINT.fullmatch(text[:60]) if isinstance(text, str) else None
    if not match:
        return None
    lat, lon = float(match.group(1)), float(match.group(2))
    return (lat, lon) if -90 <= lat <= 90 and -180 <= lon <= 180 else None
