import json
import math

import pytest

from tests.conftest import read_sample, write_json
from zones.catalogue import load_catalogue
from zones.loading import load_layers

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


def test_truncated_json_gives_line_and_column(sample_dir):
    text = (sample_dir / ZONES_FILE).read_text(encoding="utf-8")
    _break_zones(sample_dir, text[: len(text) // 2])
    result = _load(sample_dir)
    _assert_only_zones_fail(result, "not valid JSON (line")
    assert "truncated" in result.errors[0].message


def test_json_that_is_not_geojson(sample_dir):
    _break_zones(sample_dir, json.dumps({"hello": "world"}))
    _assert_only_zones_fail(_load(sample_dir), "not GeoJSON")


def test_empty_feature_collection(sample_dir):
    _break_zones(sample_dir, json.dumps({"type": "FeatureCollection", "features": []}))
    _assert_only_zones_fail(_load(sample_dir), "no features")


def test_invalid_utf8(sample_dir):
    _break_zones(sample_dir, (sample_dir / ZONES_FILE).read_bytes().replace(b"Test", b"T\xff\xfe"))
    _assert_only_zones_fail(_load(sample_dir), "not valid UTF-8")


def test_file_over_the_size_limit(sample_dir):
    toml = sample_dir / "layers.toml"
    toml.write_text(toml.read_text().replace("max_file_megabytes = 20", "max_file_megabytes = 0.001"))
    result = _load(sample_dir)
    assert "over the limit" in result.errors[0].message


def _mutate_zones(sample_dir, change):
    data = read_sample(ZONES_FILE)
    change(data)
    write_json(sample_dir / ZONES_FILE, data)


def test_wrong_geometry_type_for_the_layer(sample_dir):
    def to_point(data):
        data["features"][0]["geometry"] = {"type": "Point", "coordinates": [36.6, 35.9]}
    _mutate_zones(sample_dir, to_point)
    errors = _errors_by_layer(_load(sample_dir))
    assert set(errors) == {"idlib"}
    assert "Point" in errors["idlib"].message and "Allowed: Polygon" in errors["idlib"].message


def test_coordinates_in_metres_are_refused(sample_dir):
    def to_metres(data):
        ring = data["features"][1]["geometry"]["coordinates"][0]
        data["features"][1]["geometry"]["coordinates"][0] = [[x * 111_000, y * 111_000] for x, y in ring]
    _mutate_zones(sample_dir, to_metres)
    _assert_only_zones_fail(_load(sample_dir), "metres")


def test_swapped_latitude_and_longitude_are_refused(sample_dir):
    def swap(data):
        for feature in data["features"]:
            feature["geometry"]["coordinates"] = [[[y, x] for x, y in ring]
                                                  for ring in feature["geometry"]["coordinates"]]
    _mutate_zones(sample_dir, swap)
    _assert_only_zones_fail(_load(sample_dir), "swapped")


def test_non_finite_coordinates_are_refused(sample_dir):
    text = (sample_dir / ZONES_FILE).read_text(encoding="utf-8").replace("36.93", "NaN", 1)
    assert "NaN" in text
    _break_zones(sample_dir, text)
    _assert_only_zones_fail(_load(sample_dir), "not finite")


def test_foreign_crs_is_reprojected_with_a_warning(sample_dir):
    from pyproj import Transformer
    to_mercator = Transformer.from_crs(4326, 3857, always_xy=True)

    def to_3857(data):
        data["crs"] = {"type": "name", "properties": {"name": "EPSG:3857"}}
        for feature in data["features"]:
            feature["geometry"]["coordinates"] = [[list(to_mercator.transform(x, y)) for x, y in ring]
                                                  for ring in feature["geometry"]["coordinates"]]
    _mutate_zones(sample_dir, to_3857)
    result = _load(sample_dir)
    assert result.errors == ()
    idlib = result.layers["idlib"]
    assert any("reprojected" in warning for warning in idlib.warnings)
    assert idlib.frame.geometry.iloc[0].bounds == pytest.approx((36.33, 35.63, 36.93, 36.23), abs=1e-6)


def test_unknown_crs_is_refused(sample_dir):
    unknown = {"type": "name", "properties": {"name": "EPSG:999999"}}
    _mutate_zones(sample_dir, lambda data: data.update(crs=unknown))
    _assert_only_zones_fail(_load(sample_dir), "unknown CRS")


def test_unclosed_ring_is_closed_with_a_warning(sample_dir):
    _mutate_zones(sample_dir, lambda data: data["features"][0]["geometry"]["coordinates"][0].pop())
    result = _load(sample_dir)
    assert result.errors == ()
    assert any("unclosed" in warning for warning in result.layers["idlib"].warnings)


def test_self_intersecting_polygon_is_repaired_with_a_warning(sample_dir):
    bowtie = [[36.0, 35.5], [36.5, 36.0], [36.5, 35.5], [36.0, 36.0], [36.0, 35.5]]
    _mutate_zones(sample_dir, lambda data: data["features"][0]["geometry"].update(coordinates=[bowtie]))
    result = _load(sample_dir)
    assert result.errors == ()
    idlib = result.layers["idlib"]
    assert idlib.frame.geometry.iloc[0].is_valid
    assert any("Self-intersection" in warning for warning in idlib.warnings)


def test_missing_required_property_is_named(sample_dir):
    _mutate_zones(sample_dir, lambda data: data["features"][3]["properties"].pop("sources"))
    errors = _errors_by_layer(_load(sample_dir))
    assert set(errors) == {"south"}
    assert "lacks “sources”" in errors["south"].message


def test_wrong_property_type_is_named(sample_dir):
    _mutate_zones(sample_dir, lambda data: data["features"][2]["properties"].update(approximate="yes"))
    errors = _errors_by_layer(_load(sample_dir))
    assert "“approximate” must be true or false" in errors["eastern_ghouta"].message


def test_duplicate_ids_are_refused(sample_dir):
    path = sample_dir / "events.geojson"
    data = read_sample("events.geojson")
    data["features"].append(data["features"][0])
    write_json(path, data)
    errors = _errors_by_layer(_load(sample_dir))
    assert "repeated: event-su22" in errors["events"].message


def test_loading_never_writes_to_the_data(sample_dir):
    _break_zones(sample_dir, "{\"type\": \"FeatureCollection\", \"features\": [")
    before = {path.name: (path.read_bytes(), path.stat().st_mtime_ns) for path in sample_dir.iterdir()}
    _load(sample_dir)
    after = {path.name: (path.read_bytes(), path.stat().st_mtime_ns) for path in sample_dir.iterdir()}
    assert after == before


def test_an_edited_file_is_read_again(sample_dir):
    assert _load(sample_dir).errors == ()
    _break_zones(sample_dir, "not json")
    assert len(_load(sample_dir).errors) == len(ZONE_IDS)


def test_zone_areas_are_finite(sample_dir):
    frame = _load(sample_dir).layers["idlib"].frame
    assert math.isfinite(frame.geometry.iloc[0].area)
