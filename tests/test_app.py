"""The page, run headless by Streamlit's AppTest: what it sends to the browser."""

import json
import re

import pytest
from streamlit.testing.v1 import AppTest

from zones.catalogue import DEFAULT_DATA_DIR, load_catalogue

APP = str(DEFAULT_DATA_DIR.parent / "app.py")


def run_page(monkeypatch, folder=None) -> AppTest:
    if folder is not None:
        monkeypatch.setenv("ZONES_DATA_DIR", str(folder))
    page = AppTest.from_file(APP, default_timeout=60).run()
    assert not page.exception, page.exception
    return page


def map_args(page: AppTest) -> dict:
    maps = [element for element in page.get("component_instance")
            if element.proto.component_name.endswith("st_folium")]
    assert len(maps) == 1
    return json.loads(maps[0].proto.json_args)


def drawn_layers(page: AppTest) -> set[str]:
    args = map_args(page)
    return set(re.findall(r"zones-layer-([a-z0-9_]+)", args["script"] + (args["feature_group"] or "")))


def test_page_runs_and_draws_every_default_layer(monkeypatch, sample_dir):
    page = run_page(monkeypatch, sample_dir)
    assert drawn_layers(page) == set(load_catalogue(sample_dir).default_visible)
    assert not page.error


def test_no_asset_url_leaves_the_server(monkeypatch, sample_dir):
    args = map_args(run_page(monkeypatch, sample_dir))
    assert args["js_links"] and args["css_links"]
    for url in args["js_links"] + args["css_links"]:
        assert url.startswith("/app/static/"), url
    assert "https://" not in args["header"] and "http://" not in args["header"]


@pytest.mark.parametrize("layer_id", ["idlib", "northern_homs", "eastern_ghouta", "south", "raqqa",
                                      "military_police", "events", "governorates"])
def test_each_toggle_removes_and_restores_exactly_its_layer(monkeypatch, sample_dir, layer_id):
    page = run_page(monkeypatch, sample_dir)
    everything = drawn_layers(page)
    page.checkbox(key=f"layer_{layer_id}").uncheck().run()
    assert drawn_layers(page) == everything - {layer_id}
    page.checkbox(key=f"layer_{layer_id}").check().run()
    assert drawn_layers(page) == everything


def test_a_broken_file_is_named_and_the_other_layers_still_draw(monkeypatch, sample_dir):
    (sample_dir / "military_police.geojson").write_text('{"type": "FeatureCollection", "features": [',
                                                       encoding="utf-8")
    page = run_page(monkeypatch, sample_dir)
    messages = " ".join(error.value for error in page.error)
    assert "military_police.geojson" in messages and "not valid JSON" in messages
    drawn = drawn_layers(page)
    assert "military_police" not in drawn
    assert {"idlib", "south", "raqqa", "events", "countries"} <= drawn
    assert page.checkbox(key="layer_military_police").disabled


def test_a_repaired_file_shows_a_warning(monkeypatch, sample_dir):
    path = sample_dir / "deescalation_zones.geojson"
    data = json.loads(path.read_text(encoding="utf-8"))
    data["features"][0]["geometry"]["coordinates"][0].pop()
    path.write_text(json.dumps(data), encoding="utf-8")
    page = run_page(monkeypatch, sample_dir)
    assert any("unclosed ring" in warning.value for warning in page.warning)
    assert "idlib" in drawn_layers(page)


def test_shipped_data_draws_with_no_error(monkeypatch):
    monkeypatch.delenv("ZONES_DATA_DIR", raising=False)
    page = run_page(monkeypatch)
    assert not page.error, [error.value for error in page.error]
    assert drawn_layers(page) == set(load_catalogue().default_visible)
