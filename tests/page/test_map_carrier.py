"""The carrier's Python side: what it makes of the browser's reports, and the mount in a page."""

import json

from streamlit.testing.v1 import AppTest

from zones.core import View
from zones.map.assets import STATIC_DIR
from zones.page.map_carrier import (
    MODULE_FILE,
    MapReport,
    apply_visible,
    held_versions,
    module_url,
    report_from,
)


def test_the_map_size_on_screen_comes_with_the_view():
    report = report_from({"view": {"lat": 33.5, "lon": 36.4, "zoom": 9, "width": 940, "height": 640}})
    assert report.screen == (940, 640)
    assert report_from({"view": {"lat": 33.5, "lon": 36.4, "zoom": 9}}).screen is None
    for width in ("wide", 0):
        view = {"lat": 33.5, "lon": 36.4, "zoom": 9, "width": width, "height": 640}
        assert report_from({"view": view}).screen is None


def test_no_report_before_the_browser_has_run():
    assert report_from(None) == MapReport()
    assert report_from(None).drawn is False
    assert report_from({"have": []}).drawn is True  # even a map that failed reports, once
    assert held_versions(None) is None
    assert held_versions({"view": None}) is None


def test_the_reported_view_and_click_are_read_and_rounded():
    report = report_from({"view": {"lat": 33.123456, "lon": 36.4, "zoom": 9},
                          "clicked": {"lat": 33.5, "lng": 36.25}})
    assert report.view == View(lat=33.1235, lon=36.4, zoom=9)
    assert report.clicked == (33.5, 36.25)


def test_a_malformed_report_is_ignored():
    report = report_from({"view": {"lat": "north", "lon": 36.4, "zoom": 9},
                          "clicked": {"lat": 33.5}})
    assert report == MapReport()
    assert report_from({"view": [1, 2, 3], "clicked": "here"}) == MapReport()
    assert held_versions({"have": ["abc", 3, None]}) == ["abc"]
    assert held_versions({"have": "abc"}) is None


def test_the_legend_visibility_sets_each_layer_checkbox():
    session = {"layer_idlib": True, "layer_south": True, "layer_events": False}
    apply_visible(session, {"visible": ["idlib", "events"]}, ["idlib", "south", "events"], "layer_{}")
    assert session == {"layer_idlib": True, "layer_south": False, "layer_events": True}


def test_no_visibility_report_leaves_the_checkboxes_alone():
    session = {"layer_idlib": True}
    apply_visible(session, {"view": {"lat": 1}}, ["idlib"], "layer_{}")
    apply_visible(session, None, ["idlib"], "layer_{}")
    assert session == {"layer_idlib": True}


def test_the_module_address_changes_with_the_script():
    url = module_url()
    assert url.startswith(f"/app/static/{MODULE_FILE}?v=")
    assert (STATIC_DIR / MODULE_FILE).is_file()
    assert module_url("/base/app/static").startswith("/base/app/static/")


def _page():
    import streamlit as st

    from zones.core import View
    from zones.data.catalogue import load_catalogue
    from zones.data.layers import load_layers
    from zones.page.map_carrier import show_map

    catalogue = load_catalogue()
    report = show_map(catalogue, load_layers(catalogue), visible=["idlib", "countries"],
                      tiles="offline", lang="en", day=None, target=View(), key="map")
    st.write(repr(report))


def test_the_page_mounts_one_map_and_hears_nothing_without_a_browser():
    page = AppTest.from_function(_page, default_timeout=60).run()
    assert not page.exception, page.exception
    maps = [element for element in page.get("bidi_component")
            if element.proto.component_name == "zones_map"]
    assert len(maps) == 1
    data = json.loads(maps[0].proto.json)
    assert data["visible"] == ["countries", "idlib"]
    assert data["switch_prefix"] == "st-key-layer_"
    assert "MapReport(view=None, clicked=None, drawn=False, failed=(), screen=None)" in page.markdown[0].value
    page.run()  # a rerun without a browser report sends the visible layers again
    again = json.loads(page.get("bidi_component")[0].proto.json)
    assert set(again["data"]) == set(data["data"])


def _clicking_page():
    import streamlit as st

    from zones.page.map_carrier import _remember_click, clicked_key

    if st.button("click"):
        st.session_state["map"] = {"clicked": {"lat": 33.56, "lng": 36.4}}
        _remember_click("map")
    if st.button("trigger spent"):
        st.session_state["map"] = {"clicked": None}
        _remember_click("map")
    st.text(repr(st.session_state.get(clicked_key("map"))))


def test_a_click_is_kept_for_the_runs_after_it_until_the_next_click():
    page = AppTest.from_function(_clicking_page).run()
    assert page.text[0].value == "None"
    page.button[0].click().run()
    assert page.text[0].value == "(33.56, 36.4)"
    page.button[1].click().run()  # a later run whose trigger is spent keeps the answer
    assert page.text[0].value == "(33.56, 36.4)"


def test_the_carrier_and_its_parts_share_one_version():
    from zones.page.map_carrier import MODULE_FILES, module_urls

    urls = module_urls()
    assert [url.split("?")[0].rsplit("/", 1)[1] for url in urls] == list(MODULE_FILES)
    assert len({url.split("?v=")[1] for url in urls}) == 1
    for name in MODULE_FILES:
        assert (STATIC_DIR / name).is_file()


def test_layers_the_browser_could_not_draw_are_reported_and_nothing_else_is_trusted():
    assert report_from({"failed": ["idlib", 7, None]}).failed == ("idlib",)
    assert report_from({"failed": "idlib"}).failed == ()


def test_the_legend_learns_each_zone_s_phase_on_the_day(shipped_result):
    import datetime as dt

    from zones.page.map_carrier import zone_phases

    in_july = zone_phases(shipped_result, dt.date(2017, 7, 1), "en")
    in_october = zone_phases(shipped_result, dt.date(2017, 10, 20), "en")
    assert set(in_july) == {"idlib", "northern_homs", "eastern_ghouta", "south"}
    assert in_july["idlib"] != in_october["idlib"]
    assert zone_phases(shipped_result, dt.date(2017, 5, 3), "en") == {}
