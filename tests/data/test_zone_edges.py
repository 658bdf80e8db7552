"""Moving a made-up zone's edge to the marks, and re-deriving a line from it."""

from __future__ import annotations

import copy

import pytest
from shapely.geometry import LineString, Point, box, shape

from zones.data.control_areas import to_metres
from zones.data.control_review import review_edges
from zones.data.zone_edges import derive_line, move_edges

ZONE = {"type": "Feature", "properties": {"zone_id": "box", "method": "a box"},
        "geometry": {"type": "Polygon",
                     "coordinates": [[[36.6, 35.6], [36.8, 35.6], [36.8, 35.79], [36.6, 35.79],
                                      [36.6, 35.6]]]}}


def mark(mark_id: str, lon: float, lat: float, side: str) -> dict:
    return {"type": "Feature",
            "properties": {"id": mark_id, "name_en": mark_id, "side": side, "sides": [side],
                           "status": "held", "symbol": "settlement", "mark": side},
            "geometry": {"type": "Point", "coordinates": [lon, lat]}}


def grid_marks() -> list[dict]:
    """Opposition marks every 0.04° inside the box, government ones around it, plus a government
    village just inside the west edge and an opposition one just outside the east edge."""
    marks = []
    for i in range(-2, 8):
        for j in range(-2, 8):
            lon, lat = 36.6 + 0.04 * i + 0.02, 35.6 + 0.04 * j + 0.02
            inside = 0 <= i < 5 and 0 <= j < 5
            marks.append(mark(f"m{i}_{j}", lon, lat, "opp" if inside else "gov"))
    marks.append(mark("gov-in", 36.605, 35.7, "gov"))
    marks.append(mark("opp-out", 36.81, 35.7, "opp"))
    return marks


def test_edges_move_to_the_marks_and_kept_ones_stay():
    marks = grid_marks()
    moved = move_edges([copy.deepcopy(ZONE)], marks, kept=set())
    zone = shape(moved[0]["geometry"])
    assert not zone.contains(Point(36.605, 35.7)) and zone.contains(Point(36.81, 35.7))
    assert zone.is_valid and moved[0]["properties"] == ZONE["properties"]
    assert review_edges(marks, moved).agreement == 1.0
    kept = move_edges([copy.deepcopy(ZONE)], marks, kept={"gov-in", "opp-out"})
    assert {mark.id for mark in review_edges(marks, kept).disagreements} == {"gov-in", "opp-out"}


def test_a_move_stays_local():
    moved = shape(move_edges([copy.deepcopy(ZONE)], grid_marks(), kept=set())[0]["geometry"])
    # The north edge (35.79 N) is not halfway between the marks (35.80 N), but no mark near it is
    # on the wrong side, so it stays where it was drawn.
    assert moved.contains(Point(36.7, 35.785)) and not moved.contains(Point(36.7, 35.795))


def test_derive_line_leaves_out_the_border_and_what_the_old_line_left_out():
    zone = to_metres(box(36.6, 35.6, 36.8, 35.8))
    # The old line ran along three sides; the west side (a border, say) was left out.
    old_line = to_metres(LineString([(36.6, 35.8), (36.8, 35.8), (36.8, 35.6), (36.6, 35.6)]))
    outline = to_metres(box(36.6, 35.0, 38.0, 36.5))  # a country whose border is the west side
    line = derive_line(zone, old_line, zone, outline)
    west_side = to_metres(LineString([(36.6, 35.6), (36.6, 35.8)]))
    assert line.distance(west_side) >= 1_400
    assert line.length == pytest.approx(old_line.length - 2 * 1_500, rel=0.02)
