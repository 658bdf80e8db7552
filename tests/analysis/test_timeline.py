import datetime as dt

import pytest

from tests.conftest import read_sample, write_json
from zones.analysis.timeline import events_until
from zones.data.catalogue import load_catalogue
from zones.data.layers import load_layers
from zones.language import LANGUAGES


def test_events_appear_from_their_date(sample_result):
    assert events_until(sample_result, dt.date(2017, 6, 17)) == []
    (event,) = events_until(sample_result, dt.date(2017, 6, 18))
    assert event["id"] == "event-su22"
    assert event["date"] == dt.date(2017, 6, 18)
    assert (event["lon"], event["lat"]) == pytest.approx((38.58, 35.8))
    assert event["name"] == {"en": "Event Su22", "fr": "FR event-su22", "ar": "عربي event-su22"}


def test_a_missing_translation_falls_back_to_english(sample_result):
    event, _ = events_until(sample_result, dt.date(2017, 10, 31))
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
    result = load_layers(load_catalogue(sample_dir))
    events = events_until(result, dt.date(2017, 7, 25))
    assert [event["id"] for event in events] == ["event-a", "event-b", "event-c"]
    assert events[0]["description"]["fr"] == "fr event-a"
    assert [event["id"] for event in events_until(result, dt.date(2017, 7, 5))] == ["event-withdrawn"]
