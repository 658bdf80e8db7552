"""The as-of rule, decided here and nowhere else: a feature is on the map on a day when
``valid_from <= day <= valid_to``, an empty ``valid_to`` meaning it was still in force."""

from __future__ import annotations

import datetime as dt

import geopandas as gpd


def active_on(frame: gpd.GeoDataFrame, day: dt.date | None) -> gpd.GeoDataFrame:
    """The rows valid on ``day`` (all rows when ``day`` is None or the layer is undated)."""
    if day is None or "valid_from" not in frame.columns:
        return frame
    text = day.isoformat()
    keep = frame["valid_from"] <= text
    if "valid_to" in frame.columns:
        keep &= frame["valid_to"].isna() | (frame["valid_to"] >= text)
    return frame[keep]
