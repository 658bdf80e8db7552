"""The map's backgrounds: the offline vector basemap (always) and optional online tiles.

Standard library only: the share link, the command line and the export checks name the choices
without loading the map library.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class TileChoice:
    """An optional online tile basemap; ``url`` None means the offline vector basemap only."""

    label: str
    url: str | None = None
    attribution: str = ""


TILES = {
    "offline": TileChoice("Offline vector basemap"),
    "osm": TileChoice(
        "OpenStreetMap (online)",
        "https://tile.openstreetmap.org/{z}/{x}/{y}.png",
        '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> contributors',
    ),
    "satellite": TileChoice(
        "Satellite, Esri World Imagery (online)",
        "https://server.arcgisonline.com/ArcGIS/rest/services/World_Imagery/MapServer/tile/{z}/{y}/{x}",
        "Imagery &copy; Esri, Maxar, Earthstar Geographics",
    ),
}
