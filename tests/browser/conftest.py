"""A real Streamlit server and a real Chromium, driven by Playwright.

Chromium is the system one (Debian's ``chromium``, which ``make test`` installs when missing) or
``$ZONES_CHROMIUM``; Playwright's own browser download is never used. Every request that is not
for this machine is recorded and refused, so a test can prove the page works offline.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlparse

import pytest

from bench.server import LOCAL_HOSTS, REPO, start_streamlit
from zones.export.chromium import CHROMIUM_ARGS, BrowserError
from zones.export.chromium import chromium_path as find_chromium

ARTIFACTS = REPO / "artifacts"

pytestmark = pytest.mark.browser


def chromium_path() -> str:
    """The project's Chromium (see :func:`zones.export.chromium.chromium_path`); a clear failure if none."""
    try:
        return find_chromium()
    except BrowserError as error:
        pytest.fail(f"{error} `make test` installs Debian's chromium when it is missing.")


@pytest.fixture(scope="session")
def server_url():
    process, url = start_streamlit()
    yield url
    process.terminate()
    process.wait(timeout=10)


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=chromium_path(), args=list(CHROMIUM_ARGS))
        yield instance
        instance.close()


class OfflinePage:
    """A page whose requests to other hosts are refused and remembered."""

    def __init__(self, page):
        self.page = page
        self.foreign_requests: list[str] = []
        page.route("**/*", self._route)

    def _route(self, route):
        url = route.request.url
        host = urlparse(url).hostname or ""
        if url.startswith(("data:", "blob:", "about:")) or host in LOCAL_HOSTS:
            route.continue_()
        else:
            self.foreign_requests.append(url)
            route.abort()


@pytest.fixture
def offline_page(browser):
    context = browser.new_context(viewport={"width": 1400, "height": 950})
    page = context.new_page()
    yield OfflinePage(page)
    context.close()


def map_frame(page, timeout: float = 45_000):
    """The frame that holds the Leaflet map, once its layers and first vector path are drawn.

    The map carrier renders into the page itself (no iframe), so this is the page's main frame;
    the carrier marks its element ``data-drawn`` once the layers are on the map.
    """
    page.wait_for_selector(".zones-map[data-drawn]", state="attached", timeout=timeout)
    page.wait_for_selector(".zones-map svg path", state="attached", timeout=timeout)
    return page.main_frame


def save_screenshot(page, name: str) -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / name
    page.screenshot(path=str(path), full_page=True)
    return path
