import geopandas as gpd
from shapely.geometry import Point, box

from zones.analysis.control import holder, marks_inside, with_marks_inside


def test_marks_are_counted_by_who_held_them_inside_each_zone():
    zones = gpd.GeoDataFrame(geometry=[box(0, 0, 1, 1), box(2, 0, 3, 1)], crs=4326)
    marks = gpd.GeoDataFrame(
        {"side": ["opp", "JaN", "opp", "gov", "opp"], "status": ["held", "held", "split", "held", "held"],
         "sides": [["opp"], ["JaN"], ["opp", "JaN"], ["gov"], ["opp"]]},
        geometry=[Point(0.5, 0.5), Point(0.2, 0.2), Point(1, 0.5), Point(2.5, 0.5), Point(5, 5)], crs=4326)
    assert marks_inside(zones, marks) == [{"opp": 1, "JaN": 1, "split:opp+JaN": 1}, {"gov": 1}]


def test_a_contested_or_split_place_names_both_sides():
    assert holder("gov", "contested", ["gov", "opp"]) == "contested:gov+opp"
    assert holder("opp", "held", ["opp"]) == "opp"


def test_the_shipped_zones_know_who_held_their_towns(shipped_result):
    idlib = with_marks_inside(shipped_result).layers["idlib"].frame["marks_inside"].iloc[0]
    assert idlib["JaN"] > 100 and idlib["opp"] > idlib["JaN"]
    assert "marks_inside" not in shipped_result.layers["idlib"].frame.columns  # the original is untouched


def test_the_record_says_which_days_it_describes(shipped_result):
    import datetime as dt

    from zones.analysis.control import record_window

    assert record_window(shipped_result) == (dt.date(2017, 7, 4), dt.date(2017, 8, 6))
