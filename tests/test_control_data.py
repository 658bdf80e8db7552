"""Data checks for the committed town-control files (Wikipedia's detailed map, c. July 2017).

Like test_geodata.py these read the files directly; the agreement figure is computed here from
the marks and the zones, independently of zones/data/control_review.py.
"""

from __future__ import annotations

import csv
import json
import re
import tomllib
from pathlib import Path

import numpy as np
import pytest
import shapely
from pyproj import Transformer
from shapely.geometry import shape

ROOT = Path(__file__).resolve().parents[1]
GEO = ROOT / "geodata"
SOURCE = ROOT.parent / "shared" / "data" / "reference" / "wikipedia-town-control-2017-07" / "marks.csv"
LAEA = "+proj=laea +lat_0=35 +lon_0=38 +datum=WGS84 +units=m +no_defs"
_TO_M = Transformer.from_crs("EPSG:4326", LAEA, always_xy=True)
REGION = (25.0, 28.0, 50.0, 43.0)  # layers.toml [region] bounds
SIDES = {"gov", "opp", "SDF", "JaN", "IS", "Trk", "lcl", "spc"}
LICENCE = "CC BY-SA 3.0"
ATTRIBUTION = ("Town control c. July 2017: Wikipedia contributors, Module:Syrian Civil War detailed "
               "map (CC BY-SA 3.0)")
ZONE_CAMP, OUTSIDE_CAMP = {"opp", "JaN"}, {"gov", "SDF", "IS"}


def to_m(geometry):
    return shapely.transform(geometry, lambda xy: np.column_stack(_TO_M.transform(xy[:, 0], xy[:, 1])))


def load(name: str) -> dict:
    return json.loads((GEO / name).read_text(encoding="utf-8"))


MARKS, AREAS, DISAGREEMENTS = (load("control_marks.geojson"), load("control_areas.geojson"),
                               load("control_disagreements.geojson"))


@pytest.mark.parametrize("collection", [MARKS, AREAS, DISAGREEMENTS], ids=["marks", "areas", "disagreements"])
def test_share_alike_licence_on_file_and_every_feature(collection):
    assert collection["licence"] == LICENCE and collection["attribution"] == ATTRIBUTION
    assert all(feature["properties"]["licence"] == LICENCE for feature in collection["features"])


@pytest.mark.parametrize("name", ["deescalation_zones.geojson", "military_police.geojson"])
def test_files_adapted_to_the_record_say_so(name):
    collection = load(name)
    assert collection["licence"] == LICENCE and "Wikipedia contributors" in collection["attribution"]
    for feature in collection["features"]:
        assert feature["properties"]["licence"] == LICENCE
        assert any(source["title"].startswith("Module:Syrian Civil War detailed map")
                   for source in feature["properties"]["sources"])


@pytest.mark.parametrize("collection", [MARKS, AREAS, DISAGREEMENTS], ids=["marks", "areas", "disagreements"])
def test_geometries_valid_and_in_the_region(collection):
    west, south, east, north = REGION
    for feature in collection["features"]:
        geometry = shape(feature["geometry"])
        assert geometry.is_valid and not geometry.is_empty, feature["properties"]["id"]
        min_x, min_y, max_x, max_y = geometry.bounds
        assert west <= min_x and max_x <= east and south <= min_y and max_y <= north


def test_areas_lie_in_syria_and_do_not_overlap():
    basemap = load("basemap_countries.geojson")["features"]  # the outline the areas are clipped to
    syria = to_m(next(shape(f["geometry"]) for f in basemap if f["properties"]["name_en"] == "Syria"))
    geometries = [to_m(shape(feature["geometry"])) for feature in AREAS["features"]]
    assert all(syria.buffer(500).contains(geometry) for geometry in geometries)
    assert shapely.union_all(geometries).area == pytest.approx(sum(g.area for g in geometries), rel=0.005)
    assert sum(g.area for g in geometries) == pytest.approx(syria.area, rel=0.005)
    assert sum(f["properties"]["area_km2"] for f in AREAS["features"]) == pytest.approx(syria.area / 1e6,
                                                                                       rel=0.001)


def test_every_side_status_and_symbol_is_known():
    for feature in MARKS["features"]:
        properties = feature["properties"]
        assert properties["side"] in SIDES and set(properties["sides"]) <= SIDES
        assert properties["side"] == properties["sides"][0]
        expected = {"held"} if len(properties["sides"]) == 1 else {"contested", "split"}
        assert properties["status"] in expected
        assert properties["symbol"] in {"settlement", "hill", "base", "air", "heli", "naval", "industry",
                                        "oil", "pass"}
        assert properties["name_en"].strip()
    for feature in AREAS["features"]:
        assert feature["properties"]["side"] in SIDES | {"contested", "unknown"}
        assert feature["properties"]["approximate"] is True


def test_ids_are_unique_and_traced_to_source_rows():
    report = MARKS["build_report"]
    ids = [feature["properties"]["id"] for feature in MARKS["features"]]
    assert len(ids) == len(set(ids))
    rows = [int(mark_id.removeprefix("control-")) for mark_id in ids]
    assert rows == sorted(rows) and rows[-1] <= report["rows_read"]


def test_count_is_source_rows_minus_the_dropped_ones():
    report = MARKS["build_report"]
    dropped = sum(report[key] for key in ("decorations", "commented_out", "broken_coordinates",
                                          "unreadable", "duplicates"))
    assert len(MARKS["features"]) == report["marks_written"] == report["rows_read"] - dropped
    assert (report["rows_read"], report["decorations"], report["commented_out"],
            report["broken_coordinates"], report["duplicates"]) == (6184, 36, 5, 2, 4)


@pytest.mark.skipif(not SOURCE.exists(), reason="the shared source folder is not beside the repository")
def test_report_matches_the_source_file():
    with SOURCE.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    report = MARKS["build_report"]
    assert len(rows) == report["rows_read"]
    assert sum(row["mark"].endswith(".svg") for row in rows) == report["decorations"]
    assert sum(row["commented_out"] == "1" for row in rows) == report["commented_out"]
    kept_rows = {int(feature["properties"]["id"].removeprefix("control-"))
                 for feature in MARKS["features"]}
    for number, row in enumerate(rows, start=1):
        if row["label"] in ("Kharab Suluq", "Mushayrifat al-Miftah") or row["mark"].endswith(".svg"):
            assert number not in kept_rows


def test_sources_md_prints_the_build_counts():
    text = (GEO / "SOURCES.md").read_text(encoding="utf-8")
    report = MARKS["build_report"]
    for key, value in report.items():
        assert re.search(rf"\|\s*{key.replace('_', ' ')}\s*\|\s*{value:,}\s*\|", text), key


def judged_near_edges():
    """(mark id, zone_id, inside, agrees) for every mark of one camp within 10 km of a zone edge."""
    zones = {f["properties"]["zone_id"]: to_m(shape(f["geometry"]))
             for f in load("deescalation_zones.geojson")["features"]}
    features = [f for f in MARKS["features"] if f["properties"]["symbol"] != "pass"]
    points = to_m(shapely.points([f["geometry"]["coordinates"] for f in features]))
    zone_ids = list(zones)
    distances = np.column_stack([shapely.distance(zones[z].boundary, points) for z in zone_ids])
    result = []
    for index, feature in enumerate(features):
        nearest = int(distances[index].argmin())
        if distances[index, nearest] > 10_000:
            continue
        sides = set(feature["properties"]["sides"])
        if not (sides <= ZONE_CAMP or sides <= OUTSIDE_CAMP):
            continue
        inside = bool(zones[zone_ids[nearest]].contains(points[index]))
        agrees = inside == (sides <= ZONE_CAMP)
        result.append((feature["properties"]["id"], zone_ids[nearest], inside, agrees))
    return result


JUDGED = judged_near_edges()


def test_agreement_with_the_record_near_zone_edges_is_at_least_95_percent():
    agreement = sum(agrees for *_, agrees in JUDGED) / len(JUDGED)
    assert len(JUDGED) > 1000
    assert agreement >= 0.95, f"{agreement:.1%}"


def test_sources_md_prints_the_agreement():
    agreement = sum(agrees for *_, agrees in JUDGED) / len(JUDGED)
    disagreeing = sum(not agrees for *_, agrees in JUDGED)
    text = (GEO / "SOURCES.md").read_text(encoding="utf-8")
    assert f"{disagreeing} of {len(JUDGED):,} disagree ({agreement:.1%} agreement)" in text


def test_every_disagreement_is_in_the_layer_with_a_reason():
    disagreeing = {(mark_id, zone_id, inside) for mark_id, zone_id, inside, agrees in JUDGED if not agrees}
    listed = {(f["properties"]["mark_id"], f["properties"]["zone_id"],
               f["properties"]["position"] == "inside") for f in DISAGREEMENTS["features"]}
    assert listed == disagreeing
    decisions = tomllib.loads((GEO / "control_decisions.toml").read_text(encoding="utf-8"))
    assert set(decisions["kept"]) == {mark_id for mark_id, *_ in disagreeing}
    for feature in DISAGREEMENTS["features"]:
        properties = feature["properties"]
        assert properties["decision"] == "kept" and len(properties["reason"]) > 40
        assert properties["reason"] == decisions["kept"][properties["mark_id"]]["reason"]
        assert properties["mark_side"] in SIDES and properties["distance_km"] <= 10


def test_disagreements_sit_on_their_marks():
    marks = {f["properties"]["id"]: f["geometry"]["coordinates"] for f in MARKS["features"]}
    for feature in DISAGREEMENTS["features"]:
        assert feature["geometry"]["coordinates"] == marks[feature["properties"]["mark_id"]]
