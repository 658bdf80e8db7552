"""The as-of rules, decided here and nowhere else.

- A feature is valid on a day when ``valid_from <= day <= valid_to``, an empty ``valid_to``
  meaning it was still in force.
- A dated event (a layer of kind ``events``) is on the map from its day until
  :data:`EVENT_WINDOW_DAYS` after its last day (``end_date``, else ``date``), then leaves it: the
  map shows what is happening, the events list keeps what has happened.
"""

from __future__ import annotations

import datetime as dt

import geopandas as gpd
import pandas as pd

from zones.core import EVENTS_KIND

# Four weeks: a month-end map (the usual "as of" snapshot) shows that month's events, and an
# event is gone from the map before the next month is out.
EVENT_WINDOW_DAYS = 28


def depends_on_day(frame: gpd.GeoDataFrame, kind: str) -> bool:
    """Whether :func:`shown_on` can give different rows on different days for this layer."""
    return "valid_from" in frame.columns or (kind == EVENTS_KIND and "date" in frame.columns)


def active_on(frame: gpd.GeoDataFrame, day: dt.date | None) -> gpd.GeoDataFrame:
    """The rows valid on ``day`` (all rows when ``day`` is None or the layer is undated)."""
    if day is None or "valid_from" not in frame.columns:
        return frame
    text = day.isoformat()
    keep = frame["valid_from"] <= text
    if "valid_to" in frame.columns:
        keep &= frame["valid_to"].isna() | (frame["valid_to"] >= text)
    return frame[keep]


def shown_on(frame: gpd.GeoDataFrame, kind: str, day: dt.date | None) -> gpd.GeoDataFrame:
    """The rows a layer of catalogue kind ``kind`` shows on the map on ``day``: the valid ones,
    and for events only those within :data:`EVENT_WINDOW_DAYS` of their last day."""
    valid = active_on(frame, day)
    if day is None or kind != EVENTS_KIND or "date" not in valid.columns or valid.empty:
        return valid
    last_day = valid["end_date"] if "end_date" in valid.columns else pd.Series(None, index=valid.index)
    last_day = last_day.where(last_day.notna(), valid["date"])
    window_start = (day - dt.timedelta(days=EVENT_WINDOW_DAYS)).isoformat()
    return valid[last_day.astype(str) >= window_start]
