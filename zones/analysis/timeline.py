"""The as-of date: what the map holds on one day, and the dated events up to it.

Validity is decided in one place, :func:`zones.analysis.validity.active_on`; this module only
lists what it keeps.
"""

from __future__ import annotations

import datetime as dt

from zones.analysis.validity import active_on
from zones.core import EVENTS_KIND
from zones.data.layers import LoadResult
from zones.language import LANGUAGES


def events_until(result: LoadResult, day: dt.date) -> list[dict]:
    """The dated events that had happened by ``day`` (event ``date <= day``), oldest first.

    Reads every loaded layer of kind ``events``; an event must also be valid on ``day``
    (see :func:`~zones.analysis.validity.active_on`). Each item is a dict with ``id``, ``layer``,
    ``date`` (a :class:`datetime.date`), ``lon`` and ``lat`` (degrees), and ``name`` and
    ``description``, each a dict language → text for every language of
    :data:`zones.language.LANGUAGES` (English where a translation is missing). Ties on the date are
    ordered by id, so the list is stable.
    """
    events = []
    for layer in result.of_kind(EVENTS_KIND):
        frame = active_on(layer.frame, day)
        for _, row in frame.iterrows():
            properties = row.drop("geometry").to_dict()
            happened = _as_date(properties.get("date"))
            if happened is None or happened > day:
                continue
            point = row.geometry.representative_point()
            events.append({
                "id": str(properties.get("id", "")),
                "layer": layer.spec.id,
                "date": happened,
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
