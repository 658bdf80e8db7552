"""What a reader sees when hovering or clicking a feature: tooltip and popup HTML.

Every value from the data is escaped here, once, before it reaches the browser: a property may
hold anything, including markup or script, and must show as text. Leaflet then inserts these
ready-made strings; nothing downstream builds HTML from raw properties.
"""

from __future__ import annotations

from collections.abc import Mapping
from html import escape

from zones.language import direction, feature_name, words
from zones.map.record_rows import record_rows


def tooltip_html(properties: Mapping[str, object], lang: str) -> str:
    """One line: the name, marked ≈ when the geometry is approximate."""
    name = escape(feature_name(properties, lang))
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
    name = escape(feature_name(properties, lang))
    parts = [f'<div class="zones-popup" dir="{direction(lang)}" lang="{lang}">', f"<h4>{name}</h4>"]
    if properties.get("approximate") is True:
        parts.append(f'<p class="zones-approximate">≈ {escape(vocabulary["approximate"])}</p>')
    if properties.get("located_estimate") is True:
        parts.append(f'<p class="zones-approximate">⌖ {escape(vocabulary["located_estimate"])}</p>')
    description = properties.get(f"description_{lang}") or properties.get("description_en")
    if isinstance(description, str):
        parts.append(f"<p>{escape(description)}</p>")
    rows = record_rows(properties, lang) + _rows(properties, vocabulary, area_km2, length_km)
    if phase:
        rows.insert(0, (vocabulary["phase"], f"<b>{escape(phase)}</b>"))
    if rows:
        parts.append("<table>" + "".join(f"<tr><th>{escape(label)}</th><td>{value}</td></tr>"
                                         for label, value in rows) + "</table>")
    parts.append(_sources_html(properties, vocabulary))
    parts.append("</div>")
    return "".join(parts)


def _rows(properties, vocabulary, area, length) -> list[tuple[str, str]]:
    rows = []
    if isinstance(properties.get("date"), str):
        rows.append((vocabulary["date"], escape(properties["date"])))
    start = properties.get("valid_from")
    if isinstance(start, str):
        end = properties.get("valid_to")
        end_text = escape(end) if isinstance(end, str) else escape(vocabulary["ongoing"])
        rows.append((vocabulary["valid"], f"{escape(start)} – {end_text}"))
    confidence = properties.get("confidence")
    if isinstance(confidence, str):
        level = escape(vocabulary.get(confidence, confidence))
        note = properties.get("confidence_note")
        rows.append((vocabulary["confidence"],
                     f"<b>{level}</b>" + (f": {escape(note)}" if isinstance(note, str) else "")))
    if area:
        rows.append((vocabulary["area"], f"{area:,.0f} km²"))
    if length:
        rows.append((vocabulary["length"], f"{length:,.1f} km"))
    if isinstance(properties.get("method"), str):
        rows.append((vocabulary["method"], escape(properties["method"])))
    return rows


def _sources_html(properties, vocabulary) -> str:
    sources = properties.get("sources")
    if isinstance(sources, list) and sources:
        items = "".join(f"<li>{_source_html(source, vocabulary)}</li>" for source in sources
                        if isinstance(source, dict))
        return f'<p class="zones-sources-title"><b>{escape(vocabulary["sources"])}</b></p><ol>{items}</ol>'
    source = properties.get("source")
    if isinstance(source, str):
        return f'<p class="zones-sources-title"><b>{escape(vocabulary["sources"])}</b>: {escape(source)}</p>'
    return ""


def _source_html(source: Mapping[str, object], vocabulary) -> str:
    text = ", ".join(escape(str(source[key])) for key in ("publisher", "title", "date")
                     if source.get(key))
    url = source.get("url")
    if isinstance(url, str) and url.startswith(("https://", "http://")):
        text += (f' <a href="{escape(url, quote=True)}" target="_blank" '
                 f'rel="noopener noreferrer">{escape(vocabulary["link"])}</a>')
    return text
