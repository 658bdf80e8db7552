import datetime as dt
import unicodedata

import pytest
from pyproj import Geod

from tests.conftest import read_sample
from zones.analysis.points import describe_point, zone_answer, zone_at
from zones.data.catalogue import DEFAULT_DATA_DIR
from zones.data.gazetteer_file import load_places
from zones.data.phases_file import Phase

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
    assert zone_answer(sample_result, 36.4, float("inf"), JULY_25) is None


# ---------------------------------------------------------------- distances to the zones


def _geodesic_km_to_ring(lon: float, lat: float, ring: list) -> float:
    """Independent check: the shortest geodesic to many points along each edge of the ring."""
    best = float("inf")
    for (lon1, lat1), (lon2, lat2) in zip(ring, ring[1:], strict=False):
        points = [(lon1, lat1), *GEOD.npts(lon1, lat1, lon2, lat2, 2000), (lon2, lat2)]
        for point_lon, point_lat in points:
            best = min(best, GEOD.inv(lon, lat, point_lon, point_lat)[2])
    return best / 1e3


def _sample_ring(zone_id: str) -> list:
    return next(feature["geometry"]["coordinates"][0]
                for feature in read_sample("deescalation_zones.geojson")["features"]
                if feature["properties"]["zone_id"] == zone_id)


@pytest.mark.parametrize(("town", "zone"), [(DOUMA, "eastern_ghouta"), (HARASTA, "eastern_ghouta"),
                                            (NAWA, "south"), (RASTAN, "northern_homs")])
def test_inside_a_zone_the_distance_is_to_that_zone_s_own_edge(sample_result, town, zone):
    answer = zone_answer(sample_result, *town, JULY_25)
    assert answer.inside and answer.layer == zone
    assert answer.km == pytest.approx(_geodesic_km_to_ring(*town, _sample_ring(zone)), rel=0.01)


@pytest.mark.parametrize(("town", "zone"), [(DAMASCUS, "eastern_ghouta"), (HOMS, "northern_homs"),
                                            (DARAA, "south"), (ALEPPO, "idlib")])
def test_outside_every_zone_the_distance_is_to_the_nearest_zone(sample_result, town, zone):
    answer = zone_answer(sample_result, *town, JULY_25)
    assert not answer.inside and answer.layer == zone
    assert answer.km == pytest.approx(_geodesic_km_to_ring(*town, _sample_ring(zone)), rel=0.01)
    assert answer.km > 0


def test_the_nearest_zone_is_only_among_the_zones_in_force(sample_result):
    # Idlib's sample outline ends on 15 September: Aleppo's nearest zone is then northern Homs.
    assert zone_answer(sample_result, *ALEPPO, dt.date(2017, 9, 16)).layer == "northern_homs"
    assert zone_answer(sample_result, *DOUMA, dt.date(2017, 5, 5)) is None


PHASES = {"eastern_ghouta": (
    Phase(phase="in_force", start=dt.date(2017, 5, 6), end=dt.date(2017, 7, 21), sources=(),
          names={"en": "in force", "fr": "en vigueur", "ar": "سارية"}),
    Phase(phase="ceasefire", start=dt.date(2017, 7, 22), end=None, sources=(),
          names={"en": "ceasefire in force", "fr": "cessez-le-feu en vigueur", "ar": "وقف إطلاق النار ساري"}),
)}


# ---------------------------------------------------------------- the sentence


def test_the_sentence_says_zone_phase_date_and_distance_to_its_edge(sample_result):
    sentence = describe_point(sample_result, *DOUMA, JULY_25, "en", name="Douma", phases=PHASES)
    km = zone_answer(sample_result, *DOUMA, JULY_25).km
    assert sentence == (
        "Douma (36.40 E, 33.57 N) lay inside the Zone Eastern Ghouta as drawn on this map on "
        f"25 July 2017 (status that day: ceasefire in force); {km:.1f} km from its edge."
    )


def test_the_sentence_outside_names_the_nearest_zone(sample_result):
    sentence = describe_point(sample_result, *HOMS, dt.date(2017, 7, 1), "en")
    km = zone_answer(sample_result, *HOMS, dt.date(2017, 7, 1)).km
    assert sentence == ("The point at 36.73 E, 34.72 N lay outside every de-escalation zone drawn on "
                        f"this map on 1 July 2017; {km:.1f} km from the nearest, the Zone Northern Homs.")


def test_the_sentence_before_any_zone(sample_result):
    sentence = describe_point(sample_result, *HOMS, dt.date(2017, 5, 5), "en")
    assert sentence.endswith("5 May 2017; no de-escalation zone was in force that day.")


@pytest.mark.parametrize(("lang", "words"), [
    ("fr", ["1er août 2017", "FR zone-eastern-ghouta", "km", "cessez-le-feu en vigueur"]),
    ("ar", ["آب 2017", "عربي zone-eastern-ghouta", "كم", "وقف إطلاق النار ساري"])])
def test_the_sentence_speaks_the_page_language(sample_result, lang, words):
    sentence = describe_point(sample_result, *HARASTA, dt.date(2017, 8, 1), lang, phases=PHASES)
    assert all(word in sentence for word in words)
    assert not any(unicodedata.category(character) == "Cc" for character in sentence)


def test_the_sentence_refuses_an_unknown_language(sample_result):
    with pytest.raises(ValueError, match="en, fr, ar"):
        describe_point(sample_result, *DOUMA, JULY_25, "de")


# ---------------------------------------------------------------- the shipped drawings (kept few)


def test_harasta_was_inside_the_drawn_ghouta_zone_on_25_july(shipped_result):
    harasta = next(place for place in load_places(DEFAULT_DATA_DIR) if place.name == "Ḩarastā")
    assert zone_at(shipped_result, harasta.lon, harasta.lat, JULY_25) == "eastern_ghouta"


def test_khan_shaykhun_is_measured_to_the_idlib_zone_s_edge_not_to_ghouta(shipped_result):
    khan_shaykhun = next(place for place in load_places(DEFAULT_DATA_DIR) if place.name == "Khān Shaykhūn")
    answer = zone_answer(shipped_result, khan_shaykhun.lon, khan_shaykhun.lat, JULY_25)
    assert answer.inside and answer.layer == "idlib"
    assert 0 < answer.km < 40  # the issue saw "205.8 km from the Eastern Ghouta demarcation line"
