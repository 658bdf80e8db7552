"""What only a browser shows: features drawn, toggles, pan and zoom, and no request leaving."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import map_frame, save_screenshot
from zones.data.catalogue import load_catalogue

pytestmark = pytest.mark.browser


def _paths(frame, layer_id: str):
    return frame.locator(f".zones-map-canvas > .leaflet-map-pane path.zones-layer-{layer_id}")


def _view(frame) -> dict:
    return frame.evaluate("() => ({zoom: window.zonesMap.getZoom(), lat: window.zonesMap.getCenter().lat, "
                          "lng: window.zonesMap.getCenter().lng})")


def _settled(page, frame) -> None:
    """Wait until the rerun that a map interaction triggers has finished, as a user would."""
    page.wait_for_function("() => !document.querySelector('[data-testid=\"stStatusWidget\"]')")
    frame.wait_for_function("() => !window.zonesMap._animatingZoom && !window.zonesMap._panAnim?._inProgress")


def _sidebar_checkbox(page, title: str):
    return page.locator('[data-testid="stSidebar"] [data-testid="stCheckbox"]').get_by_text(title, exact=True)


def _sidebar_input(page, title: str):
    return page.locator('[data-testid="stSidebar"] [data-testid="stCheckbox"]').filter(
        has_text=title).locator("input")


def _legend_toggle(frame, layer_id: str):
    return frame.locator(f'.zones-legend input.zones-legend-toggle[data-layer-toggle="{layer_id}"]')


def _drawn(frame, layer_id: str):
    """A layer's vector paths, or the one canvas a large point layer is drawn on."""
    return frame.locator(f".zones-map-canvas > .leaflet-map-pane path.zones-layer-{layer_id}, "
                         f".zones-map-canvas > .leaflet-map-pane canvas.zones-layer-{layer_id}")


def test_every_default_layer_is_drawn_and_nothing_leaves_localhost(server_url, offline_page):
    page = offline_page.page
    page.goto(server_url)
    frame = map_frame(page)
    for layer_id in load_catalogue().default_visible:
        expect(_drawn(frame, layer_id).first).to_be_attached(timeout=20_000)
    expect(frame.locator(".zones-legend")).to_be_visible()
    expect(frame.locator(".leaflet-control-scale")).to_be_visible()
    save_screenshot(page, "dashboard.png")
    assert offline_page.foreign_requests == []


def test_switching_a_layer_off_and_on_in_the_sidebar(server_url, offline_page):
    page = offline_page.page
    page.goto(server_url)
    frame = map_frame(page)
    spec = load_catalogue().get("eastern_ghouta")
    expect(_paths(frame, spec.id).first).to_be_attached()
    others_before = _paths(frame, "idlib").count()
    _sidebar_checkbox(page, spec.title).click()
    expect(_paths(frame, spec.id)).to_have_count(0, timeout=20_000)
    expect(_legend_toggle(frame, spec.id)).not_to_be_checked()
    assert _paths(frame, "idlib").count() == others_before
    _sidebar_checkbox(page, spec.title).click()
    expect(_paths(frame, spec.id).first).to_be_attached(timeout=20_000)
    expect(_legend_toggle(frame, spec.id)).to_be_checked()
    assert offline_page.foreign_requests == []


def test_the_legend_switches_a_layer_at_once_and_the_sidebar_and_link_follow(server_url, offline_page):
    page = offline_page.page
    page.goto(server_url)
    frame = map_frame(page)
    spec = load_catalogue().get("eastern_ghouta")
    expect(_paths(frame, spec.id).first).to_be_attached()
    others_before = _paths(frame, "idlib").count()
    # the layer leaves the map in the click's own task, before any rerun could answer
    removed = frame.evaluate(f"""() => {{
        document.querySelector('.zones-legend-toggle[data-layer-toggle="{spec.id}"]').click();
        return document.querySelectorAll(
            ".zones-map-canvas > .leaflet-map-pane path.zones-layer-{spec.id}").length;
    }}""")
    assert removed == 0
    assert _paths(frame, "idlib").count() == others_before
    expect(_sidebar_input(page, spec.title)).not_to_be_checked(timeout=20_000)
    page.wait_for_function(f"() => !decodeURIComponent(location.search).includes('{spec.id}')")
    _legend_toggle(frame, spec.id).click()
    expect(_paths(frame, spec.id).first).to_be_attached()
    expect(_sidebar_input(page, spec.title)).to_be_checked(timeout=20_000)
    page.wait_for_function(f"() => decodeURIComponent(location.search).includes('{spec.id}')")
    assert offline_page.foreign_requests == []


def test_zoom_drag_and_keyboard_change_the_view_and_a_toggle_keeps_it(server_url, offline_page):
    page = offline_page.page
    page.goto(server_url)
    frame = map_frame(page)
    start = _view(frame)
    frame.locator(".leaflet-control-zoom-in").click()
    frame.wait_for_function(f"() => window.zonesMap.getZoom() === {start['zoom'] + 1}")
    _settled(page, frame)
    box = page.locator(".zones-map-canvas").bounding_box()
    centre_x, centre_y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    page.mouse.move(centre_x, centre_y)
    page.mouse.down()
    page.mouse.move(centre_x - 150, centre_y - 80, steps=8)
    page.mouse.up()
    frame.wait_for_function(f"() => window.zonesMap.getCenter().lng > {start['lng']} + 0.1")
    _settled(page, frame)
    frame.locator(".zones-map-canvas").focus()
    page.keyboard.press("Minus")
    frame.wait_for_function(f"() => window.zonesMap.getZoom() === {start['zoom']}")
    _settled(page, frame)
    moved = _view(frame)
    # the share link follows the view the browser reports, without moving the map back
    page.wait_for_function(f"() => location.search.includes('zoom={moved['zoom']}') && "
                           f"location.search.includes('lon={round(moved['lng'], 4)}')")
    assert _view(frame) == moved
    _sidebar_checkbox(page, load_catalogue().get("south").title).click()
    expect(_paths(frame, "south")).to_have_count(0, timeout=20_000)
    after = _view(frame)
    assert after["zoom"] == moved["zoom"]
    assert after["lat"] == pytest.approx(moved["lat"], abs=0.01)
    assert after["lng"] == pytest.approx(moved["lng"], abs=0.01)


def test_a_share_link_opens_that_view(server_url, offline_page):
    page = offline_page.page
    page.goto(f"{server_url}/?lat=33.55&lon=36.4&zoom=11&layers=eastern_ghouta,military_police"
              "&date=2017-07-25")
    frame = map_frame(page)
    expect(_paths(frame, "eastern_ghouta").first).to_be_attached(timeout=20_000)
    expect(_paths(frame, "military_police").first).to_be_attached(timeout=20_000)
    frame.wait_for_function("() => window.zonesMap.getZoom() === 11")
    view = _view(frame)
    assert view["lat"] == pytest.approx(33.55, abs=0.01)
    assert view["lng"] == pytest.approx(36.4, abs=0.01)
    assert _paths(frame, "idlib").count() == 0
    assert _paths(frame, "countries").count() == 0
    # the demarcation lines are drawn as lines: Leaflet would fill the area a closed line encloses
    assert frame.locator("path.zones-layer-military_police[fill='none']").count() >= 1
    # the rest of the page, the link included, follows the map's first picture
    page.wait_for_function("() => location.search.includes('date=2017-07-25')")
    assert offline_page.foreign_requests == []


def test_the_town_record_draws_thousands_of_marks_and_toggles(server_url, offline_page):
    page = offline_page.page
    page.goto(server_url)
    frame = map_frame(page)
    expect(_drawn(frame, "control").first).to_be_attached(timeout=30_000)
    marks = frame.evaluate("() => { let n = 0; window.zonesMap.eachLayer((layer) => {"
                           " if (layer._features) n += layer._features.length; }); return n; }")
    assert marks > 5_000
    _legend_toggle(frame, "control").click()
    expect(_drawn(frame, "control")).to_have_count(0)
    _legend_toggle(frame, "control").click()
    expect(_drawn(frame, "control").first).to_be_attached()
    # at zone scale the towns are named, from the record and the gazetteer
    frame.evaluate("() => window.zonesMap.setView([35.05, 36.75], 11, {animate: false})")
    expect(frame.locator(".zones-place-label").first).to_be_attached(timeout=10_000)
    assert frame.locator(".zones-place-label").count() > 10


def test_the_view_survives_a_language_switch(server_url, offline_page):
    page = offline_page.page
    page.goto(server_url)
    frame = map_frame(page)
    frame.evaluate("() => window.zonesMap.setView([35.44, 36.65], 12, {animate: false})")
    _settled(page, frame)
    page.wait_for_function("() => location.search.includes('zoom=12')")
    page.locator('[data-testid="stSidebar"] [data-testid="stSelectbox"]').first.click()
    page.get_by_role("option", name="العربية").click()
    expect(page.locator('[data-testid="stSidebar"]')).to_contain_text("اللغة", timeout=20_000)
    _settled(page, frame)
    after = _view(frame)
    assert after["zoom"] == 12
    assert after["lat"] == pytest.approx(35.44, abs=0.01) and after["lng"] == pytest.approx(36.65, abs=0.01)
    assert "zoom=12" in page.evaluate("() => location.search")


def test_the_legend_folds_away(server_url, offline_page):
    page = offline_page.page
    page.goto(server_url)
    frame = map_frame(page)
    body = frame.locator(".zones-legend .zones-legend-body")
    expect(body).to_be_visible()
    frame.locator(".zones-legend button.zones-legend-fold").click()
    expect(body).to_be_hidden()
    frame.locator(".zones-legend button.zones-legend-fold").click()
    expect(body).to_be_visible()


def test_the_legend_lists_what_is_in_view_and_one_button_brings_back_the_rest(server_url, offline_page):
    page = offline_page.page
    page.goto(f"{server_url}/?lat=33.56&lon=36.40&zoom=11&layers=eastern_ghouta,idlib&date=2017-07-25")
    frame = map_frame(page)
    ghouta = frame.locator('.zones-legend [data-layer="eastern_ghouta"]')
    idlib = frame.locator('.zones-legend [data-layer="idlib"]')
    away = frame.locator(".zones-legend button.zones-legend-away")
    expect(ghouta).to_be_visible()
    expect(idlib).to_be_hidden()  # switched on, but nothing of it in this view
    expect(away).to_be_visible()
    away.click()
    expect(idlib).to_be_visible()
    away.click()
    frame.evaluate("() => window.zonesMap.setView([35.9, 36.6], 9, {animate: false})")  # over Idlib
    expect(idlib).to_be_visible()


def test_a_click_on_the_map_answers_under_it_and_the_answer_stays(server_url, offline_page):
    page = offline_page.page
    page.goto(f"{server_url}/?lat=33.56&lon=36.40&zoom=11&layers=eastern_ghouta&date=2017-07-25")
    frame = map_frame(page)
    _settled(page, frame)
    box = frame.locator(".zones-map-canvas").bounding_box()
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)  # inside the zone
    answer = page.locator('[data-testid="stAlertContentInfo"]').filter(has_text="Eastern Ghouta")
    expect(answer).to_contain_text("inside", timeout=20_000)
    expect(answer).to_contain_text("from its edge")
    # The popup's pan and the date's change rerun the page; the answer stays, for the new day.
    _settled(page, frame)
    expect(answer).to_contain_text("25 July 2017")
    frame.evaluate("() => window.zonesMap.closePopup()")
    page.mouse.click(box["x"] + 60, box["y"] + box["height"] / 2)  # west of the zone, outside it
    expect(page.locator('[data-testid="stAlertContentInfo"]')).to_contain_text("outside", timeout=20_000)


def test_play_steps_the_date_and_pause_keeps_it(server_url, offline_page):
    page = offline_page.page
    page.goto(f"{server_url}/?date=2017-07-01")
    map_frame(page)
    page.get_by_role("button", name="▶ Play the months").click()
    page.wait_for_function("() => location.search.includes('date=2017-07-15')", timeout=30_000)
    reached = page.evaluate("() => new URLSearchParams(location.search).get('date')")
    page.get_by_role("button", name="⏸ Pause").click()
    # paused once the button offers to play again and the run it caused has finished
    expect(page.get_by_role("button", name="▶ Play the months")).to_be_visible(timeout=20_000)
    _settled(page, map_frame(page))
    stopped = page.evaluate("() => new URLSearchParams(location.search).get('date')")
    assert stopped >= reached  # pausing never takes the date back
    page.wait_for_function("() => !document.querySelector('[data-testid=\"stStatusWidget\"]')")
    assert page.evaluate("() => new URLSearchParams(location.search).get('date')") == stopped


def test_figures_default_to_the_ground_on_screen(server_url, offline_page):
    page = offline_page.page
    page.goto(server_url)
    frame = map_frame(page)
    _settled(page, frame)
    size = frame.evaluate("() => [window.zonesMap.getSize().x, window.zonesMap.getSize().y]")
    page.locator('[data-testid="stSidebar"] [data-testid="stExpander"]').filter(has_text="Export").click()
    chosen = page.locator('[data-testid="stSidebar"] [data-testid="stSelectbox"]').filter(has_text="Size")
    expect(chosen.get_by_role("combobox")).to_have_value(f"As on screen ({size[0]} × {size[1]})",
                                                         timeout=20_000)
