"""Town names for the map at zone scale: which places to name, in the page's language, and from
which zoom, so that larger towns appear first and villages from about zoom 10.

Names come from the gazetteer (with French and Arabic names where the project added them) and
from the town-control record's settlements (English only). The browser places them without
overlap (``static/zones-labels.js``); the text travels as plain text and is only ever set as a
text node there.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from zones.core import CONTROL_KIND
from zones.data.gazetteer_file import Place
from zones.data.layers import LoadResult

# From which zoom a place is named: towns the project gave French and Arabic names are the
# better-known ones (the gazetteer has no population), then the other gazetteer towns, then
# the record's villages.
KNOWN_TOWN_ZOOM = 8
TOWN_ZOOM = 9
VILLAGE_ZOOM = 10
UNNAMED = re.compile(r"^(unnamed|border crossing)", re.IGNORECASE)


def place_labels(result: LoadResult, places: Iterable[Place], lang: str) -> list[list]:
    """``[lat, lon, name, min_zoom]`` for every place to name, the most important first.

    A record settlement is left out when a gazetteer place of the same name lies within about
    2 km (the gazetteer's name is kept, in ``lang`` where it has one)."""
    labels, seen = [], set()
    for place in sorted(places, key=lambda item: -(bool(item.name_fr) + bool(item.name_ar))):
        zoom = KNOWN_TOWN_ZOOM if place.name_fr and place.name_ar else TOWN_ZOOM
        labels.append([round(place.lat, 4), round(place.lon, 4), place.label(lang), zoom])
        seen |= _keys(place.name, place.lat, place.lon) | _keys(place.label("en"), place.lat, place.lon)
    for layer in result.of_kind(CONTROL_KIND):
        frame = layer.frame
        if "site" in frame.columns:
            frame = frame[frame["site"] == "settlement"]
        for name, point in zip(frame["name_en"], frame.geometry, strict=True):
            if not isinstance(name, str) or UNNAMED.match(name) or _keys(name, point.y, point.x) & seen:
                continue
            seen |= _keys(name, point.y, point.x)
            labels.append([round(point.y, 4), round(point.x, 4), name, VILLAGE_ZOOM])
    return labels


def _keys(name: str, lat: float, lon: float) -> set[tuple[str, int, int]]:
    """The name folded (no accents, marks or articles) at its ~2 km cell and the cells around it."""
    folded = unicodedata.normalize("NFKD", name.casefold())
    folded = "".join(character for character in folded if character.isalnum())
    folded = re.sub(r"^(al|el|ad|ar|as|ash|at|az|an)(?=[a-z]{3})", "", folded)
    row, column = round(lat * 50), round(lon * 50)
    return {(folded, row + dr, column + dc) for dr in (-1, 0, 1) for dc in (-1, 0, 1)}
