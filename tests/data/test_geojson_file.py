"""Reading one GeoJSON file: within its budget, repaired once per version, never a crash."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import shapely

from tests.conftest import read_sample, sawtooth, write_json
from zones.data import geojson_file
from zones.data.catalogue import Region
from zones.data.errors import LayerError
from zones.data.geojson_file import read_geojson

REGION = Region(bounds=(25.0, 28.0, 50.0, 43.0), max_file_bytes=20 * 1024 * 1024)


def zones_file(folder: Path, coordinates: list | None = None, **properties) -> Path:
    """The sample zones file, Idlib's polygon replaced by ``coordinates`` and its properties
    updated with ``properties``, written in ``folder``."""
    collection = read_sample("deescalation_zones.geojson")
    if coordinates is not None:
        collection["features"][0]["geometry"]["coordinates"] = coordinates
    collection["features"][0]["properties"].update(properties)
    path = folder / "deescalation_zones.geojson"
    path.write_text(json.dumps(collection), encoding="ascii")  # \u escapes, as for a surrogate
    return path


@pytest.fixture
def make_valid_calls(monkeypatch) -> list[dict]:
    """Every call of shapely.make_valid made by the reader, with its keyword arguments."""
    calls, real = [], shapely.make_valid

    def spy(geometry, **options):
        calls.append(options)
        return real(geometry, **options)

    monkeypatch.setattr(geojson_file.shapely, "make_valid", spy)
    return calls


def test_a_self_crossing_polygon_is_repaired_once_per_file_version(tmp_path, make_valid_calls):
    path = zones_file(tmp_path, sawtooth(20_000, crossing=True))
    region = Region(REGION.bounds, REGION.max_file_bytes, directory=tmp_path)
    for _session in range(3):
        frame, repairs = read_geojson(path, region)
        assert frame.geometry.iloc[0].is_valid
        assert "repaired in memory" in repairs[0][1]
    # Once, by rebuilding the rings ("structure"), not the quadratic default.
    assert make_valid_calls == [{"method": "structure", "keep_collapsed": False}]
    zones_file(tmp_path, sawtooth(20_002, crossing=True))  # a new version is read again
    read_geojson(path, region)
    assert len(make_valid_calls) == 2


def test_a_polygon_too_large_to_repair_is_refused_without_trying(tmp_path, make_valid_calls,
                                                                 monkeypatch):
    monkeypatch.setattr(geojson_file, "MAX_REPAIR_VERTICES", 1_000)
    path = zones_file(tmp_path, sawtooth(2_000, crossing=True))
    with pytest.raises(LayerError, match="2,003 vertices, too many to repair here .at most 1,000.*"
                                         "Fix geometries"):
        read_geojson(path, REGION)
    assert make_valid_calls == []


def test_a_file_over_its_vertex_budget_never_reaches_a_repair(tmp_path, make_valid_calls):
    path = zones_file(tmp_path, sawtooth(5_000, crossing=True))
    with pytest.raises(LayerError, match="5,018 vertices, over the budget of 5,000"):
        read_geojson(path, REGION, max_vertices=5_000)
    assert make_valid_calls == []


def test_a_refused_file_is_parsed_once_per_version(tmp_path, monkeypatch):
    path = zones_file(tmp_path, name_en="bad \ud800 name")
    parses, real = [], json.loads
    monkeypatch.setattr(geojson_file.json, "loads", lambda text: parses.append(1) or real(text))
    for _session in range(3):
        with pytest.raises(LayerError, match="half of a UTF-16 pair"):
            read_geojson(path, REGION)
    assert len(parses) == 1


@pytest.mark.parametrize(("properties", "problem"), [
    ({"deep": [[[[[[[[[[[[[[[[[["x"]]]]]]]]]]]]]]]]]]}, "nested more than 16 levels deep"),
    ({"bad \udfff key": 1}, "half of a UTF-16 pair"),
    ({"sources": [{"publisher": "\ud83d"}]}, r"“\\ud83d” escape"),
])
def test_unshowable_properties_are_named(tmp_path, properties, problem):
    with pytest.raises(LayerError, match=problem) as caught:
        read_geojson(zones_file(tmp_path, **properties), REGION)
    assert "feature 0 (zone-idlib)" in caught.value.problem
    caught.value.message.encode("utf-8")  # the message itself can be shown


def test_properties_that_are_not_an_object_are_named(tmp_path):
    collection = read_sample("deescalation_zones.geojson")
    collection["features"][1]["properties"] = ["a", "list"]
    with pytest.raises(LayerError, match="feature 1's “properties” is not an object"):
        read_geojson(write_json(tmp_path / "z.geojson", collection), REGION)


@pytest.mark.parametrize(("coordinates", "problem"), [
    ([[36.5, 35.9]], "not nested as the type requires"),
    ([[[[36.5, 35.9]]]], "nested too deeply"),
    ([[[36.5, "35.9"], [36.6, 35.9], [36.6, 36.0], [36.5, 35.9]]], "not finite numbers"),
])
def test_malformed_coordinates_are_named(tmp_path, coordinates, problem):
    with pytest.raises(LayerError, match=problem):
        read_geojson(zones_file(tmp_path, coordinates), REGION)


def test_a_surrogate_in_the_name_used_for_the_label_is_replaced(tmp_path):
    with pytest.raises(LayerError) as caught:
        read_geojson(zones_file(tmp_path, id="zone-\ud800"), REGION)
    assert "feature 0 (zone-\ufffd)" in caught.value.problem
