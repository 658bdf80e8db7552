import pytest

from zones.analysis.coordinates import OUTSIDE_SYRIA, SWAPPED, TypedPoint, in_syria, parse_point

DOUMA = (33.5717, 36.4028)  # 33°34'18"N 36°24'10"E


@pytest.mark.parametrize(("text", "point"), [
    ("33.57, 36.40", (33.57, 36.40)), ("33.57 36.4", (33.57, 36.4)), (" 33;36 ", (33.0, 36.0)),
    ("95, 36", None), ("Douma", None), ("", None), ("33.5,", None), ("1e3, 2", None),
])
def test_decimal_degrees_are_read_as_latitude_then_longitude(text, point):
    parsed = parse_point(text)
    assert (parsed.lat, parsed.lon) == point if point else parsed is None


@pytest.mark.parametrize("text", [
    "33°34'18\"N 36°24'10\"E",
    "33°34′18″N, 36°24′10″E",
    "33 34 18 N, 36 24 10 E",
    "N 33 34 18, E 36 24 10",
    "36°24'10\"E 33°34'18\"N",  # longitude first: the letters say which is which
    "E36 24 10 N33 34 18",
    "33d34m18s N 36d24m10s E",
    "33°34.3'N 36°24.1667'E",  # degrees and decimal minutes
])
def test_degrees_minutes_seconds_in_any_common_form(text):
    parsed = parse_point(text)
    assert parsed is not None, text
    assert parsed.lat == pytest.approx(DOUMA[0], abs=1e-3)
    assert parsed.lon == pytest.approx(DOUMA[1], abs=1e-3)
    assert parsed.warning is None


@pytest.mark.parametrize(("text", "point"), [
    ("33 30 S, 70 40 W", (-33.5, -70.6667)), ("-33.5, -70.6667", (-33.5, -70.6667)),
])
def test_south_and_west_are_negative(text, point):
    parsed = parse_point(text)
    assert (parsed.lat, parsed.lon) == pytest.approx(point, abs=1e-4)


@pytest.mark.parametrize("text", [
    "33 61 00 N 36 24 10 E",  # 61 minutes
    "33 34 60 N 36 24 10 E",  # 60 seconds
    "33.5 30 N 36 24 E",  # decimal degrees followed by minutes
    "33 N 36 N",  # two latitudes
    "N 33 N, 36 E",  # a hemisphere on both sides
    "-33 N, 36 E",  # a sign and a hemisphere
])
def test_malformed_degrees_minutes_seconds_are_refused(text):
    assert parse_point(text) is None


def test_swapped_coordinates_are_kept_as_typed_with_a_warning():
    # 36.40 N 33.57 E is on the Turkish coast; read the other way round it is Douma.
    assert parse_point("36.40, 33.57") == TypedPoint(lat=36.40, lon=33.57, warning=SWAPPED)


@pytest.mark.parametrize("text", ["0, 0", "48.85, 2.35", "-33.5, 36.4"])
def test_points_far_from_syria_are_flagged(text):
    assert parse_point(text).warning == OUTSIDE_SYRIA


def test_the_syria_box_holds_the_country_s_corners_and_not_its_neighbours_capitals():
    for lat, lon in [(33.51, 36.29), (37.05, 41.22), (32.62, 36.10), (34.45, 40.92), (35.95, 35.92)]:
        assert in_syria(lat, lon)
    for lat, lon in [(39.93, 32.86), (31.95, 35.93), (33.31, 44.37)]:  # Ankara, Amman, Baghdad
        assert not in_syria(lat, lon)
