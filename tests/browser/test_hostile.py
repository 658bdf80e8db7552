"""Hostile text in a real browser: data, a layer title and a link whose text would run script if
it reached the page as markup. Tooltips, popups, the legend, the sidebar and the link notice
show it as text; no dialog opens and ``window.pwned`` stays undefined in every frame."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import map_frame, start_streamlit
from tests.test_hostile import HOSTILE_JINJA, HOSTILE_TITLE, JINJA, MARKUP, make_hostile

pytestmark = pytest.mark.browser

LINK_PAYLOAD = "<img src=x onerror=window.pwned=1>"

# Opens every feature's tooltip, then its popup, one after the other (Leaflet shows one popup at
# a time) and returns the text each showed.
OPEN_ALL = """() => {
    const shown = [];
    window.zonesMap.eachLayer((layer) => {
        if (layer.getTooltip && layer.getTooltip() && !layer.getTooltip().options.permanent) {
            layer.openTooltip();
            shown.push(layer.getTooltip().getElement().textContent);
            layer.closeTooltip();
        }
        if (layer.getPopup && layer.getPopup()) {
            layer.openPopup();
            shown.push(document.querySelector(".leaflet-popup-content").textContent);
        }
    });
    return shown;
}"""
# Resolves once a request for a missing image has failed: by then the browser has also tried
# (and failed) any image the payloads might have inserted before it.
IMAGE_ROUND_TRIP = """() => new Promise((resolve) => {
    const probe = new Image();
    probe.onload = probe.onerror = () => resolve(true);
    probe.src = "x?probe=" + Date.now();
})"""


@pytest.fixture
def hostile_server(sample_dir):
    folder = make_hostile(sample_dir, text=HOSTILE_JINJA, long_text="long " + "x" * 2000)
    process, url = start_streamlit(data_dir=folder)
    yield url
    process.terminate()
    process.wait(timeout=10)


def _assert_not_pwned(page, dialogs) -> None:
    assert dialogs == []
    for frame in page.frames:
        assert frame.evaluate("() => typeof window.pwned") == "undefined", frame.url


def test_hostile_text_is_shown_as_text_and_never_runs(hostile_server, offline_page):
    page = offline_page.page
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto(f"{hostile_server}/?zoom={LINK_PAYLOAD}")
    frame = map_frame(page)
    for layer_id in ("idlib", "raqqa", "military_police", "events"):
        expect(frame.locator(f"path.zones-layer-{layer_id}").first).to_be_attached(timeout=20_000)

    # the link notice, the sidebar and the legend show the text itself
    expect(page.locator('[data-testid="stAlert"]').filter(has_text="Parts of the link")) \
        .to_contain_text(LINK_PAYLOAD)
    expect(page.locator('[data-testid="stMain"]')).to_contain_text("<script>window.pwned=1</script>")
    expect(frame.locator('.zones-legend [data-layer="idlib"]')).to_contain_text(HOSTILE_TITLE)

    # a real click opens a popup that shows the payloads as text (the map sits partly below the
    # fold here: the click must not scroll the page under the pointer)
    expect(page.locator('[data-testid="stSidebar"]')).to_be_visible()
    frame.locator("path.zones-layer-events").first.click()
    popup = frame.locator(".leaflet-popup-content")
    for payload in MARKUP:
        expect(popup).to_contain_text(payload)

    # every tooltip and popup of every feature
    shown = frame.evaluate(OPEN_ALL)
    assert len(shown) >= 2 * 8
    for text in shown:
        for payload in MARKUP + JINJA + ("${7*7}", "**bold**"):
            assert payload in text, (payload, text[:200])
    assert any(HOSTILE_JINJA.replace("\x00", "") in text.replace("\x00", "").replace("\ufffd", "")
               for text in shown)

    assert frame.evaluate(IMAGE_ROUND_TRIP) is True
    _assert_not_pwned(page, dialogs)
    assert offline_page.foreign_requests == []
