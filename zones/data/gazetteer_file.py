"""The gazetteer file, ``places.csv`` beside the layers: GeoNames names with French and Arabic
names added by the project, each with its position in degrees."""

from __future__ import annotations

import csv
import math
from dataclasses import dataclass
from pathlib import Path

PLACES_FILE = "places.csv"


@dataclass(frozen=True)
class Place:
    """A gazetteer entry: names (French and Arabic may be empty) and position in degrees."""

    name: str
    name_fr: str
    name_ar: str
    lat: float
    lon: float
    governorate: str

    def label(self, lang: str) -> str:
        """The name in ``lang``, falling back to the gazetteer name."""
        return {"fr": self.name_fr, "ar": self.name_ar}.get(lang) or self.name


def load_places(directory: Path) -> tuple[Place, ...]:
    """Read ``places.csv`` from ``directory`` (columns name, lat, lon, governorate, and optional
    name_fr, name_ar), in file order.

    Raises FileNotFoundError when the file is missing and ValueError naming the line of a row
    whose lat or lon is not a finite number.
    """
    path = Path(directory) / PLACES_FILE
    places = []
    with path.open(newline="", encoding="utf-8") as handle:
        for line, row in enumerate(csv.DictReader(handle), start=2):
            try:
                lat, lon = float(row["lat"]), float(row["lon"])
            except (TypeError, ValueError, KeyError):
                lat = lon = math.nan
            if not (math.isfinite(lat) and math.isfinite(lon)):
                raise ValueError(f"{path}, line {line}: lat and lon must be numbers of degrees.")
            places.append(Place(
                name=(row.get("name") or "").strip(),
                name_fr=(row.get("name_fr") or "").strip(),
                name_ar=(row.get("name_ar") or "").strip(),
                lat=lat,
                lon=lon,
                governorate=(row.get("governorate") or "").strip(),
            ))
    return tuple(places)
