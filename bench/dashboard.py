"""Dashboard speed, ours against the plain approach, measured in one run and printed.

    python -m bench.dashboard          (or: make bench)

Figures: bytes of map data sent to the browser, server time of a rerun after a toggle (Streamlit
AppTest, median), and in Chromium the time from opening the page to the map drawn (warm server)
and from a click on a layer toggle to the map updated. The plain app (bench/plain_app.py) asks
for its Leaflet from CDNs; here those requests are answered from our vendored copies so that it
can draw offline, and tile requests are refused for both.
"""

from __future__ import annotations

import json
import os
import statistics
import time
from pathlib import Path
from urllib.parse import urlparse

from streamlit.testing.v1 import AppTest

from bench.server import start_streamlit
from zones.data.catalogue import load_catalogue
from zones.export.chromium import CHROMIUM_ARGS, chromium_path
from zones.map.assets import STATIC_DIR

REPO = Path(__file__).resolve().parents[1]
APPS = {"ours": "app.py", "plain": "bench/plain_app.py"}
TOGGLE_LAYER = "eastern_ghouta"
REPEATS = 7
TARGETS = {"payload_kb": 400, "rerun_ms": 30, "open_s": 1.0, "toggle_s": 0.3, "toggle_ratio": 3.0}
CDN_FILES = {"leaflet.js": STATIC_DIR / "vendor/leaflet-1.9.3/leaflet.js",
             "leaflet.css": STATIC_DIR / "vendor/leaflet-1.9.3/leaflet.css"}
MAP_FRAME = "iframe[title='streamlit_folium.st_folium']"
PATH_COUNT = (f"() => {{ const f = document.querySelector(\"{MAP_FRAME}\"); "
              "const d = f && f.contentDocument; return d ? d.querySelectorAll('path').length : -1; }")


def map_payload(page: AppTest) -> int:
    maps = [element for element in page.get("component_instance")
            if element.proto.component_name.endswith("st_folium")]
    return len(maps[0].proto.json_args.encode()) if maps else 0


def rerun_ms(page: AppTest) -> float:
    """Median wall time of a rerun after toggling the benchmark layer, in milliseconds."""
    times = []
    for _ in range(REPEATS * 2):
        box = page.checkbox(key=f"layer_{TOGGLE_LAYER}")
        start = time.perf_counter()
        (box.uncheck() if box.value else box.check()).run()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def server_figures(app: str) -> dict:
    page = AppTest.from_file(str(REPO / app), default_timeout=120).run()
    return {"payload_kb": map_payload(page) / 1024, "rerun_ms": rerun_ms(page)}


def _route(route):
    url = route.request.url
    host = urlparse(url).hostname or ""
    if host in ("localhost", "127.0.0.1") or url.startswith(("data:", "blob:")):
        return route.continue_()
    name = Path(urlparse(url).path).name
    if name in CDN_FILES:
        kind = "application/javascript" if name.endswith(".js") else "text/css"
        return route.fulfill(status=200, content_type=kind, body=CDN_FILES[name].read_bytes())
    if name.endswith((".js", ".css")):
        return route.fulfill(status=200, content_type="text/plain", body="")
    return route.abort()


def browser_figures(browser, url: str, toggle_title: str) -> dict:
    context = browser.new_context(viewport={"width": 1400, "height": 950})
    page = context.new_page()
    page.route("**/*", _route)
    # The first visit warms the server and the browser cache and tells how many paths a fully
    # drawn map has; later visits are timed until exactly that many are drawn.
    page.goto(url)
    page.wait_for_function(f"() => ({PATH_COUNT})() > 20", timeout=60_000)
    time.sleep(2.0)
    full = page.evaluate(PATH_COUNT)
    opens = []
    for _ in range(REPEATS):
        start = time.perf_counter()
        page.goto(url)
        page.wait_for_function(f"() => ({PATH_COUNT})() === {full}", polling="raf", timeout=60_000)
        opens.append(time.perf_counter() - start)
    label = page.locator('[data-testid="stSidebar"] [data-testid="stCheckbox"]').get_by_text(
        toggle_title, exact=True)
    label.click()
    page.wait_for_function(f"() => ({PATH_COUNT})() > 0 && ({PATH_COUNT})() < {full}", timeout=60_000)
    time.sleep(1.0)
    without = page.evaluate(PATH_COUNT)
    label.click()
    page.wait_for_function(f"() => ({PATH_COUNT})() === {full}", timeout=60_000)
    time.sleep(1.0)
    toggles = []
    for index in range(REPEATS * 2):
        target = without if index % 2 == 0 else full
        start = time.perf_counter()
        label.click()
        page.wait_for_function(f"() => ({PATH_COUNT})() === {target}", polling="raf", timeout=60_000)
        toggles.append(time.perf_counter() - start)
        time.sleep(0.4)
    context.close()
    return {"open_s": statistics.median(opens), "toggle_s": statistics.median(toggles),
            "paths": full}


def main() -> None:
    from playwright.sync_api import sync_playwright

    os.chdir(REPO)
    title = load_catalogue().get(TOGGLE_LAYER).title
    results = {name: server_figures(app) for name, app in APPS.items()}
    harness_ms = rerun_ms(AppTest.from_file(str(REPO / "bench/empty_app.py")).run())
    args = list(CHROMIUM_ARGS)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path(), args=args)
        for name, app in APPS.items():
            process, url = start_streamlit(app=app)
            try:
                results[name].update(browser_figures(browser, url, title))
            finally:
                process.terminate()
                process.wait(timeout=10)
        browser.close()
    ours, plain = results["ours"], results["plain"]
    ours["toggle_ratio"] = plain["toggle_s"] / ours["toggle_s"]
    print(f"Dashboard benchmark ({REPEATS} repeats, medians; toggled layer: {TOGGLE_LAYER})")
    print(f"{'figure':<34}{'ours':>12}{'plain':>12}{'ratio':>9}  target")
    rows = [("map payload (KB, no Leaflet)", "payload_kb", "<"), ("rerun after toggle (ms)", "rerun_ms", "<"),
            ("page open to map drawn (s)", "open_s", "<"), ("toggle to map updated (s)", "toggle_s", "<")]
    for label, key, _ in rows:
        ratio = plain[key] / ours[key] if ours[key] else float("nan")
        verdict = "ok" if ours[key] < TARGETS[key] else "MISSED"
        print(f"{label:<34}{ours[key]:>12.3f}{plain[key]:>12.3f}{ratio:>8.1f}x  < {TARGETS[key]} {verdict}")
    print(f"{'  of which AppTest harness (ms)':<34}{harness_ms:>12.3f}{harness_ms:>12.3f}"
          "           (a one-checkbox page: the harness's own cost)")
    verdict = "ok" if ours["toggle_ratio"] >= TARGETS["toggle_ratio"] else "MISSED"
    print(f"{'toggle speed-up over plain':<34}{ours['toggle_ratio']:>11.1f}x{'':>21}  >= 3x {verdict}")
    print(json.dumps({"ours": ours, "plain": plain}, indent=None, default=float))


if __name__ == "__main__":
    main()
