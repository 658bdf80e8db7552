import datetime as dt
import unicodedata

import pytest
from pyproj import Geod
from shapely.geometry import Point, box, shape

from tests.conftest import read_sample
from zones.catalogue import DEFAULT_DATA_DIR, load_catalogue
from zones.gazetteer import load_places
from zones.loading import load_layers
from zones.places import (
    describe_point,
    distance_to_nearest_line,
    measurements_table,
    parse_point,
    zone_at,
)

GEOD = Geod(ellps="WGS84")
# GeoNames points (lon, lat) of towns on either side of the sample zones' made-up boxes.
IDLIB, ALEPPO = (36.63393, 35.93062), (37.16117, 36.20124)
RASTAN, HOMS = (36.73241, 34.92667), (36.72559, 34.72405)
DOUMA, HARASTA, DAMASCUS = (36.4027, 33.57175), (36.36515, 33.55869), (36.29128, 33.5102)
NAWA, DARAA = (36.03905, 32.88646), (36.10213, 32.61889)
JULY_25 = dt.date(2017, 7, 25)


@pytest.fixture
def loaded(sample_catalogue):
    return load_layers(sample_catalogue)


# ---------------------------------------------------------------- point in zone


@pytest.mark.parametrize(
    ("zone", "inside", "outside", "last_day"),
    [
        ("idlib", IDLIB, ALEPPO, dt.date(2017, 9, 15)),
        ("northern_homs", RASTAN, HOMS, None),
        ("eastern_ghouta", DOUMA, DAMASCUS, None),
        ("eastern_ghouta", HARASTA, DAMASCUS, None),
        ("south", NAWA, DARAA, None),
    ],
)
def test_a_town_is_in_its_zone_only_while_the_zone_holds(loaded, zone, inside, outside, last_day):
    first_day = dt.date(2017, 5, 6)
    assert zone_at(loaded, *inside, first_day) == zone
    assert zone_at(loaded, *inside, JULY_25) == zone
    assert zone_at(loaded, *inside, first_day - dt.timedelta(days=1)) is None
    assert zone_at(loaded, *outside, JULY_25) is None
    if last_day is None:
        assert zone_at(loaded, *inside, dt.date(2017, 10, 31)) == zone
    else:
        assert zone_at(loaded, *inside, last_day) == zone
        assert zone_at(loaded, *inside, last_day + dt.timedelta(days=1)) is None


def test_no_zone_for_coordinates_that_are_not_numbers(loaded):
    assert zone_at(loaded, float("nan"), 33.5, JULY_25) is None
    assert distance_to_nearest_line(loaded, 36.4, float("inf"), JULY_25) is None


# ---------------------------------------------------------------- distances and areas


def _geodesic_km_to_line(lon: float, lat: float, coordinates: list) -> float:
    """Independent check: the shortest geodesic to many points along each segment."""
    best = float("inf")
    for (lon1, lat1), (lon2, lat2) in zip(coordinates, coordinates[1:], strict=False):
        points = [(lon1, lat1), *GEOD.npts(lon1, lat1, lon2, lat2, 2000), (lon2, lat2)]
        for point_lon, point_lat in points:
            best = min(best, GEOD.inv(lon, lat, point_lon, point_lat)[2])
    return best / 1e3


@pytest.mark.parametrize("town", [DOUMA, HARASTA, DAMASCUS, NAWA, IDLIB])
def test_distance_to_the_line_matches_a_geodesic_computation(loaded, town):
    line = read_sample("military_police.geojson")["features"][0]
    km, name = distance_to_nearest_line(loaded, *town, JULY_25)
    assert name == "Mp Ghouta Line"
    assert km == pytest.approx(_geodesic_km_to_line(*town, line["geometry"]["coordinates"]), rel=0.01)


def test_no_distance_before_the_lines_were_drawn(loaded):
    assert distance_to_nearest_line(loaded, *DOUMA, dt.date(2017, 7, 23)) is None


def test_measurements_match_geodesic_areas_and_lengths(loaded):
    rows = measurements_table(loaded, "en")
    assert [row["layer"] for row in rows] == ["idlib", "northern_homs", "eastern_ghouta", "south",
                                              "military_police"]
    features = {feature["properties"]["id"]: feature for name in ("deescalation_zones.geojson",
                "military_police.geojson") for feature in read_sample(name)["features"]}
    for row in rows:
        geometry = shape(features[row["id"]]["geometry"])
        if row["area_km2"] is not None:
            expected = abs(GEOD.geometry_area_perimeter(geometry)[0]) / 1e6
            assert row["area_km2"] == pytest.approx(expected, rel=0.01)
            assert row["length_km"] is None
        else:
            assert row["length_km"] == pytest.approx(GEOD.geometry_length(geometry) / 1e3, rel=0.01)
    assert rows[0]["valid_to"] == "2017-09-15" and rows[1]["valid_to"] is None
    assert measurements_table(loaded, "fr")[2]["name"] == "FR zone-eastern-ghouta"


# ---------------------------------------------------------------- the sentence


def test_the_sentence_says_zone_date_and_distance(loaded):
    sentence = describe_point(loaded, *DOUMA, JULY_25, "en", name="Douma")
    km, _ = distance_to_nearest_line(loaded, *DOUMA, JULY_25)
    assert sentence == (
        "Douma (36.40 E, 33.57 N) lay inside the Zone Eastern Ghouta as drawn on this map on "
        f"25 July 2017; {km:.1f} km from the nearest demarcation line, “Mp Ghouta Line”."
    )


def test_the_sentence_outside_every_zone_and_before_the_lines(loaded):
    sentence = describe_point(loaded, *HOMS, dt.date(2017, 7, 1), "en")
    assert sentence.startswith("The point at 36.73 E, 34.72 N lay outside every de-escalation zone")
    assert sentence.endswith("1 July 2017; no demarcation line was in force that day.")


@pytest.mark.parametrize(("lang", "words"), [("fr", ["1er août 2017", "FR zone-eastern-ghouta", "km"]),
                                              ("ar", ["آب/أغسطس", "عربي zone-eastern-ghouta", "كم"])])
def test_the_sentence_speaks_the_page_language(loaded, lang, words):
    sentence = describe_point(loaded, *HARASTA, dt.date(2017, 8, 1), lang)
    assert all(word in sentence for word in words)
    assert not any(unicodedata.category(character) == "Cc" for character in sentence)


def test_the_sentence_refuses_an_unknown_language(loaded):
    with pytest.raises(ValueError, match="en, fr, ar"):
        describe_point(loaded, *DOUMA, JULY_25, "de")


# ---------------------------------------------------------------- the shipped drawings (kept few)


def test_harasta_was_inside_the_drawn_ghouta_zone_on_25_july():
    loaded = load_layers(load_catalogue(DEFAULT_DATA_DIR))
    harasta = next(place for place in load_places(DEFAULT_DATA_DIR) if place.name == "Ḩarastā")
    assert zone_at(loaded, harasta.lon, harasta.lat, JULY_25) == "eastern_ghouta"
    rows = measurements_table(loaded, "en")
    assert sum(row["area_km2"] is not None for row in rows) == 4
    assert all((row["area_km2"] or row["length_km"]) > 0 for row in rows)


def test_sample_boxes_contain_the_towns_they_were_drawn_around():
    # Guards the fixtures above: if the sample data moves, these tests would prove nothing.
    zones = {feature["properties"]["zone_id"]: shape(feature["geometry"])
             for feature in read_sample("deescalation_zones.geojson")["features"]}
    assert zones["eastern_ghouta"].bounds == pytest.approx(box(36.34, 33.49, 36.46, 33.61).bounds)
    assert zones["eastern_ghouta"].contains(Point(DOUMA)) and not zones["south"].contains(Point(DARAA))


@pytest.mark.parametrize(("text", "point"), [
    ("33.57, 36.40", (33.57, 36.40)), ("33.57 36.4", (33.57, 36.4)), (" -12;45 ", (-12.0, 45.0)),
    ("95, 36", None), ("Douma", None), ("", None), ("33.5,", None), ("1e3, 2", None),
])
def test_typed_coordinates_are_read_as_latitude_then_longitude(text, point):
    assert parse_point(text) == point
