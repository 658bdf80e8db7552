import datetime as dt
import unicodedata

import pytest
from pyproj import Geod

from tests.conftest import read_sample
from zones.analysis.points import describe_point, nearest_line, zone_at
from zones.data.catalogue import DEFAULT_DATA_DIR
from zones.data.gazetteer_file import load_places

GEOD = Geod(ellps="WGS84")
# GeoNames points (lon, lat) of towns on either side of the sample zones' made-up boxes.
IDLIB, ALEPPO = (36.63393, 35.93062), (37.16117, 36.20124)
RASTAN, HOMS = (36.73241, 34.92667), (36.72559, 34.72405)
DOUMA, HARASTA, DAMASCUS = (36.4027, 33.57175), (36.36515, 33.55869), (36.29128, 33.5102)
NAWA, DARAA = (36.03905, 32.88646), (36.10213, 32.61889)
JULY_25 = dt.date(2017, 7, 25)


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
def test_a_town_is_in_its_zone_only_while_the_zone_holds(sample_result, zone, inside, outside, last_day):
    first_day = dt.date(2017, 5, 6)
    assert zone_at(sample_result, *inside, first_day) == zone
    assert zone_at(sample_result, *inside, JULY_25) == zone
    assert zone_at(sample_result, *inside, first_day - dt.timedelta(days=1)) is None
    assert zone_at(sample_result, *outside, JULY_25) is None
    if last_day is None:
        assert zone_at(sample_result, *inside, dt.date(2017, 10, 31)) == zone
    else:
        assert zone_at(sample_result, *inside, last_day) == zone
        assert zone_at(sample_result, *inside, last_day + dt.timedelta(days=1)) is None


def test_no_zone_for_coordinates_that_are_not_numbers(sample_result):
    assert zone_at(sample_result, float("nan"), 33.5, JULY_25) is None
    assert nearest_line(sample_result, 36.4, float("inf"), JULY_25) is None


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
def test_distance_to_the_line_matches_a_geodesic_computation(sample_result, town):
    line = read_sample("military_police.geojson")["features"][0]
    km, line_properties = nearest_line(sample_result, *town, JULY_25)
    assert line_properties["name_en"] == "Mp Ghouta Line"
    assert km == pytest.approx(_geodesic_km_to_line(*town, line["geometry"]["coordinates"]), rel=0.01)


def test_no_distance_before_the_lines_were_drawn(sample_result):
    assert nearest_line(sample_result, *DOUMA, dt.date(2017, 7, 23)) is None


# ---------------------------------------------------------------- the sentence


def test_the_sentence_says_zone_date_and_distance(sample_result):
    sentence = describe_point(sample_result, *DOUMA, JULY_25, "en", name="Douma")
    km, _ = nearest_line(sample_result, *DOUMA, JULY_25)
    assert sentence == (
        "Douma (36.40 E, 33.57 N) lay inside the Zone Eastern Ghouta as drawn on this map on "
        f"25 July 2017; {km:.1f} km from the nearest demarcation line, “Mp Ghouta Line”."
    )


def test_the_sentence_outside_every_zone_and_before_the_lines(sample_result):
    sentence = describe_point(sample_result, *HOMS, dt.date(2017, 7, 1), "en")
    assert sentence.startswith("The point at 36.73 E, 34.72 N lay outside every de-escalation zone")
    assert sentence.endswith("1 July 2017; no demarcation line was in force that day.")


@pytest.mark.parametrize(("lang", "words"), [("fr", ["1er août 2017", "FR zone-eastern-ghouta", "km"]),
                                              ("ar", ["آب 2017", "عربي zone-eastern-ghouta", "كم"])])
def test_the_sentence_speaks_the_page_language(sample_result, lang, words):
    sentence = describe_point(sample_result, *HARASTA, dt.date(2017, 8, 1), lang)
    assert all(word in sentence for word in words)
    assert not any(unicodedata.category(character) == "Cc" for character in sentence)


def test_the_sentence_refuses_an_unknown_language(sample_result):
    with pytest.raises(ValueError, match="en, fr, ar"):
        describe_point(sample_result, *DOUMA, JULY_25, "de")


# ---------------------------------------------------------------- the shipped drawings (kept few)


def test_harasta_was_inside_the_drawn_ghouta_zone_on_25_july(shipped_result):
    harasta = next(place for place in load_places(DEFAULT_DATA_DIR) if place.name == "Ḩarastā")
    assert zone_at(shipped_result, harasta.lon, harasta.lat, JULY_25) == "eastern_ghouta"
