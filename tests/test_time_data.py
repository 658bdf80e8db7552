"""Data checks for the map through time (issue 13): zone phases, Raqqa district by district, the
dated events and the corrected Euphrates.

Like ``test_geodata.py`` these read the files in geodata/ directly; distances and areas are in
metres in an equal-area projection.
"""

from __future__ import annotations

import datetime
import itertools
import json
import re
from pathlib import Path

import numpy as np
import pytest
from pyproj import Transformer
from shapely import transform as shp_transform
from shapely.geometry import LineString, Point, shape
from shapely.ops import unary_union

GEO = Path(__file__).resolve().parents[1] / "geodata"
_TO_M = Transformer.from_crs(
    "EPSG:4326", "+proj=laea +lat_0=35 +lon_0=38 +datum=WGS84 +units=m +no_defs", always_xy=True)
ZONE_IDS = {"idlib", "northern_homs", "eastern_ghouta", "south"}
CONTROLS = {"sdf", "contested", "isis"}
DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
ARABIC = re.compile(r"[\u0600-\u06FF]")
BATTLE_START, CITY_TAKEN, RANGE_END = "2017-06-06", "2017-10-17", "2017-10-31"


def to_m(geom):
    """The geometry in equal-area metres."""
    return shp_transform(geom, lambda xy: np.column_stack(_TO_M.transform(xy[:, 0], xy[:, 1])))


def load(name):
    return json.loads((GEO / name).read_text(encoding="utf-8"))


def day(text):
    return datetime.date.fromisoformat(text)


def days(first, last):
    """Every ISO date from ``first`` to ``last`` included."""
    start, end = day(first), day(last)
    return [(start + datetime.timedelta(days=n)).isoformat() for n in range((end - start).days + 1)]


def valid_on(properties, on):
    return properties["valid_from"] <= on and (properties["valid_to"] is None or on <= properties["valid_to"])


def assert_sources(sources):
    assert isinstance(sources, list) and sources
    for source in sources:
        assert {"publisher", "title", "date", "url"} <= set(source)
        assert source["publisher"].strip() and source["title"].strip() and DATE.match(source["date"])
        assert source["url"] is None or source["url"].startswith(("http://", "https://"))


# ------------------------------------------------------------------------------- zone phases

PHASES = load("zone_phases.json")


def test_every_zone_has_phases_and_no_other_key():
    assert set(PHASES) == ZONE_IDS
    assert all(PHASES[zone] for zone in ZONE_IDS)


@pytest.mark.parametrize("zone", sorted(ZONE_IDS))
def test_phases_follow_each_other_from_the_memorandum_to_an_open_end(zone):
    phases = PHASES[zone]
    assert phases[0]["phase"] == "memorandum_signed" and phases[0]["from"] == "2017-05-04"
    assert phases[-1]["to"] is None
    for before, after in itertools.pairwise(phases):
        assert before["from"] <= before["to"]
        assert day(after["from"]) == day(before["to"]) + datetime.timedelta(days=1), (before, after)
    for phase in phases:
        assert phase["phase"] and DATE.match(phase["from"])
        assert phase["name_en"].strip() and phase["name_fr"].strip() and ARABIC.search(phase["name_ar"])
        assert phase["confidence"] in {"high", "medium", "low"}
        assert_sources(phase["sources"])


@pytest.mark.parametrize(("zone", "phase", "start"), [
    ("south", "ceasefire_in_force", "2017-07-09"),
    ("eastern_ghouta", "ceasefire_in_force", "2017-07-22"),
    ("northern_homs", "ceasefire_in_force", "2017-08-03"),
    ("idlib", "boundary_agreed", "2017-09-15"),
    ("idlib", "turkish_observation_posts", "2017-10-12"),
])
def test_the_reported_phase_dates(zone, phase, start):
    assert {p["phase"]: p["from"] for p in PHASES[zone]}[phase] == start
    assert {p["phase"]: p["from"] for p in PHASES[zone]}["in_force"] == "2017-05-06"


def test_zones_are_shown_to_the_end_of_the_range():
    zones = load("deescalation_zones.geojson")["features"]
    assert {f["properties"]["zone_id"] for f in zones if valid_on(f["properties"], "2017-10-01")} == ZONE_IDS
    assert all(f["properties"]["valid_to"] is None for f in zones)


# ------------------------------------------------------------------------------- Raqqa

RAQQA = load("raqqa.geojson")["features"]
DISTRICT_STATES = [f for f in RAQQA if f["properties"]["feature_type"] == "district_control"]
BUILT_UP = shape(next(f for f in RAQQA if f["properties"]["feature_type"] == "built_up_area")["geometry"])


def picture(on):
    """District -> control on a date (each district must have at most one state that day)."""
    states = [f["properties"] for f in DISTRICT_STATES if valid_on(f["properties"], on)]
    districts = [p["district"] for p in states]
    assert len(districts) == len(set(districts)), f"two states of one district on {on}"
    return {p["district"]: p["control"] for p in states}


def district_shapes():
    shapes = {}
    for feature in DISTRICT_STATES:
        shapes.setdefault(feature["properties"]["district"], []).append(shape(feature["geometry"]))
    return shapes


def test_states_have_a_known_control_and_their_provenance():
    assert len({f["properties"]["district"] for f in DISTRICT_STATES}) >= 15
    for feature in DISTRICT_STATES:
        p = feature["properties"]
        assert p["control"] in CONTROLS
        assert p["approximate"] is True and p["method"].strip() and p["confidence_note"].strip()
        assert "CC BY-SA 3.0" in p["licence"]
        assert_sources(p["sources"])


def test_every_district_has_one_state_every_day_of_the_battle_and_after():
    districts = set(district_shapes())
    for on in days(BATTLE_START, RANGE_END):
        assert set(picture(on)) == districts, on


def test_the_city_is_sdf_held_from_17_october_and_not_before():
    assert set(picture(CITY_TAKEN).values()) == {"sdf"}
    assert set(picture(RANGE_END).values()) == {"sdf"}
    assert set(picture("2017-10-16").values()) != {"sdf"}
    assert "isis" in picture("2017-06-15").values()


def test_the_city_outline_is_still_shown_after_it_was_taken():
    shown = {f["properties"]["feature_type"] for f in RAQQA if valid_on(f["properties"], RANGE_END)}
    assert {"built_up_area", "old_city", "district_control"} <= shown


def test_the_picture_changes_between_mid_month_dates():
    pictures = [picture(f"2017-{month:02d}-15") for month in (6, 7, 8, 9)]
    for first, second in itertools.combinations(pictures, 2):
        assert first != second


def test_the_front_moves_at_least_once_a_week_from_6_june_to_17_october():
    changes = {on for on in days(BATTLE_START, CITY_TAKEN)
               if picture(on) != picture((day(on) - datetime.timedelta(days=1)).isoformat())}
    for start in days(BATTLE_START, "2017-10-11"):
        week = set(days(start, (day(start) + datetime.timedelta(days=6)).isoformat()))
        assert week & changes, f"no change in the week from {start}"


def test_district_polygons_are_valid_inside_the_city_and_do_not_overlap():
    shapes = district_shapes()
    outlines = {}
    for district, geometries in shapes.items():
        assert all(g.equals(geometries[0]) for g in geometries), f"{district} changes shape"
        outline = geometries[0]
        assert outline.is_valid and outline.geom_type == "Polygon" and to_m(outline).area > 100_000
        # Overlays are done in degrees and only their result is projected: projecting first would
        # bend shared edges differently where one neighbour has an extra vertex on them.
        assert to_m(outline.difference(BUILT_UP)).area < 1.0, f"{district} leaves the built-up area"
        outlines[district] = outline
    for (a, first), (b, second) in itertools.combinations(outlines.items(), 2):
        assert to_m(first.intersection(second)).area < 1.0, f"{a} overlaps {b}"


def test_the_built_up_area_keeps_within_the_reported_bounds():
    west, south, east, north = BUILT_UP.bounds
    assert west >= 38.95 and east <= 39.075 and south >= 35.93 and north <= 35.99


# Wikipedia's town-control record of about mid-July 2017 (its snapshot lies between 4 July and
# 6 August): district marks (lat, lon) and the side it gives. Each district under a mark must show
# that side at some date in that window, or its notes must record that sources differ.
WIKIPEDIA_MARKS = [
    ("Yarmouk/Ad Dar'iya", 35.9369, 38.9805, "sdf"),
    ("al-Qadisiyyah", 35.9504, 38.978, "sdf"),
    ("Hisham Abdulmalik", 35.9413, 39.0189, "sdf"),
    ("al-Mahdi", 35.9529, 39.022, "sdf"),
    ("ar-Rafiqah", 35.9468, 39.0229, "contested"),
    ("Bitani", 35.9557, 39.033, "contested"),
    ("Rawdah", 35.961, 39.019, "contested"),
]


@pytest.mark.parametrize(("label", "lat", "lon", "control"), WIKIPEDIA_MARKS,
                         ids=[m[0] for m in WIKIPEDIA_MARKS])
def test_the_mid_july_record_is_followed_or_the_difference_said(label, lat, lon, control):
    mark = Point(lon, lat)
    district = next(name for name, geometries in district_shapes().items() if geometries[0].contains(mark))
    seen = {picture(on)[district] for on in days("2017-07-04", "2017-08-06")}
    notes = " ".join(f["properties"]["confidence_note"] for f in DISTRICT_STATES
                     if f["properties"]["district"] == district)
    assert control in seen or "Wikipedia" in notes, f"{label} falls in {district}: {seen}"


# ------------------------------------------------------------------------------- events

EVENTS = load("events.geojson")["features"]
POSTS = [f for f in load("military_police.geojson")["features"] if f["geometry"]["type"] == "Point"]
RAQQA_POINTS = [f for f in RAQQA if f["geometry"]["type"] == "Point"]


def test_at_least_25_events_from_may_to_october_2017_with_sources():
    assert len(EVENTS) >= 25
    for feature in EVENTS:
        p = feature["properties"]
        assert "2017-05-01" <= p["date"] <= RANGE_END
        assert p["valid_from"] == p["date"] and p["valid_to"] is None
        if "end_date" in p:
            assert p["date"] < p["end_date"] <= RANGE_END
        assert p["name_en"].strip() and ARABIC.search(p["name_ar"]) and p["description_fr"].strip()
        assert_sources(p["sources"])


@pytest.mark.parametrize("event_id", [
    "event-2017-05-10-tabqa-dam", "event-2017-05-18-tanf-strike", "event-2017-06-06-tanf-strike",
    "event-2017-06-08-tanf-drone", "event-2017-06-20-tanf-drone", "event-2017-06-09-army-iraq-border",
    "event-2017-06-18-su22", "event-2017-06-19-resafa", "event-2017-07-19-hts-idlib",
    "event-2017-07-21-bab-al-hawa", "event-2017-07-21-arsal-offensive", "event-2017-08-06-sukhnah",
    "event-2017-09-05-deir-ez-zor-siege", "event-2017-09-09-sdf-deir-ez-zor", "event-2017-09-15-astana-6",
    "event-2017-10-12-turkish-posts-idlib", "event-2017-10-14-mayadin", "event-2017-10-17-raqqa-taken",
])
def test_the_events_an_analyst_looks_for_are_there(event_id):
    assert event_id in {f["properties"]["id"] for f in EVENTS}


def test_events_on_the_same_spot_stay_apart():
    points = {f["properties"]["id"]: to_m(shape(f["geometry"])) for f in EVENTS}
    for (a, first), (b, second) in itertools.combinations(points.items(), 2):
        assert first.distance(second) >= 500, f"{a} and {b} are {first.distance(second):.0f} m apart"


@pytest.mark.parametrize("event", EVENTS, ids=lambda f: f["properties"]["id"])
def test_events_do_not_hide_posts_or_raqqa_points(event):
    point = to_m(shape(event["geometry"]))
    for post in POSTS:
        assert point.distance(to_m(shape(post["geometry"]))) >= 1000, post["properties"]["id"]
    for other in RAQQA_POINTS:
        assert point.distance(to_m(shape(other["geometry"]))) >= 300, other["properties"]["id"]


# ------------------------------------------------------------------------------- the Euphrates

def euphrates():
    features = load("basemap_rivers.geojson")["features"]
    return unary_union([shape(f["geometry"]) for f in features if f["properties"]["name_en"] == "Euphrates"])


# Reported positions (estimates, see geodata/SOURCES.md): the corrected line must pass within 500 m.
RIVER_REFERENCES = [
    ("Raqqa Old Bridge", 35.938, 39.016),
    ("north bank at Raqqa's southern edge", 35.940, 39.0),
    ("Tabqa dam", 35.869, 38.573),
    ("Baath dam", 35.889, 38.763),
]


@pytest.mark.parametrize(("label", "lat", "lon"), RIVER_REFERENCES, ids=[r[0] for r in RIVER_REFERENCES])
def test_the_euphrates_passes_the_reported_places(label, lat, lon):
    assert to_m(euphrates()).distance(to_m(Point(lon, lat))) <= 500


def river_latitude_at(lon):
    """Latitudes where the Euphrates crosses a meridian near Raqqa and Tabqa."""
    crossing = euphrates().intersection(LineString([(lon, 35.7), (lon, 36.1)]))
    return sorted(point.y for point in getattr(crossing, "geoms", [crossing]))


@pytest.mark.parametrize("lon", [38.98, 39.0, 39.02, 39.04])
def test_the_euphrates_runs_along_raqqa_not_3_km_south_of_it(lon):
    (lat,) = river_latitude_at(lon)
    city_south_edge = min(y for x, y in BUILT_UP.exterior.coords if abs(x - lon) <= 0.011)
    assert city_south_edge - 0.008 <= lat < city_south_edge


# Wikipedia's record marks (lat, lon) on either bank, used as an independent side check.
NORTH_BANK = [("al-Jazra water treatment station", 35.9416, 38.9534), ("Yarmouk district", 35.9369, 38.9805),
              ("Hisham bin Abdulmalik district", 35.9413, 39.0189), ("Abu Qube'i Sharqiyah", 35.917, 38.8919)]
SOUTH_BANK = [("Kasrat Shaykh Juma'a", 35.906, 38.9602), ("Agricultural Research Centre", 35.904, 38.9738),
              ("Kesra", 35.912, 39.005), ("Hussainiya", 35.899, 39.0402), ("Mansurah", 35.841, 38.745),
              ("al-Safsafah", 35.842, 38.62)]


@pytest.mark.parametrize(("label", "lat", "lon"), NORTH_BANK, ids=[m[0] for m in NORTH_BANK])
def test_north_bank_places_are_north_of_the_river(label, lat, lon):
    assert all(lat > y for y in river_latitude_at(lon))


@pytest.mark.parametrize(("label", "lat", "lon"), SOUTH_BANK, ids=[m[0] for m in SOUTH_BANK])
def test_south_bank_places_are_south_of_the_river(label, lat, lon):
    assert all(lat < y for y in river_latitude_at(lon))


def test_the_correction_is_documented_like_every_drawn_line():
    (feature,) = load("river_corrections.geojson")["features"]
    p = feature["properties"]
    assert p["river"] == "Euphrates" and len(p["replaces_within"]) == 4
    assert p["approximate"] is True and p["confidence"] == "low" and p["method"].strip()
    assert "CC BY-SA 3.0" in p["licence"]
    assert_sources(p["sources"])
    shipped = {f["properties"]["id"] for f in load("basemap_rivers.geojson")["features"]}
    assert p["id"] in shipped
