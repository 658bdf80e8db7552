"""The gazetteer file, ``places.csv`` beside the layers: GeoNames names with French and Arabic
names added by the project, each with its position in degrees."""

from __future__ import annotations

import csv
import io
import math
from dataclasses import dataclass
from pathlib import Path

from zones.core import MAX_PLACES_BYTES
from zones.data.safe_read import read_bounded

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

    The file is read like every data file (:func:`zones.data.safe_read.read_bounded`): a
    regular file in ``directory``, at most ``MAX_PLACES_BYTES``.
    Raises FileNotFoundError when the file is missing, and ValueError naming the file (and the
    line, where there is one) when it is refused, is not UTF-8 CSV, has a field over csv's
    limit, or has a row whose lat or lon is not a finite number.
    """
    path = Path(directory) / PLACES_FILE
    try:
        text = read_bounded(path, MAX_PLACES_BYTES, directory=directory).decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ValueError(f"{path}: not UTF-8 text (byte {error.start}).") from None
    places = []
    reader = csv.DictReader(io.StringIO(text, newline=""))
    try:
        for row in reader:
            places.append(_place(path, reader.line_num, row))
    except csv.Error as error:
        # csv counts the lines it has finished; the fault is in the next one.
        raise ValueError(f"{path}, line {reader.line_num + 1}: not readable as CSV ({error}).") \
            from None
    return tuple(places)


def _place(path: Path, line: int, row: dict) -> Place:
    try:
        lat, lon = float(row["lat"]), float(row["lon"])
    except (TypeError, ValueError, KeyError):
        lat = lon = math.nan
    if not (math.isfinite(lat) and math.isfinite(lon)):
        raise ValueError(f"{path}, line {line}: lat and lon must be numbers of degrees.")
    return Place(
        name=(row.get("name") or "").strip(),
        name_fr=(row.get("name_fr") or "").strip(),
        name_ar=(row.get("name_ar") or "").strip(),
        lat=lat,
        lon=lon,
        governorate=(row.get("governorate") or "").strip(),
    )
