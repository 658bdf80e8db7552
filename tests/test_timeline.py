import datetime as dt

import pytest

from tests.conftest import read_sample, write_json
from zones.catalogue import load_catalogue
from zones.i18n import LANGUAGES
from zones.loading import load_layers
from zones.timeline import events_until, timeline_summary


@pytest.fixture
def loaded(sample_catalogue):
    return load_layers(sample_catalogue)


def test_summary_counts_the_features_valid_each_day(loaded):
    assert timeline_summary(loaded, dt.date(2017, 7, 1)) == {
        "idlib": 1, "northern_homs": 1, "eastern_ghouta": 1, "south": 1,
        "raqqa": 2, "military_police": 0, "events": 1,
        # The town-control snapshot has no dates: it counts on every day.
        "control_areas": 3, "control": 7, "control_disagreements": 2,
    }
    on_deployment = timeline_summary(loaded, dt.date(2017, 7, 24))
    assert on_deployment["military_police"] == 2
    after_astana6 = timeline_summary(loaded, dt.date(2017, 9, 16))
    assert after_astana6["idlib"] == 0 and after_astana6["eastern_ghouta"] == 1
    assert timeline_summary(loaded, dt.date(2017, 5, 4))["raqqa"] == 0


def test_summary_leaves_out_the_basemap(loaded):
    summary = timeline_summary(loaded, dt.date(2017, 7, 1))
    assert not {"countries", "governorates", "rivers", "cities"} & set(summary)


def test_events_appear_from_their_date(loaded):
    assert events_until(loaded, dt.date(2017, 6, 17)) == []
    (event,) = events_until(loaded, dt.date(2017, 6, 18))
    assert event["id"] == "event-su22"
    assert event["date"] == dt.date(2017, 6, 18)
    assert (event["lon"], event["lat"]) == pytest.approx((38.58, 35.8))
    assert event["name"] == {"en": "Event Su22", "fr": "FR event-su22", "ar": "عربي event-su22"}


def test_a_missing_translation_falls_back_to_english(loaded):
    (event,) = events_until(loaded, dt.date(2017, 10, 31))
    assert set(event["description"]) == set(LANGUAGES)
    assert event["description"]["fr"] == event["description"]["en"] == "A Syrian Su-22 is shot down."


def _event(template: dict, event_id: str, day: str, valid_to: str | None = None) -> dict:
    properties = {**template["properties"], "id": event_id, "date": day, "valid_from": day,
                  "valid_to": valid_to, "description_fr": f"fr {event_id}"}
    return {**template, "properties": properties}


def test_events_are_sorted_by_date_then_id_and_follow_their_validity(sample_dir):
    collection = read_sample("events.geojson")
    template = collection["features"][0]
    collection["features"] = [
        _event(template, "event-c", "2017-07-24"),
        _event(template, "event-a", "2017-07-09"),
        _event(template, "event-b", "2017-07-24"),
        _event(template, "event-withdrawn", "2017-07-01", valid_to="2017-07-10"),
        _event(template, "event-later", "2017-08-04"),
    ]
    write_json(sample_dir / "events.geojson", collection)
    loaded = load_layers(load_catalogue(sample_dir))
    events = events_until(loaded, dt.date(2017, 7, 25))
    assert [event["id"] for event in events] == ["event-a", "event-b", "event-c"]
    assert events[0]["description"]["fr"] == "fr event-a"
    assert [event["id"] for event in events_until(loaded, dt.date(2017, 7, 5))] == ["event-withdrawn"]
