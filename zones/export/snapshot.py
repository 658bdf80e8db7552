"""What a snapshot of the map shows, and the checks that say whether it can be produced.

A :class:`Snapshot` names the layers, the view, the as-of date, the title, the size and the
language; :func:`check_snapshot` refuses, with an :class:`ExportError` naming the option at
fault, anything that cannot be honoured. The files themselves are made by
:mod:`zones.export.formats` and written by :mod:`zones.export.files`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from zones.core import DEFAULT_DATE, ZOOM_MAX, ZOOM_MIN, View, is_lat_lon
from zones.language import LANGUAGES
from zones.map.tiles import TILES

if TYPE_CHECKING:  # only for annotations: the checks need no map or data library loaded
    from zones.data.catalogue import Catalogue
    from zones.data.layers import LoadResult

PRODUCT = "syria-2017-zones"
# The English default title; a figure's title and source line in each language are the
# ``figure_title`` and ``figure_source`` words of zones/translations.toml.
DEFAULT_TITLE = "Syria, summer 2017: de-escalation zones"
FORMATS = ("png", "pdf", "html", "geojson")
MEDIA_TYPES = {"png": "image/png", "pdf": "application/pdf", "html": "text/html",
               "geojson": "application/geo+json"}
# Named sizes in CSS px; A4 landscape at 150 dpi is 297 × 210 mm = 1754 × 1240 px.
SIZES = {"1280x800": (1280, 800), "1920x1080": (1920, 1080), "a4-landscape-150dpi": (1754, 1240)}
SCALES = (1, 2)
SIDE_RANGE = (200, 4000)
MAX_TITLE_CHARS = 120


class ExportError(Exception):
    """A snapshot that cannot be produced. ``option`` names the setting at fault, if any."""

    def __init__(self, message: str, *, option: str | None = None):
        super().__init__(message)
        self.option = option


@dataclass(frozen=True)
class Snapshot:
    """What a snapshot shows.

    ``layers`` are catalogue ids (drawn in catalogue order); ``view`` the centre (degrees) and
    zoom; ``day`` the as-of date; ``width``/``height`` the figure in CSS px and ``scale`` its
    pixel density; ``tiles`` a :data:`zones.map.builder.TILES` key (online tiles are the only
    requests a snapshot lets out, and only when chosen).
    """

    layers: tuple[str, ...]
    view: View = field(default_factory=View)
    day: dt.date = DEFAULT_DATE
    title: str = DEFAULT_TITLE
    width: int = 1280
    height: int = 800
    scale: int = 1
    tiles: str = "offline"
    lang: str = "en"


def check_snapshot(snapshot: Snapshot, catalogue: Catalogue, result: LoadResult,
                   fmt: str = "png") -> None:
    """Raise :class:`ExportError` (with ``option`` set) for any setting that cannot be honoured."""
    if fmt not in FORMATS:
        raise ExportError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}.", option="format")
    if not snapshot.layers:
        raise ExportError(f"no layer chosen; give at least one of {', '.join(catalogue.ids)}.",
                          option="layers")
    for layer_id in snapshot.layers:
        if layer_id not in catalogue.ids:
            raise ExportError(f"unknown layer {layer_id!r}; known layers: {', '.join(catalogue.ids)}.",
                              option="layers")
        if layer_id not in result.layers:
            problem = next((error.message for error in result.errors
                            if error.layer and error.layer.id == layer_id), "it did not load")
            raise ExportError(f"layer {layer_id!r} cannot be drawn: {problem} "
                              "Run `python -m zones check`, or leave the layer out.", option="layers")
    view = snapshot.view
    if not is_lat_lon(view.lat, view.lon):
        raise ExportError(f"centre {view.lat},{view.lon} is not a latitude,longitude in degrees "
                          "(latitude -90 to 90, longitude -180 to 180).", option="center")
    if not ZOOM_MIN <= view.zoom <= ZOOM_MAX:
        raise ExportError(f"zoom {view.zoom} is outside {ZOOM_MIN}–{ZOOM_MAX}.", option="zoom")
    for name, value in (("width", snapshot.width), ("height", snapshot.height)):
        if not SIDE_RANGE[0] <= value <= SIDE_RANGE[1]:
            raise ExportError(f"{name} {value} px is outside {SIDE_RANGE[0]}–{SIDE_RANGE[1]}.",
                              option=name)
    if snapshot.scale not in SCALES:
        raise ExportError(f"scale {snapshot.scale} is not allowed; choose 1 or 2.", option="scale")
    if snapshot.tiles not in TILES:
        raise ExportError(f"unknown tiles {snapshot.tiles!r}; choose one of {', '.join(TILES)}.",
                          option="tiles")
    if snapshot.lang not in LANGUAGES:
        raise ExportError(f"unknown language {snapshot.lang!r}; choose one of {', '.join(LANGUAGES)}.",
                          option="lang")
    if len(snapshot.title) > MAX_TITLE_CHARS:
        raise ExportError(f"the title has {len(snapshot.title)} characters; keep it to "
                          f"{MAX_TITLE_CHARS}.", option="title")
