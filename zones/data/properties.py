"""Checking feature properties against the types the catalogue requires.

Each property type of ``layers.toml`` has one checker here. A checker returns ``None`` when the
value is acceptable, else a short phrase saying what is wrong, which the loader joins into the
message a user sees.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping

CONFIDENCE_LEVELS = ("high", "medium", "low")
SOURCE_TEXT_FIELDS = ("publisher", "title")


def _text(value: object) -> str | None:
    if not isinstance(value, str) or not value.strip():
        return "must be non-empty text"
    return None


def _date(value: object) -> str | None:
    if not isinstance(value, str):
        return "must be a date written YYYY-MM-DD"
    try:
        dt.date.fromisoformat(value)
    except ValueError:
        return f"must be a date written YYYY-MM-DD, not {value[:30]!r}"
    return None if len(value) == 10 else f"must be a date written YYYY-MM-DD, not {value[:30]!r}"


def _optional_date(value: object) -> str | None:
    return None if value is None else _date(value)


def _confidence(value: object) -> str | None:
    if value not in CONFIDENCE_LEVELS:
        return f"must be one of {', '.join(CONFIDENCE_LEVELS)}"
    return None


def _boolean(value: object) -> str | None:
    return None if isinstance(value, bool) else "must be true or false"


def _sources(value: object) -> str | None:
    if not isinstance(value, list) or not value:
        return "must be a non-empty list of sources (publisher, title, date, url)"
    for number, source in enumerate(value, start=1):
        if not isinstance(source, dict):
            return f"source {number} must be an object with publisher, title, date and url"
        for field in SOURCE_TEXT_FIELDS:
            if _text(source.get(field)):
                return f"source {number} needs a {field}"
        if _date(source.get("date")):
            return f"source {number} needs a date written YYYY-MM-DD"
        url = source.get("url")
        if url is not None and not (isinstance(url, str) and url.startswith(("https://", "http://"))):
            return f"source {number} has a url that is not an http(s) address"
    return None


CHECKERS: Mapping[str, Callable[[object], str | None]] = {
    "text": _text,
    "date": _date,
    "optional_date": _optional_date,
    "confidence": _confidence,
    "boolean": _boolean,
    "sources": _sources,
}


def validate_properties(records: list[dict], required: Mapping[str, str]) -> list[str]:
    """Check every record against ``required`` (property name → type name).

    Returns one phrase per problem, naming the feature and the property; empty when all is well.
    Also checks that ``id`` values are unique and that ``valid_to`` is not before ``valid_from``.
    """
    problems = []
    for index, record in enumerate(records):
        label = f"feature {index}" + (f" ({str(record['id'])[:60]})" if _is_text(record.get("id")) else "")
        for name, type_name in required.items():
            value = _missing_to_none(record.get(name))
            if value is None and type_name != "optional_date":
                problems.append(f"{label} lacks “{name}”")
                continue
            problem = CHECKERS[type_name](value)
            if problem:
                problems.append(f"{label}: “{name}” {problem}")
        start, end = record.get("valid_from"), _missing_to_none(record.get("valid_to"))
        if _is_text(start) and _is_text(end) and not _date(start) and not _date(end) and end < start:
            problems.append(f"{label}: “valid_to” ({end}) is before “valid_from” ({start})")
    ids = [record.get("id") for record in records if _is_text(record.get("id"))]
    repeated = sorted({value for value in ids if ids.count(value) > 1})
    if repeated:
        problems.append(f"ids must be unique; repeated: {', '.join(map(str, repeated[:5]))}")
    return problems


def _is_text(value: object) -> bool:
    return isinstance(value, str) and bool(value)


def _missing_to_none(value: object) -> object:
    """Pandas fills absent properties with NaN; treat those as missing."""
    return None if isinstance(value, float) and value != value else value
