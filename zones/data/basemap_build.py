"""Build the offline vector basemap in ``geodata/`` from the shared open data.

The shared files (Natural Earth, geoBoundaries, GeoNames) are copied once, simplified to what a
country-scale map can show and rounded to 3 decimals (about 100 m), so that the whole basemap
weighs tens of kilobytes instead of hundreds. Every feature keeps a ``source`` property naming
its origin and licence; the layer catalogue carries the attribution the map shows.

Run it with ``python -m zones build-basemap ../shared/data/basemap``; the output is committed.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import geopandas as gpd
import pyproj
import shapely

from zones.data.gazetteer_file import Place, load_places
from zones.data.river_correction import CORRECTIONS_FILE, apply_river_corrections, read_corrections

# Degrees; 0.01 degree is about 1 km, below what a country-scale view can show.
COUNTRY_TOLERANCE = 0.01
GOVERNORATE_TOLERANCE = 0.004
RIVER_TOLERANCE = 0.005
# Coarser than the thematic layers (zones.core.COORDINATE_DECIMALS): about 100 m is all a
# country-scale background can show, and it keeps the basemap to tens of kilobytes.
BASEMAP_DECIMALS = 3


@dataclass(frozen=True)
class BasemapPart:
    """One basemap file: where it comes from and how it is reduced."""

    output: str
    source_file: str
    name_column: str
    tolerance: float
    source: str


PARTS = (
    BasemapPart(
        output="basemap_countries.geojson",
        source_file="ne_50m_admin0_syria_region.geojson",
        name_column="name",
        tolerance=COUNTRY_TOLERANCE,
        source="Natural Earth 1:50m admin-0 countries (public domain)",
    ),
    BasemapPart(
        output="basemap_governorates.geojson",
        source_file="syria_adm1_geoboundaries.geojson",
        name_column="shapeName",
        tolerance=GOVERNORATE_TOLERANCE,
        source="geoBoundaries gbOpen SYR ADM1 (UN OCHA / UNCS), CC BY 3.0 IGO",
    ),
    BasemapPart(
        output="basemap_rivers.geojson",
        source_file="ne_50m_rivers_syria_region.geojson",
        name_column="name_en",
        tolerance=RIVER_TOLERANCE,
        source="Natural Earth 1:50m rivers and lake centrelines (public domain)",
    ),
    BasemapPart(
        output="basemap_cities.geojson",
        source_file="syria_major_cities_geonames.geojson",
        name_column="name",
        tolerance=0.0,
        source="GeoNames cities1000 (www.geonames.org), CC BY 4.0",
    ),
)

GAZETTEER_SOURCE = "syria_places_geonames.csv"
CITIES_OUTPUT = "basemap_cities.geojson"
CITY_MATCH_KM = 1.0
GEOD = pyproj.Geod(ellps="WGS84")
GAZETTEER_OUTPUT = "places.csv"
# Places readers search for that the GeoNames extract lacks, added by the project with their
# positions' precision stated in geodata/SOURCES.md; appended to the gazetteer on every build.
GAZETTEER_ADDITIONS = "places_added.csv"


def build_part(part: BasemapPart, source_dir: Path) -> dict:
    """Read one shared file and return the reduced GeoJSON FeatureCollection as a dict."""
    frame = gpd.read_file(source_dir / part.source_file).to_crs(4326)
    geometries = frame.geometry
    if part.tolerance:
        geometries = geometries.simplify(part.tolerance, preserve_topology=True)
    geometries = shapely.set_precision(geometries.values, 10**-BASEMAP_DECIMALS)
    features = []
    for index, (name, geometry) in enumerate(zip(frame[part.name_column], geometries, strict=True)):
        if geometry is None or geometry.is_empty:
            continue
        features.append(
            {
                "type": "Feature",
                "properties": {
                    "id": f"{Path(part.output).stem}-{index:02d}",
                    "name_en": str(name),
                    "source": part.source,
                },
                "geometry": shapely.geometry.mapping(geometry),
            }
        )
    return {"type": "FeatureCollection", "features": features}


def build_basemap(source_dir: Path, output_dir: Path) -> list[Path]:
    """Write every basemap part and the gazetteer into ``output_dir``; return the paths."""
    gazetteer = _copy_gazetteer(source_dir / GAZETTEER_SOURCE, output_dir / GAZETTEER_OUTPUT,
                                additions=output_dir / GAZETTEER_ADDITIONS)
    written = []
    for part in PARTS:
        collection = build_part(part, source_dir)
        if part.output == CITIES_OUTPUT:
            collection = name_cities(collection, load_places(output_dir))
        if part.output == "basemap_rivers.geojson" and (output_dir / CORRECTIONS_FILE).exists():
            collection = apply_river_corrections(
                collection, read_corrections(output_dir / CORRECTIONS_FILE), BASEMAP_DECIMALS)
        path = output_dir / part.output
        path.write_text(json.dumps(collection, ensure_ascii=False, separators=(",", ":")) + "\n")
        written.append(path)
    written.append(gazetteer)
    return written


def name_cities(collection: dict, places: Sequence[Place]) -> dict:
    """The cities with their French and Arabic names from the gazetteer's place (``places``, as
    :func:`zones.data.gazetteer_file.load_places` reads them) at the same spot, within
    CITY_MATCH_KM, so that the map's city labels follow the page's language; a city with no
    such place keeps its English name alone."""
    named = [place for place in places if place.name_fr or place.name_ar]
    if not named:
        return collection
    lons, lats = [place.lon for place in named], [place.lat for place in named]
    for feature in collection["features"]:
        lon, lat = feature["geometry"]["coordinates"]
        _, _, metres = GEOD.inv([lon] * len(named), [lat] * len(named), lons, lats)
        index = min(range(len(named)), key=metres.__getitem__)
        if metres[index] <= CITY_MATCH_KM * 1000:
            for column, name in (("name_fr", named[index].name_fr), ("name_ar", named[index].name_ar)):
                if name:
                    feature["properties"][column] = name
    return collection


TRANSLATED_COLUMNS = ("name_fr", "name_ar")


def _copy_gazetteer(source: Path, target: Path, additions: Path | None = None) -> Path:
    """Copy the GeoNames gazetteer, keeping the French and Arabic names the project added to an
    existing copy (matched on name and coordinates), then append the project's own places from
    ``additions`` when that file exists."""
    with source.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    translations = {}
    if target.exists():
        with target.open(newline="", encoding="utf-8") as handle:
            for row in csv.DictReader(handle):
                translations[(row["name"], row["lat"], row["lon"])] = {
                    column: row.get(column) or "" for column in TRANSLATED_COLUMNS}
    for row in rows:
        row.update(translations.get((row["name"], row["lat"], row["lon"]),
                                    dict.fromkeys(TRANSLATED_COLUMNS, "")))
    with target.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=["name", "lat", "lon", "governorate",
                                                    *TRANSLATED_COLUMNS])
        writer.writeheader()
        writer.writerows(rows)
        if additions is not None and additions.is_file():
            with additions.open(newline="", encoding="utf-8") as handle:
                writer.writerows(csv.DictReader(handle))
    return target
