import datetime as dt

import geopandas as gpd
from shapely.geometry import Point

from zones.analysis.validity import EVENT_WINDOW_DAYS, active_on, depends_on_day, shown_on


def _valid_counts(result, day: dt.date) -> dict[str, int]:
    return {layer_id: len(active_on(layer.frame, day)) for layer_id, layer in result.layers.items()
            if not layer.spec.is_basemap}


def test_each_layer_keeps_the_features_valid_that_day(sample_result):
    assert _valid_counts(sample_result, dt.date(2017, 7, 1)) == {
        "idlib": 1, "northern_homs": 1, "eastern_ghouta": 1, "south": 1,
        "raqqa": 2, "military_police": 0, "events": 1,
        # The town-control snapshot has no dates: it counts on every day.
        "control_areas": 3, "control": 7, "control_disagreements": 2,
    }
    assert _valid_counts(sample_result, dt.date(2017, 7, 24))["military_police"] == 2
    after_astana6 = _valid_counts(sample_result, dt.date(2017, 9, 16))
    assert after_astana6["idlib"] == 0 and after_astana6["eastern_ghouta"] == 1
    assert _valid_counts(sample_result, dt.date(2017, 5, 4))["raqqa"] == 0


def test_active_on_keeps_features_valid_that_day(sample_result):
    frame = sample_result.layers["idlib"].frame  # valid 2017-05-06 .. 2017-09-15
    assert len(active_on(frame, dt.date(2017, 7, 6))) == 1
    assert len(active_on(frame, dt.date(2017, 9, 15))) == 1
    assert len(active_on(frame, dt.date(2017, 9, 16))) == 0
    assert len(active_on(frame, dt.date(2017, 5, 5))) == 0
    assert len(active_on(frame, None)) == 1


def _events(*rows: dict) -> gpd.GeoDataFrame:
    return gpd.GeoDataFrame([{"valid_from": row["date"], "valid_to": None, **row} for row in rows],
                            geometry=[Point(36, 33)] * len(rows), crs=4326)


def test_a_one_day_event_is_on_the_map_for_its_window_then_leaves():
    frame = _events({"id": "su22", "date": "2017-06-18"})
    shown = [day for day in (dt.date(2017, 6, 17), dt.date(2017, 6, 18),
                             dt.date(2017, 6, 18) + dt.timedelta(days=EVENT_WINDOW_DAYS),
                             dt.date(2017, 6, 19) + dt.timedelta(days=EVENT_WINDOW_DAYS),
                             dt.date(2017, 10, 31))
             if len(shown_on(frame, "events", day))]
    assert shown == [dt.date(2017, 6, 18), dt.date(2017, 6, 18) + dt.timedelta(days=EVENT_WINDOW_DAYS)]


def test_a_several_day_event_counts_its_window_from_its_last_day():
    frame = _events({"id": "arsal", "date": "2017-07-21", "end_date": "2017-08-28"},
                    {"id": "sukhnah", "date": "2017-08-06", "end_date": None})
    later = dt.date(2017, 8, 6) + dt.timedelta(days=EVENT_WINDOW_DAYS + 1)  # al-Sukhnah's window is over
    assert list(shown_on(frame, "events", later)["id"]) == ["arsal"]


def test_only_events_have_a_window():
    frame = _events({"id": "zone", "date": "2017-05-06"})
    assert len(shown_on(frame, "zone", dt.date(2017, 10, 31))) == 1
    assert len(shown_on(frame, "events", None)) == 1


def test_only_dated_layers_depend_on_the_day():
    dated = gpd.GeoDataFrame({"valid_from": ["2017-05-06"]}, geometry=[Point(36, 35)])
    events = gpd.GeoDataFrame({"date": ["2017-07-06"]}, geometry=[Point(36, 35)])
    assert depends_on_day(dated, "zone")
    assert depends_on_day(events, "events")
    assert not depends_on_day(events, "control")  # a date column alone filters only events
    assert not depends_on_day(gpd.GeoDataFrame({"name": ["x"]}, geometry=[Point(36, 35)]), "basemap")
