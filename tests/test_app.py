"""The page, run headless by Streamlit's AppTest: what it sends to the browser."""

import datetime as dt
import json
import re

import pytest
from streamlit.testing.v1 import AppTest

from tests.conftest import APP, drawn_layers, layer_text, map_args, run_page
from zones.data.catalogue import load_catalogue


def test_page_runs_and_draws_every_default_layer(monkeypatch, sample_dir):
    page = run_page(monkeypatch, sample_dir)
    assert drawn_layers(page) == set(load_catalogue(sample_dir).default_visible)
    assert not page.error


def test_no_asset_url_leaves_the_server(monkeypatch, sample_dir):
    args = map_args(run_page(monkeypatch, sample_dir))
    base = args["base"]
    assert base["js"] and base["css"] and base["extras_js"]
    for url in base["js"] + base["css"] + base["extras_js"] + base["extras_css"] + [args["module"]]:
        assert url.startswith("/app/static/"), url
    for script in (base["core"], base["extras"], base["legend"]):  # a URL in a comment is no request
        assert not re.search(r"[\"'(]https?://", script)


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
    messages = " ".join(error.value for error in page.error).replace("\\", "")
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
    assert any("unclosed ring" in warning.value.replace("\\", "") for warning in page.warning)
    assert "idlib" in drawn_layers(page)


def test_shipped_data_draws_with_no_error(monkeypatch):
    monkeypatch.delenv("ZONES_DATA_DIR", raising=False)
    page = run_page(monkeypatch)
    assert not page.error, [error.value for error in page.error]
    assert drawn_layers(page) == set(load_catalogue().default_visible)


def test_a_share_link_sets_view_layers_date_and_language(monkeypatch, sample_dir):
    monkeypatch.setenv("ZONES_DATA_DIR", str(sample_dir))
    page = AppTest.from_file(APP, default_timeout=60)
    page.query_params.update(lat="33.55", lon="36.4", zoom="11", layers="eastern_ghouta,military_police",
                             date="2017-07-25", lang="fr")
    page.run()
    assert not page.exception
    args = map_args(page)
    assert args["target"] == {"lat": 33.55, "lon": 36.4, "zoom": 11}
    assert drawn_layers(page) == {"eastern_ghouta", "military_police"}
    assert page.slider(key="as_of").value.isoformat() == "2017-07-25"
    assert "FR zone-eastern-ghouta" in layer_text(args)
    assert dict(page.query_params) == {"lat": "33.55", "lon": "36.4", "zoom": "11",
                                       "layers": "eastern_ghouta,military_police",
                                       "date": "2017-07-25", "lang": "fr"}
    assert not page.info


def test_a_malformed_link_falls_back_with_a_notice(monkeypatch, sample_dir):
    monkeypatch.setenv("ZONES_DATA_DIR", str(sample_dir))
    page = AppTest.from_file(APP, default_timeout=60)
    page.query_params.update(zoom="<script>", date="yesterday", layers="idlib,atlantis", bogus="1")
    page.run()
    assert not page.exception
    notice = " ".join(info.value for info in page.info)
    assert "zoom" in notice and "date" in notice and "atlantis" in notice
    assert "\\<script\\>" in notice  # shown as text, not markup
    assert drawn_layers(page) == {"idlib"}


def test_changing_the_view_writes_the_link(monkeypatch, sample_dir):
    page = run_page(monkeypatch, sample_dir)
    page.checkbox(key="layer_events").uncheck().run()
    page.selectbox(key="lang").select("ar").run()
    assert "events" not in page.query_params["layers"]
    assert page.query_params["lang"] == "ar"
    assert 'dir=\\"rtl\\"' in layer_text(map_args(page))


@pytest.mark.parametrize(("day", "shown"), [("2017-07-20", False), ("2017-07-24", True)])
def test_the_date_control_shows_what_applied_that_day(monkeypatch, sample_dir, day, shown):
    import datetime as dt

    page = run_page(monkeypatch, sample_dir)
    page.slider(key="as_of").set_value(dt.date.fromisoformat(day)).run()
    assert ("military_police" in drawn_layers(page)) is shown  # sample line: from 2017-07-24
    assert "idlib" in drawn_layers(page)


def test_the_founding_report_day_is_one_click_away(monkeypatch, sample_dir):
    page = run_page(monkeypatch, sample_dir)
    page.button(key="founding_button").click().run()
    assert page.slider(key="as_of").value.isoformat() == "2017-07-06"


def test_place_search_says_which_zone_holds_the_town(monkeypatch, sample_dir):
    page = run_page(monkeypatch, sample_dir)
    page.text_input[0].input("Douma").run()
    text = " ".join(markdown.value for markdown in page.markdown)
    assert "Eastern Ghouta" in text and "km from its edge" in text


def test_typed_coordinates_say_which_zone_holds_the_point(monkeypatch, sample_dir):
    page = run_page(monkeypatch, sample_dir)
    page.text_input[1].input("33.57, 36.40").run()
    text = " ".join(markdown.value for markdown in page.markdown).replace("\\", "")
    assert "Eastern Ghouta" in text
    page.text_input[1].input("north of here").run()
    assert any("latitude then longitude" in caption.value for caption in page.caption)
    page.text_input[1].input("33°34'18\"N 36°24'10\"E").run()
    assert "Eastern Ghouta" in " ".join(markdown.value for markdown in page.markdown).replace("\\", "")
    assert not page.warning


def test_swapped_or_distant_coordinates_are_flagged(monkeypatch, sample_dir):
    page = run_page(monkeypatch, sample_dir)
    page.text_input[1].input("36.40, 33.57").run()
    assert len(page.warning) == 1 and "exchanged (33.57, 36.40)" in page.warning[0].value
    page.text_input[1].input("0, 0").run()
    assert len(page.warning) == 1 and "outside Syria" in page.warning[0].value


def test_the_areas_table_is_under_the_map_with_named_zones_and_sensible_decimals(monkeypatch, sample_dir):
    page = run_page(monkeypatch, sample_dir)
    assert "Areas and lengths" in [expander.label for expander in page.main.expander]
    assert "Areas and lengths" not in [expander.label for expander in page.sidebar.expander]
    table = page.main.dataframe[0].value
    assert list(table.columns) == ["Zone or line", "In force", "Area (km²)", "Length (km)",
                                   "Marked places inside (July 2017)"]
    assert "Zone Eastern Ghouta" in set(table["Zone or line"])
    assert any("approximate area (July 2017)" in name for name in table["Zone or line"])
    areas = [value for value in table["Area (km²)"] if value]
    assert areas and all("." not in value for value in areas)  # whole km²
    lengths = [value for value in table["Length (km)"] if value]
    assert lengths and all(len(value.split(".")[1]) == 1 for value in lengths)


def test_the_town_record_says_it_is_of_july_on_another_day(monkeypatch):
    page = run_page(monkeypatch)
    assert not any("mid-July 2017" in caption.value for caption in page.caption)  # 4 August: inside
    page.slider(key="as_of").set_value(dt.date(2017, 10, 1)).run()
    assert any("not 1 October 2017" in caption.value for caption in page.caption)
