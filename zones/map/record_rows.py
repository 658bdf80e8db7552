"""Popup rows for what comes from the town-control record: who held a place (in words, in the
page's language), what kind of site it is, its Wikipedia article, the record's window in time,
and, for a zone, how many marked places inside it each side held.

Every value is escaped here; the only link made is to the English Wikipedia article the mark
names, whose address is built from the title, never taken from the data.
"""

from __future__ import annotations

from collections.abc import Mapping
from html import escape
from urllib.parse import quote

from zones.language import number, side_name, words

WIKIPEDIA = "https://en.wikipedia.org/wiki/"


def record_rows(properties: Mapping[str, object], lang: str) -> list[tuple[str, str]]:
    """(label, HTML) rows for the record's properties the feature carries; empty for others."""
    vocabulary = words(lang)
    rows = []
    held = _held_by(properties, lang)
    if held:
        rows.append((vocabulary["held_by"], escape(held)))
    symbol = properties.get("symbol")
    if isinstance(symbol, str) and symbol != "settlement":
        rows.append((vocabulary["site"], escape(vocabulary.get(f"symbol_{symbol}", symbol))))
    link = properties.get("link")
    if isinstance(link, str) and link.strip():
        address = WIKIPEDIA + quote(link.strip().replace(" ", "_"), safe="#:()_,'-.")
        rows.append(("Wikipedia", f'<a href="{escape(address, quote=True)}" target="_blank" '
                                  f'rel="noopener noreferrer">{escape(link)}</a>'))
    if isinstance(properties.get("snapshot_from"), str):
        rows.append((vocabulary["record_when"], escape(vocabulary["record_window"])))
    inside = properties.get("marks_inside")
    if isinstance(inside, Mapping) and inside:
        counts = sorted(inside.items(), key=lambda item: (-item[1], item[0]))
        text = ", ".join(f"{side_name(code, lang)}: {number(count, 0, lang)}" for code, count in counts)
        rows.append((vocabulary["marks_inside"], escape(text)))
    reason = properties.get("reason")
    if isinstance(reason, str) and reason.strip():
        rows.append((vocabulary["kept_because"], escape(reason)))
    return rows


def _held_by(properties: Mapping[str, object], lang: str) -> str | None:
    side = properties.get("side") or properties.get("mark_side")
    if not isinstance(side, str):
        return None
    sides = properties.get("sides")
    codes = [code for code in sides if isinstance(code, str)] if isinstance(sides, list) and sides else [side]
    names = " – ".join(side_name(code, lang) for code in codes)
    status = properties.get("status")
    if status in ("contested", "split") and len(codes) > 1:
        return words(lang)[f"held_{status}"].format(sides=names)
    return names
