"""What a reader sees when hovering or clicking a feature: tooltip and popup HTML.

Every value from the data is escaped here, once, before it reaches the browser: a property may
hold anything, including markup or script, and must show as text. Leaflet then inserts these
ready-made strings; nothing downstream builds HTML from raw properties.

The fixed words are the page language's; the data's own notes (method, confidence note, source
titles) are English, so on a French or Arabic page they are marked ``lang="en" dir="ltr"`` and
set left to right even inside a right-to-left popup, where their full stops and brackets would
otherwise jump to the wrong end. Dates are written by Babel, numbers grouped as the language
groups them, each number kept with its unit in an isolated run (``<bdi>``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from html import escape

from zones.language import direction, feature_name, long_date, number, words
from zones.map.record_rows import record_rows

# Leaflet's popup options for every feature: a long note scrolls inside the popup rather than
# making it taller than the map, which would pan the map far away to fit it.
POPUP_OPTIONS = {"maxWidth": 360, "maxHeight": 300}


def tooltip_html(properties: Mapping[str, object], lang: str) -> str:
    """One line: the name, marked ≈ when the geometry is approximate."""
    name = _name_html(properties, lang)
    marker = " ≈" if properties.get("approximate") is True else ""
    return f'<span dir="{direction(lang)}"><b>{name}</b>{marker}</span>'


def popup_html(
    properties: Mapping[str, object],
    lang: str,
    *,
    area_km2: float | None = None,
    length_km: float | None = None,
    phase: str | None = None,
) -> str:
    """The feature's name, dates, confidence, measurement, method and sources as HTML.

    ``area_km2`` and ``length_km`` are shown when given (zones and lines); ``phase`` is the
    zone's phase on the map's date, already in ``lang``.
    Basemap features, which carry only a name and a source, get a short popup.
    """
    vocabulary = words(lang)
    parts = [f'<div class="zones-popup" dir="{direction(lang)}" lang="{lang}">',
             f"<h4>{_name_html(properties, lang)}</h4>"]
    if properties.get("approximate") is True:
        parts.append(f'<p class="zones-approximate">≈ {escape(vocabulary["approximate"])}</p>')
    if properties.get("located_estimate") is True:
        parts.append(f'<p class="zones-approximate">⌖ {escape(vocabulary["located_estimate"])}</p>')
    description = properties.get(f"description_{lang}")
    if isinstance(description, str) and description:
        parts.append(f"<p>{escape(description)}</p>")
    elif isinstance(properties.get("description_en"), str):
        parts.append(f"<p>{english(properties['description_en'], lang)}</p>")
    rows = record_rows(properties, lang) + _rows(properties, vocabulary, lang, area_km2, length_km)
    if phase:
        rows.insert(0, (vocabulary["phase"], f"<b>{escape(phase)}</b>"))
    if rows:
        parts.append("<table>" + "".join(f"<tr><th>{escape(label)}</th><td>{value}</td></tr>"
                                         for label, value in rows) + "</table>")
    parts.append(_sources_html(properties, vocabulary, lang))
    parts.append("</div>")
    return "".join(parts)


def english(text: object, lang: str) -> str:
    """``text`` escaped, and on a page in another language marked as English, set left to right
    (``<span lang="en" dir="ltr">``), so that its punctuation stays where it was written."""
    escaped = escape(str(text))
    return escaped if lang == "en" else f'<span lang="en" dir="ltr">{escaped}</span>'


def measure_html(value: float, decimals: int, unit: str, lang: str) -> str:
    """A number grouped as ``lang`` writes it, with its ``unit`` after it, in one isolated run
    (``<bdi>``), so that right-to-left text around it never splits or reverses the pair."""
    return f"<bdi>{escape(number(value, decimals, lang))}\u00a0{escape(unit)}</bdi>"


def date_html(value: object, lang: str) -> str:
    """An ISO date from the data written out in ``lang`` by Babel, isolated; text that is not
    an ISO date is shown as written."""
    try:
        text = long_date(dt.date.fromisoformat(str(value)), lang)
    except ValueError:
        text = str(value)
    return f"<bdi>{escape(text)}</bdi>"


def _name_html(properties: Mapping[str, object], lang: str) -> str:
    name = feature_name(properties, lang)
    own = properties.get(f"name_{lang}")
    if isinstance(own, str) and own.strip():
        return f"<bdi>{escape(name)}</bdi>"
    return english(name, lang)  # the English name (or the id) stands in for a missing one


def _rows(properties, vocabulary, lang, area, length) -> list[tuple[str, str]]:
    rows = []
    if isinstance(properties.get("date"), str):
        rows.append((vocabulary["date"], date_html(properties["date"], lang)))
    start = properties.get("valid_from")
    if isinstance(start, str):
        end = properties.get("valid_to")
        end_text = date_html(end, lang) if isinstance(end, str) else escape(vocabulary["ongoing"])
        rows.append((vocabulary["valid"], f"{date_html(start, lang)} – {end_text}"))
    confidence = properties.get("confidence")
    if isinstance(confidence, str):
        level = escape(vocabulary.get(confidence, confidence))
        note = properties.get("confidence_note")
        rows.append((vocabulary["confidence"],
                     f"<b>{level}</b>" + (f": {english(note, lang)}" if isinstance(note, str) else "")))
    if area:
        rows.append((vocabulary["area"], measure_html(area, 0, vocabulary["unit_km2"], lang)))
    if length:
        rows.append((vocabulary["length"], measure_html(length, 1, vocabulary["unit_km"], lang)))
    if isinstance(properties.get("method"), str):
        rows.append((vocabulary["method"], english(properties["method"], lang)))
    return rows


def _sources_html(properties, vocabulary, lang) -> str:
    sources = properties.get("sources")
    if isinstance(sources, list) and sources:
        items = "".join(f"<li>{_source_html(source, vocabulary, lang)}</li>" for source in sources
                        if isinstance(source, dict))
        return f'<p class="zones-sources-title"><b>{escape(vocabulary["sources"])}</b></p><ol>{items}</ol>'
    source = properties.get("source")
    if isinstance(source, str):
        return (f'<p class="zones-sources-title"><b>{escape(vocabulary["sources"])}</b>: '
                f"{english(source, lang)}</p>")
    return ""


def _source_html(source: Mapping[str, object], vocabulary, lang) -> str:
    cited = [english(source[key], lang) for key in ("publisher", "title") if source.get(key)]
    if source.get("date"):
        cited.append(date_html(source["date"], lang))
    text = ", ".join(cited)
    url = source.get("url")
    if isinstance(url, str) and url.startswith(("https://", "http://")):
        text += (f' <a href="{escape(url, quote=True)}" target="_blank" '
                 f'rel="noopener noreferrer">{escape(vocabulary["link"])}</a>')
    return text
