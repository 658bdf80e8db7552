import json

from tests.conftest import write_json
from zones.data.catalogue import load_catalogue
from zones.data.layers import load_layers

ZONES_FILE = "deescalation_zones.geojson"
ZONE_IDS = ("idlib", "northern_homs", "eastern_ghouta", "south")


def _load(folder):
    return load_layers(load_catalogue(folder))


def _errors_by_layer(result):
    return {error.layer.id: error for error in result.errors}


def test_sample_data_loads_every_layer_in_wgs84(sample_dir):
    result = _load(sample_dir)
    assert result.errors == ()
    assert set(result.layers) == set(load_catalogue(sample_dir).ids)
    for layer in result.layers.values():
        assert layer.frame.crs.to_epsg() == 4326
        assert layer.warnings == ()
    assert list(result.layers["idlib"].frame["zone_id"]) == ["idlib"]


def test_nested_sources_survive_loading(sample_dir):
    frame = _load(sample_dir).layers["south"].frame
    assert frame.iloc[0]["sources"][0]["publisher"] == "Test Agency"


def _break_zones(sample_dir, text: str | bytes):
    path = sample_dir / ZONES_FILE
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def _assert_only_zones_fail(result, phrase):
    errors = _errors_by_layer(result)
    assert set(errors) == set(ZONE_IDS)
    for error in errors.values():
        assert ZONES_FILE in error.message
        assert phrase in error.message, error.message
    assert {"raqqa", "military_police", "events", "countries"} <= set(result.layers)


def test_missing_file_is_named_and_other_layers_load(sample_dir):
    (sample_dir / ZONES_FILE).unlink()
    _assert_only_zones_fail(_load(sample_dir), "does not exist")


def test_an_edited_file_is_read_again(sample_dir):
    assert _load(sample_dir).errors == ()
    _break_zones(sample_dir, "not json")
    assert len(_load(sample_dir).errors) == len(ZONE_IDS)


def test_a_file_shared_by_several_layers_is_repaired_once_in_the_list(sample_dir):
    path = sample_dir / ZONES_FILE
    data = json.loads(path.read_text(encoding="utf-8"))
    data["crs"] = {"type": "name", "properties": {"name": "EPSG:4326"}}
    ring = data["features"][0]["geometry"]["coordinates"][0]
    data["features"][0]["geometry"]["coordinates"][0] = ring[:-1]  # unclosed ring of Idlib
    write_json(path, data)
    result = _load(sample_dir)
    assert [text for text in result.repairs if "unclosed ring" in text] == \
        [f"{ZONES_FILE}: feature 0 (zone-idlib) had an unclosed ring, closed in memory."]
    assert result.of_kind("zone") == [result.layers[zone_id] for zone_id in ZONE_IDS]



def test_a_derived_value_is_computed_once_even_when_asked_for_at_once(sample_result):
    import threading
    import time

    layer = next(iter(sample_result.layers.values()))
    calls = []

    def compute():
        calls.append(1)
        time.sleep(0.05)  # long enough for the other threads to ask meanwhile
        return "value"

    results = []
    threads = [threading.Thread(target=lambda: results.append(layer.derive("test-once", compute)))
               for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert results == ["value"] * 8 and len(calls) == 1
