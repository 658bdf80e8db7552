"""The areas table under the map: the zones' areas and the demarcation lines' lengths, named and
written in the page's language."""

from __future__ import annotations

import datetime as dt

from zones.language import number, short_date, side_name, words


def areas_table(measurements: list[dict], lang: str) -> list[dict[str, str]]:
    """Rows for display from :func:`zones.analysis.measure.measurements_table` rows: the name,
    the period in force (short dates, "ongoing" when open), the area in km² with no decimals and
    the length in km with one, grouped and punctuated as ``lang`` writes numbers; the column
    headers are the translated words. A measure that does not apply is an empty cell."""
    vocabulary = words(lang)
    # who held the zones' towns: a column only when the town record is loaded
    held = any(row.get("marks_inside") for row in measurements)
    rows = []
    for row in measurements:
        start = _date_text(row.get("valid_from"), lang)
        end = _date_text(row.get("valid_to"), lang) or vocabulary["ongoing"]
        rows.append({
            vocabulary["column_name"]: row["name"],
            vocabulary["column_in_force"]: vocabulary["period"].format(start=start, end=end) if start else "",
            vocabulary["column_area"]: _measure(row.get("area_km2"), 0, lang),
            vocabulary["column_length"]: _measure(row.get("length_km"), 1, lang),
        })
        if held:
            rows[-1][vocabulary["marks_inside"]] = _held(row.get("marks_inside"), lang)
    return rows


def _held(counts: object, lang: str) -> str:
    if not isinstance(counts, dict) or not counts:
        return ""
    ordered = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    return ", ".join(f"{side_name(code, lang)}: {number(count, 0, lang)}" for code, count in ordered)


def _measure(value: float | None, decimals: int, lang: str) -> str:
    return "" if value is None else number(value, decimals, lang)


def _date_text(value: object, lang: str) -> str:
    if not isinstance(value, str):
        return ""
    try:
        return short_date(dt.date.fromisoformat(value), lang)
    except ValueError:
        return value  # a date the checks let through as text stays as written
