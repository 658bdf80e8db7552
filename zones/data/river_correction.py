"""Put hand-drawn river courses in place of Natural Earth's where the small-scale data is wrong.

Natural Earth's 1:50m Euphrates runs about 3.5 km south of the river at Raqqa, which puts the city's
southern front between the city and the drawn river. ``geodata/river_corrections.geojson`` holds
corrected courses, each with the river it corrects (``river``) and the box it replaces
(``replaces_within``: min lon, min lat, max lon, max lat). The basemap build calls
:func:`apply_river_corrections` so the correction is reproducible from the shared data.
"""

from __future__ import annotations

import json
from pathlib import Path

import shapely
from shapely.geometry import box, mapping, shape

CORRECTIONS_FILE = "river_corrections.geojson"
SOURCE_TEMPLATE = ("Syria 2017 zones project: {name}, hand-drawn from reported features "
                   "(geodata/river_corrections.geojson, {licence})")


def read_corrections(path: Path) -> list[dict]:
    """The correction features of ``path`` (a GeoJSON FeatureCollection)."""
    return json.loads(path.read_text(encoding="utf-8"))["features"]


def apply_river_corrections(collection: dict, corrections: list[dict], decimals: int) -> dict:
    """Return ``collection`` with, for each correction, the named river cut out of its box and the
    corrected line added as a feature of its own.

    Features of other rivers, and the parts of the river outside the box, are kept unchanged
    (pieces cut at the box edge are rounded to ``decimals`` like the rest of the basemap). A feature
    left empty by the cut is dropped. The corrected line keeps the collection's properties scheme
    (``id``, ``name_en``, ``source``).
    """
    features = list(collection["features"])
    for correction in corrections:
        properties = correction["properties"]
        area = box(*properties["replaces_within"])
        features = [_cut(feature, area, decimals) if feature["properties"]["name_en"] == properties["river"]
                    else feature for feature in features]
        features = [feature for feature in features if feature is not None]
        line = shapely.set_precision(shape(correction["geometry"]), 10**-decimals)
        features.append({
            "type": "Feature",
            "properties": {
                "id": properties["id"],
                "name_en": properties["river"],
                "source": SOURCE_TEMPLATE.format(name=properties["name_en"],
                                                 licence=properties.get("licence", "CC BY 4.0")),
            },
            "geometry": mapping(line),
        })
    return {**collection, "features": features}


def _cut(feature: dict, area, decimals: int) -> dict | None:
    """The feature without its part inside ``area``; None when nothing is left."""
    geometry = shape(feature["geometry"])
    if not geometry.intersects(area):
        return feature
    rest = shapely.set_precision(geometry.difference(area), 10**-decimals)
    if rest.is_empty:
        return None
    return {**feature, "geometry": mapping(rest)}
