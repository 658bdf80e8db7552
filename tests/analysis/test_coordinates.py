import pytest

from zones.analysis.coordinates import parse_point


@pytest.mark.parametrize(("text", "point"), [
    ("33.57, 36.40", (33.57, 36.40)), ("33.57 36.4", (33.57, 36.4)), (" -12;45 ", (-12.0, 45.0)),
    ("95, 36", None), ("Douma", None), ("", None), ("33.5,", None), ("1e3, 2", None),
])
def test_typed_coordinates_are_read_as_latitude_then_longitude(text, point):
    assert parse_point(text) == point
