"""Point questions: which de-escalation zone held a point on a date, in which phase, and how far
the point lay from that zone's edge (inside) or from the nearest zone (outside), answered in a
sentence in the reader's language.

Validity comes from :mod:`zones.analysis.validity`; distances are computed in the equal-area
projection of :mod:`zones.analysis.measure`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import geopandas as gpd
import pandas as pd
from shapely.geometry import Point

from zones.analysis.measure import to_equal_area
from zones.analysis.phases import phase_on
from zones.analysis.validity import active_on
from zones.core import ZONE_KIND, is_finite_number
from zones.data.layers import LoadResult
from zones.data.phases_file import Phase
from zones.language import feature_name, long_date, number, require_language, words


@dataclass(frozen=True)
class ZoneAnswer:
    """Where a point stood towards the de-escalation zones on a day.

    ``inside`` says whether a zone outline contained it; ``layer`` and ``properties`` are that
    zone's (inside) or the nearest zone's (outside); ``km`` is the distance from the point to that
    zone's edge (holes count as edges), in kilometres.
    """

    layer: str
    properties: dict
    inside: bool
    km: float


def zone_at(result: LoadResult, lon: float, lat: float, day: dt.date) -> str | None:
    """The id of the de-escalation zone layer (kind ``zone``) whose outline, valid on ``day``,
    contains the point at ``lon``/``lat`` (degrees; the outline's edge counts as inside).

    None when no zone contains it or the coordinates are not finite. The first zone in
    catalogue order wins if outlines overlap.
    """
    answer = zone_answer(result, lon, lat, day)
    return answer.layer if answer is not None and answer.inside else None


def zone_answer(result: LoadResult, lon: float, lat: float, day: dt.date) -> ZoneAnswer | None:
    """The zone containing the point at ``lon``/``lat`` (degrees) on ``day`` and the distance to
    its edge, or, outside every zone, the nearest zone and the distance to it.

    None when no zone was in force on ``day`` or the coordinates are not finite. Measured in the
    equal-area projection (well under 1 % off within Syria).
    """
    if not (is_finite_number(lon) and is_finite_number(lat)):
        return None
    frames = [active_on(layer.frame, day).assign(_layer=layer.spec.id)
              for layer in result.of_kind(ZONE_KIND)]
    frames = [frame for frame in frames if not frame.empty]
    if not frames:
        return None
    zones = gpd.GeoDataFrame(pd.concat(frames, ignore_index=True), crs=frames[0].crs)
    projected = to_equal_area(zones)
    point = to_equal_area(gpd.GeoSeries([Point(lon, lat)], crs=zones.crs)).iloc[0]
    covering = projected.covers(point).to_numpy()
    if covering.any():
        index = int(covering.argmax())  # the first in catalogue order
        metres = projected.iloc[index].boundary.distance(point)
    else:
        distances = projected.distance(point).to_numpy()
        index = int(distances.argmin())
        metres = distances[index]
    row = zones.iloc[index]
    return ZoneAnswer(layer=row["_layer"], properties=row.drop(["geometry", "_layer"]).to_dict(),
                      inside=bool(covering.any()), km=float(metres) / 1e3)


def describe_point(
    result: LoadResult, lon: float, lat: float, day: dt.date, lang: str, *, name: str | None = None,
    phases: Mapping[str, Sequence[Phase]] | None = None,
) -> str:
    """One plain-text sentence in ``lang`` saying in which zone the point lay on ``day``, the
    zone's phase that day when ``phases`` (by zone id, as :mod:`zones.data.phases_file` reads
    them) knows it, and how far the point was from that zone's
    edge, or, outside, from the nearest zone, e.g. "Douma (36.40 E, 33.57 N) lay inside the
    Eastern Ghouta de-escalation zone as drawn on this map on 4 August 2017 (status that day:
    ceasefire in force); 3.2 km from its edge."

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
    answer = zone_answer(result, lon, lat, day)
    if answer is None:
        where = text["point_outside"].format(point=point, date=date)
        return f"{where}{text['point_semicolon']} {text['point_no_zone']}."
    zone = feature_name(answer.properties, lang)
    km = number(answer.km, 1, lang)
    if not answer.inside:
        where = text["point_outside"].format(point=point, date=date)
        return f"{where}{text['point_semicolon']} {text['point_nearest_zone'].format(km=km, zone=zone)}."
    where = text["point_inside"].format(point=point, date=date, zone=zone)
    phase = phase_on(result.phases if phases is None else phases, str(answer.properties.get("zone_id")), day)
    if phase is not None:
        where += text["point_phase"].format(phase=phase.name(lang))
    return f"{where}{text['point_semicolon']} {text['point_edge'].format(km=km)}."
