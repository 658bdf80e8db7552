"""The as-of date: what the map holds on one day, and the dated events up to it.

Validity is decided in one place, :func:`zones.map_builder.active_on`
(``valid_from <= day <= valid_to``, an empty ``valid_to`` meaning ongoing); this module only
counts and lists what it keeps.
"""

from __future__ import annotations

import datetime as dt

from zones.browser_data import active_on
from zones.i18n import LANGUAGES
from zones.loading import LoadResult

EVENTS_KIND = "events"


def timeline_summary(result: LoadResult, date: dt.date) -> dict[str, int]:
    """How many features of each data layer are valid on ``date``.

    Returns layer id → feature count, in catalogue (drawing) order, for every loaded layer that
    is not basemap (a layer without dates counts all its features). Layers that failed to load
    are absent.
    """
    return {
        layer_id: len(active_on(layer.frame, date))
        for layer_id, layer in result.layers.items()
        if not layer.spec.is_basemap
    }


def events_until(result: LoadResult, date: dt.date) -> list[dict]:
    """The dated events that had happened by ``date`` (event ``date <= date``), oldest first.

    Reads every loaded layer of kind ``events``; an event must also be valid on ``date``
    (see :func:`~zones.map_builder.active_on`). Each item is a dict with ``id``, ``layer``,
    ``date`` (a :class:`datetime.date`), ``lon`` and ``lat`` (degrees), and ``name`` and
    ``description``, each a dict language → text for every language of
    :data:`zones.i18n.LANGUAGES` (English where a translation is missing). Ties on the date are
    ordered by id, so the list is stable.
    """
    events = []
    for layer_id, layer in result.layers.items():
        if layer.spec.kind.name != EVENTS_KIND:
            continue
        frame = active_on(layer.frame, date)
        for _, row in frame.iterrows():
            properties = row.drop("geometry").to_dict()
            day = _as_date(properties.get("date"))
            if day is None or day > date:
                continue
            point = row.geometry.representative_point()
            events.append({
                "id": str(properties.get("id", "")),
                "layer": layer_id,
                "date": day,
                "lon": point.x,
                "lat": point.y,
                "name": _per_language(properties, "name"),
                "description": _per_language(properties, "description"),
            })
    return sorted(events, key=lambda event: (event["date"], event["id"]))


def _as_date(value: object) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def _per_language(properties: dict, stem: str) -> dict[str, str]:
    english = _text(properties.get(f"{stem}_en"))
    return {lang: _text(properties.get(f"{stem}_{lang}")) or english for lang in LANGUAGES}


def _text(value: object) -> str:
    return value.strip() if isinstance(value, str) else ""
