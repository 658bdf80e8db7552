"""Dashboard speed, ours against the plain approach, measured in one run and printed.

    python -m bench.dashboard [--rounds 5]         (or: make bench)

Figures (medians of several rounds), for both apps in the same run, in Chromium on this machine:
bytes the browser receives over Streamlit's websocket (page open until settled, and per toggle);
page open to map drawn (warm server) with the default layers and with a 6,000-point layer on;
toggle to map updated (sidebar; and for ours the map's legend); a zoom step until drawn with
6,000 points (and 100,000 points in ours); and the server time of a rerun (Streamlit AppTest).
Timings of toggles and zoom steps are taken inside the page (click or setZoom, then animation
frames until the map shows the change), so Playwright's own overhead is not counted. The plain
app (bench/plain_app.py) asks for Leaflet from CDNs; those requests are answered from our
vendored copies so that it can draw offline, and tile requests are refused for both.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import tempfile
import time
from pathlib import Path

from streamlit.testing.v1 import AppTest

from bench import page_probes as probes
from bench.synthetic import make_data_dir
from tests.browser.conftest import CHROMIUM_ARGS, chromium_path, start_streamlit
from zones.data.catalogue import load_catalogue
from zones.page.map_carrier import module_url

REPO = Path(__file__).resolve().parents[1]
APPS = {"ours": "app.py", "plain": "bench/plain_app.py"}
TOGGLE_LAYER = "eastern_ghouta"
POINTS, MANY_POINTS = 6_000, 100_000
REPEATS = 5
TARGETS = {"open_s": "no slower than plain", "toggle_s": "< 0.1 s and >= 3x plain",
           "zoom6k_s": "< 0.1 s", "zoom100k_s": "< 0.3 s"}


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
    return {"rerun_ms": rerun_ms(page)}


class Received:
    """Bytes the page receives over Streamlit's websocket since the last reset."""

    def __init__(self, page):
        self.count = 0
        page.on("websocket", lambda socket: socket.on("framereceived", self._frame))

    def _frame(self, payload) -> None:
        self.count += len(payload)

    def take(self) -> int:
        count, self.count = self.count, 0
        return count


def settle(page, quiet_s: float = 1.0) -> None:
    """Wait until no script run is in progress for ``quiet_s`` (reruns the map asked for included)."""
    deadline = time.monotonic() + 30
    quiet_since = time.monotonic()
    while time.monotonic() < deadline:
        if page.evaluate(probes.RUNNING):
            quiet_since = time.monotonic()
        elif time.monotonic() - quiet_since >= quiet_s:
            return
        time.sleep(0.1)


def open_figures(page, received: Received, url: str) -> dict:
    """Page open to map drawn, and bytes received until the page has settled."""
    page.goto(url)
    page.wait_for_function(f"() => ({probes.DRAWN})() !== ''", timeout=120_000)
    settle(page, 2.0)
    full = page.evaluate(probes.DRAWN)
    opens, sizes = [], []
    for _ in range(REPEATS):
        received.take()
        start = time.perf_counter()
        page.goto(url)
        page.wait_for_function(f"() => ({probes.DRAWN})() === {json.dumps(full)}", polling="raf",
                               timeout=120_000)
        opens.append(time.perf_counter() - start)
        settle(page)
        sizes.append(received.take())
    return {"open_s": statistics.median(opens), "open_kb": statistics.median(sizes) / 1024}


def steady_paths(page, steady_s: float = 1.5) -> int:
    """The map's path count once it has stopped changing for ``steady_s`` (the plain app's iframe
    is rebuilt after its rerun, and has no paths at all meanwhile)."""
    deadline = time.monotonic() + 60
    last, since = None, time.monotonic()
    while time.monotonic() < deadline:
        count = page.evaluate(probes.PATHS)
        if count != last or count <= 0:
            last, since = count, time.monotonic()
        elif time.monotonic() - since >= steady_s:
            return count
        time.sleep(0.1)
    raise RuntimeError(f"the map's paths did not settle within 60 s (last count {last})")


def toggle_figures(page, received: Received, title: str, how: str) -> dict:
    """Median time from a click on a layer's switch (``sidebar`` or ``legend``) to the map updated.

    One untimed round first tells how many paths the map has with the layer off.
    """
    full = steady_paths(page)
    arguments = {"how": how, "title": title, "layer": TOGGLE_LAYER}
    page.evaluate(probes.TOGGLE, {**arguments, "target": None})
    settle(page)
    without = steady_paths(page)
    page.evaluate(probes.TOGGLE, {**arguments, "target": full})
    settle(page)
    if without == full:
        # The switch changed nothing on the map: timing it would time nothing (the plain app's
        # map ignored toggles after the zoom steps, when those came first, and "won" in 3 ms).
        raise RuntimeError(f"{how} toggle of {TOGGLE_LAYER}: the map's paths did not change ({full})")
    times, sizes = [], []
    for index in range(REPEATS * 2):
        received.take()
        target = without if index % 2 == 0 else full
        times.append(page.evaluate(probes.TOGGLE, {**arguments, "target": target}))
        settle(page, 0.5)
        sizes.append(received.take())
    if any(seconds < 0 for seconds in times):
        print(f"warning: {sum(seconds < 0 for seconds in times)} of {len(times)} {how} toggles did not "
              f"reach the expected picture ({without} or {full} paths) within 30 s: {times}", flush=True)
    return {f"toggle_{how}_s": statistics.median(times),
            f"toggle_{how}_kb": statistics.median(sizes) / 1024}


def zoom_seconds(page, extra_points: int = 0) -> float:
    """Median time of a zoom step until drawn; ``extra_points`` adds that many in the page first."""
    steps = page.evaluate(probes.ZOOM, {"rounds": REPEATS * 2, "points": extra_points,
                                        "module": module_url()})
    return statistics.median(steps)


def browser_figures(browser, app: str, data_dir: Path | None, *, toggles: bool,
                    many_points: bool) -> dict:
    context = browser.new_context(viewport={"width": 1400, "height": 950})
    page = context.new_page()
    page.route("**/*", probes.route)
    received = Received(page)
    process, url = start_streamlit(data_dir=data_dir, app=app)
    try:
        figures = open_figures(page, received, url)
        if toggles:  # before the zoom steps, on the page as opened
            title = load_catalogue(data_dir).get(TOGGLE_LAYER).title
            figures.update(toggle_figures(page, received, title, "sidebar"))
            if app == APPS["ours"]:
                figures.update(toggle_figures(page, received, title, "legend"))
        figures["zoom_s"] = zoom_seconds(page)
        if many_points:
            figures["zoom100k_s"] = zoom_seconds(page, MANY_POINTS)
    finally:
        context.close()
        process.terminate()
        process.wait(timeout=10)
    return figures


def row(label: str, ours, plain, target: str = "") -> str:
    def cell(value):
        return f"{value:>11.3f}" if isinstance(value, float) else f"{value or '-':>11}"

    ratio = f"{plain / ours:>7.1f}x" if isinstance(ours, float) and isinstance(plain, float) and ours \
        else f"{'':>8}"
    return f"{label:<44}{cell(ours)}{cell(plain)}{ratio}  {target}"


def main(argv: list[str] | None = None) -> None:
    global REPEATS
    parser = argparse.ArgumentParser(prog="python -m bench.dashboard", description=__doc__.split("\n")[0])
    parser.add_argument("--rounds", type=int, default=REPEATS,
                        help=f"opens, and pairs of toggles and zoom steps, per figure (default {REPEATS})")
    REPEATS = max(1, parser.parse_args(argv).rounds)
    from playwright.sync_api import sync_playwright

    os.chdir(REPO)
    results = {name: server_figures(app) for name, app in APPS.items()}
    with tempfile.TemporaryDirectory() as scratch, sync_playwright() as playwright:
        points_dir = make_data_dir(Path(scratch) / "points", POINTS)
        browser = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        for name, app in APPS.items():
            results[name].update(browser_figures(browser, app, None, toggles=True, many_points=False))
            points = browser_figures(browser, app, points_dir, toggles=False, many_points=name == "ours")
            results[name].update({"open6k_s": points["open_s"], "open6k_kb": points["open_kb"],
                                  "zoom6k_s": points["zoom_s"], "zoom100k_s": points.get("zoom100k_s")})
        browser.close()
    ours, plain = results["ours"], results["plain"]
    print(f"Dashboard benchmark (medians of {REPEATS} opens, {REPEATS * 2} toggles and zoom steps; "
          f"toggled layer: {TOGGLE_LAYER})")
    print(f"{'figure':<44}{'ours':>11}{'plain':>11}{'ratio':>8}  target")
    print(row("websocket KB, page open (until settled)", ours["open_kb"], plain["open_kb"]))
    print(row("websocket KB, page open with 6,000 points", ours["open6k_kb"], plain["open6k_kb"]))
    print(row("page open to map drawn (s)", ours["open_s"], plain["open_s"], TARGETS["open_s"]))
    print(row("  ... with 6,000 points on (s)", ours["open6k_s"], plain["open6k_s"], TARGETS["open_s"]))
    print(row("sidebar toggle to map updated (s)", ours["toggle_sidebar_s"], plain["toggle_sidebar_s"],
              TARGETS["toggle_s"]))
    print(row("legend toggle to map updated (s)", ours["toggle_legend_s"], None, TARGETS["toggle_s"]))
    print(row("websocket KB per sidebar toggle", ours["toggle_sidebar_kb"], plain["toggle_sidebar_kb"]))
    print(row("zoom step drawn, default layers (s)", ours["zoom_s"], plain["zoom_s"]))
    print(row("zoom step drawn, 6,000 points (s)", ours["zoom6k_s"], plain["zoom6k_s"], TARGETS["zoom6k_s"]))
    print(row("zoom step drawn, 100,000 points (s)", ours["zoom100k_s"], None, TARGETS["zoom100k_s"]))
    print(row("server rerun after a toggle (ms, AppTest)", ours["rerun_ms"], plain["rerun_ms"]))
    print(json.dumps({"ours": ours, "plain": plain}, default=float))


if __name__ == "__main__":
    main()
