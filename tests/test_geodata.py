"""Data checks for the hand-drawn thematic layers in geodata/ (issue "Trustworthy geometry").

These tests read the GeoJSON files directly with shapely/pyproj; they do not import the app.
All distances and areas are computed in the equal-area projection below, in metres.
"""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path

import numpy as np
import pytest
from pyproj import Transformer
from shapely import transform as shp_transform
from shapely.geometry import Point, shape

ROOT = Path(__file__).resolve().parents[1]
GEO = ROOT / "geodata"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
LAEA = "+proj=laea +lat_0=35 +lon_0=38 +datum=WGS84 +units=m +no_defs"
_TO_M = Transformer.from_crs("EPSG:4326", LAEA, always_xy=True)


def to_m(geom):
    """The geometry in LAEA metres."""
    return shp_transform(geom, lambda xy: np.column_stack(_TO_M.transform(xy[:, 0], xy[:, 1])))


FILES = {
    "deescalation_zones.geojson": {"Polygon", "MultiPolygon"},
    "military_police.geojson": {"LineString", "MultiLineString", "Point"},
    "raqqa.geojson": {"Polygon", "MultiPolygon", "LineString", "MultiLineString", "Point"},
    "events.geojson": {"Point"},
}
ZONE_IDS = {"idlib", "northern_homs", "eastern_ghouta", "south"}
DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def load(name):
    with open(GEO / name, encoding="utf-8") as f:
        return json.load(f)


def features(name):
    return load(name)["features"]


def all_features():
    for name in FILES:
        for i, f in enumerate(features(name)):
            yield pytest.param(name, f, id=f"{name}:{f['properties'].get('id', i)}")


@pytest.fixture(scope="module")
def syria_m():
    with open(FIXTURES / "syria_outline.geojson", encoding="utf-8") as f:
        g = json.load(f)
    geom = shape(g["geometry"] if g.get("type") == "Feature" else g["features"][0]["geometry"])
    return to_m(geom).buffer(1000)


def zones_by_id():
    return {f["properties"]["zone_id"]: shape(f["geometry"]) for f in features("deescalation_zones.geojson")}


@pytest.mark.parametrize("name", list(FILES))
def test_file_loads(name):
    obj = load(name)
    assert obj["type"] == "FeatureCollection"
    assert obj["features"], f"{name} has no features"


@pytest.mark.parametrize("name", list(FILES))
def test_ids_unique(name):
    ids = [f["properties"]["id"] for f in features(name)]
    assert len(ids) == len(set(ids)), f"duplicate ids in {name}"


@pytest.mark.parametrize("name,feat", list(all_features()))
def test_geometry_valid_typed_inside_syria(name, feat, syria_m):
    g = shape(feat["geometry"])
    assert feat["geometry"]["type"] in FILES[name]
    assert not g.is_empty
    assert g.is_valid
    assert syria_m.contains(to_m(g)), "geometry leaves Syria (Natural Earth outline + 1 km)"


def _check_sources(sources):
    assert isinstance(sources, list) and sources, "sources must be a non-empty list"
    for s in sources:
        assert set(s) >= {"publisher", "title", "date", "url"}
        assert isinstance(s["publisher"], str) and s["publisher"].strip()
        assert isinstance(s["title"], str) and s["title"].strip()
        assert isinstance(s["date"], str) and DATE.match(s["date"])
        assert s["url"] is None or (isinstance(s["url"], str) and s["url"].startswith("http"))


@pytest.mark.parametrize("name,feat", list(all_features()))
def test_provenance_properties(name, feat):
    p = feat["properties"]
    for key in ("id", "name_en", "name_fr", "name_ar", "confidence_note", "method"):
        assert isinstance(p.get(key), str) and p[key].strip(), f"{key} missing or empty"
    assert re.search(r"[\u0600-\u06FF]", p["name_ar"]), "name_ar is not in Arabic script"
    assert isinstance(p.get("valid_from"), str) and DATE.match(p["valid_from"])
    assert p.get("valid_to", "missing") is None or (
        isinstance(p["valid_to"], str) and DATE.match(p["valid_to"])
    )
    if p["valid_to"] is not None:
        assert p["valid_to"] >= p["valid_from"]
    assert p.get("confidence") in {"high", "medium", "low"}
    assert p.get("approximate") is True
    _check_sources(p.get("sources"))


@pytest.mark.parametrize("feat", features("deescalation_zones.geojson"), ids=lambda f: f["properties"]["id"])
def test_zone_properties(feat):
    p = feat["properties"]
    assert p["zone_id"] in ZONE_IDS
    assert p["id"] == f"zone-{p['zone_id']}"


def test_four_zones():
    assert sorted(f["properties"]["zone_id"] for f in features("deescalation_zones.geojson")) == sorted(
        ZONE_IDS
    )


def test_zones_pairwise_disjoint():
    z = {k: to_m(v) for k, v in zones_by_id().items()}
    keys = sorted(z)
    for i, a in enumerate(keys):
        for b in keys[i + 1 :]:
            assert z[a].intersection(z[b]).area < 0.01e6, f"{a} overlaps {b}"


@pytest.mark.parametrize("feat", features("military_police.geojson"), ids=lambda f: f["properties"]["id"])
def test_military_police_properties(feat):
    p = feat["properties"]
    assert p["zone_id"] in {"south", "eastern_ghouta", "northern_homs"}
    assert p["feature_type"] in {"demarcation_line", "checkpoint", "observation_post"}
    if p["feature_type"] == "demarcation_line":
        assert feat["geometry"]["type"] in {"LineString", "MultiLineString"}
    else:
        assert feat["geometry"]["type"] == "Point"
        assert p.get("located_estimate") is True
        assert "no source gives coordinates" in p["confidence_note"].lower()


def _lines():
    return {
        f["properties"]["zone_id"]: shape(f["geometry"])
        for f in features("military_police.geojson")
        if f["properties"]["feature_type"] == "demarcation_line"
    }


@pytest.mark.parametrize("zone_id", ["south", "eastern_ghouta", "northern_homs"])
def test_demarcation_line_follows_zone_edge(zone_id):
    line = _lines()[zone_id]
    edge = to_m(zones_by_id()[zone_id]).boundary
    parts = [line] if line.geom_type == "LineString" else list(line.geoms)
    for part in parts:
        for x, y in part.coords:
            d = edge.distance(to_m(Point(x, y)))
            assert d <= 3000, f"vertex {x},{y} is {d:.0f} m from the {zone_id} zone edge"


@pytest.mark.parametrize(
    "zone_id,cp,op", [("south", 2, 10), ("eastern_ghouta", 2, 4), ("northern_homs", 2, 3)]
)
def test_post_counts(zone_id, cp, op):
    types = [
        f["properties"]["feature_type"]
        for f in features("military_police.geojson")
        if f["properties"]["zone_id"] == zone_id
    ]
    assert types.count("checkpoint") == cp
    assert types.count("observation_post") == op
    assert types.count("demarcation_line") == 1


@pytest.mark.parametrize(
    "feat",
    [f for f in features("military_police.geojson") if f["geometry"]["type"] == "Point"],
    ids=lambda f: f["properties"]["id"],
)
def test_post_near_its_line(feat):
    line = to_m(_lines()[feat["properties"]["zone_id"]])
    d = line.distance(to_m(shape(feat["geometry"])))
    assert d <= 3000, f"{feat['properties']['id']} is {d:.0f} m from its line"


@pytest.mark.parametrize("feat", features("raqqa.geojson"), ids=lambda f: f["properties"]["id"])
def test_raqqa_feature_type(feat):
    assert feat["properties"]["feature_type"] in {"built_up_area", "old_city", "sdf_front", "sdf_position",
                                                 "district_control"}


def test_raqqa_old_city_inside_built_up_area():
    f = {
        x["properties"]["feature_type"]: shape(x["geometry"])
        for x in features("raqqa.geojson")
        if x["properties"]["feature_type"] in {"built_up_area", "old_city"}
    }
    assert f["built_up_area"].contains(f["old_city"])


@pytest.mark.parametrize("feat", features("events.geojson"), ids=lambda f: f["properties"]["id"])
def test_event_properties(feat):
    p = feat["properties"]
    assert DATE.match(p["date"])
    assert p["valid_from"] == p["date"]
    assert p["valid_to"] is None
    for key in ("description_en", "description_fr", "description_ar"):
        assert isinstance(p.get(key), str) and p[key].strip()
    assert re.search(r"[\u0600-\u06FF]", p["description_ar"])


def membership_rows():
    with open(FIXTURES / "zone_membership.csv", encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def test_membership_coverage():
    rows = membership_rows()
    for zid in ZONE_IDS:
        for exp in ("inside", "outside"):
            n = sum(1 for r in rows if r["zone_id"] == zid and r["expected"] == exp)
            assert n >= 8, f"{zid}: only {n} places expected {exp}"
    for r in rows:
        assert r["expected"] in {"inside", "outside"}
        assert r["reason"].strip()


@pytest.mark.parametrize(
    "row", membership_rows(), ids=lambda r: f"{r['zone_id']}:{r['expected']}:{r['place']}"
)
def test_membership(row):
    zone = zones_by_id()[row["zone_id"]]
    inside = zone.contains(Point(float(row["lon"]), float(row["lat"])))
    assert inside == (row["expected"] == "inside"), (
        f"{row['place']} should be {row['expected']} ({row['reason']})"
    )


def test_areas_table_matches():
    text = (GEO / "SOURCES.md").read_text(encoding="utf-8")
    table = {}
    for m in re.finditer(
        r"^\|\s*(idlib|northern_homs|eastern_ghouta|south)\s*\|\s*([0-9.]+)\s*\|", text, re.M
    ):
        table.setdefault(m.group(1), float(m.group(2)))  # first table = areas
    assert set(table) == ZONE_IDS, "areas table in SOURCES.md is incomplete"
    for zid, geom in zones_by_id().items():
        area = to_m(geom).area / 1e6
        assert abs(area - table[zid]) <= 0.005 * area, f"{zid}: table {table[zid]} vs computed {area:.1f} km2"
