import math

import pytest

from zones.core import (
    DATE_MAX,
    DATE_MIN,
    DEFAULT_DATE,
    FOUNDING_DATE,
    ZOOM_MAX,
    ZOOM_MIN,
    format_degrees,
    is_finite_number,
    is_lat_lon,
    is_zoom,
    round_degrees,
    wrap_longitude,
)


def test_the_default_and_founding_days_lie_in_the_period():
    assert DATE_MIN <= FOUNDING_DATE <= DEFAULT_DATE <= DATE_MAX


@pytest.mark.parametrize(("value", "finite"), [(1, True), (2.5, True), (True, False), (math.nan, False),
                                               (math.inf, False), ("3", False), (None, False)])
def test_finite_numbers_are_numbers_not_booleans_or_text(value, finite):
    assert is_finite_number(value) is finite


@pytest.mark.parametrize(("lat", "lon", "valid"), [(33.5, 36.3, True), (-90, 180, True), (90.01, 0, False),
                                                   (0, -180.5, False), (math.nan, 36, False)])
def test_latitude_and_longitude_ranges(lat, lon, valid):
    assert is_lat_lon(lat, lon) is valid


@pytest.mark.parametrize(("lon", "wrapped"), [(36.3, 36.3), (555.8203, -164.1797), (-200.0, 160.0),
                                              (180.0, 180.0), (-180.0, -180.0), (360.0, 0.0)])
def test_longitudes_dragged_round_the_world_come_back_into_range(lon, wrapped):
    assert wrap_longitude(lon) == pytest.approx(wrapped)


def test_zoom_levels_are_whole_numbers_in_range():
    assert is_zoom(ZOOM_MIN) and is_zoom(ZOOM_MAX)
    assert not is_zoom(ZOOM_MIN - 1) and not is_zoom(ZOOM_MAX + 1) and not is_zoom(7.0) and not is_zoom(True)


def test_degrees_are_rounded_to_about_ten_metres_and_written_without_trailing_zeros():
    assert round_degrees(33.123456) == 33.1235
    assert format_degrees(36.3) == "36.3" and format_degrees(36.0) == "36"
