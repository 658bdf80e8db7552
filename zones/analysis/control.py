"""What the town-control record says about each zone: how many of the marked places inside it
each side held in about mid-July 2017 (for example how many of the Idlib zone's towns HTS held,
a question analysts asked at the time)."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import replace

import geopandas as gpd

from zones.core import CONTROL_KIND, ZONE_KIND
from zones.data.layers import LoadResult


def holder(side: object, status: object, sides: object) -> str:
    """Who held a mark, as a count key: its side (``opp``) when one side held it, else its
    status and sides (``split:opp+JaN``, ``contested:gov+opp``)."""
    if status in ("split", "contested") and isinstance(sides, list) and len(sides) > 1:
        return f"{status}:{'+'.join(str(code) for code in sides)}"
    return str(side)


def marks_inside(zones: gpd.GeoDataFrame, marks: gpd.GeoDataFrame) -> list[dict[str, int]]:
    """For each zone feature (in order), the number of marks inside it by :func:`holder` (the
    edge counts as inside)."""
    counts = [Counter() for _ in range(len(zones))]
    if marks.empty or "side" not in marks.columns:
        return [dict(count) for count in counts]
    columns = [column for column in ("side", "status", "sides") if column in marks.columns]
    joined = gpd.sjoin(marks[[*columns, "geometry"]], zones[["geometry"]].reset_index(drop=True),
                       predicate="intersects", how="inner")
    for _, row in joined.iterrows():
        counts[int(row["index_right"])][holder(row["side"], row.get("status"), row.get("sides"))] += 1
    return [dict(count) for count in counts]


def record_window(result: LoadResult) -> tuple[dt.date, dt.date] | None:
    """The days the town-control record describes (its marks' ``snapshot_from`` to
    ``snapshot_to``), or None when no record is loaded."""
    frames = [layer.frame for layer in result.of_kind(CONTROL_KIND)
              if {"snapshot_from", "snapshot_to"} <= set(layer.frame.columns)]
    if not frames:
        return None
    # ISO dates order as text; pandas finds the ends without a Python loop over every mark
    starts = gpd.pd.concat([frame["snapshot_from"] for frame in frames]).dropna()
    ends = gpd.pd.concat([frame["snapshot_to"] for frame in frames]).dropna()
    if starts.empty or ends.empty:
        return None
    return dt.date.fromisoformat(starts.min()), dt.date.fromisoformat(ends.max())


def with_marks_inside(result: LoadResult) -> LoadResult:
    """``result`` with each zone feature given ``marks_inside`` (side → count) from the loaded
    town-control layers; unchanged when there are none."""
    record = result.of_kind(CONTROL_KIND)
    if not record:
        return result
    marks = gpd.GeoDataFrame(gpd.pd.concat([layer.frame for layer in record], ignore_index=True),
                             crs=record[0].frame.crs)
    layers = dict(result.layers)
    for layer in result.of_kind(ZONE_KIND):
        frame = layer.frame.assign(marks_inside=marks_inside(layer.frame, marks))
        layers[layer.spec.id] = replace(layer, frame=frame, derived={})
    return replace(result, layers=layers)
