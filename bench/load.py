"""Many readers at once: concurrent browser sessions against one local Streamlit server.

    python -m bench.load [--sessions 20] [--seconds 60] [--think 3] [--data-dir DIR]

One shared Chromium opens ``--sessions`` browser contexts (one Streamlit session each, a few
opening at a time) on a fresh server. Then, for ``--seconds``, each toggles a zone in the sidebar,
steps the "As of" slider with the arrow keys or presses the founding-report button, and opens or
closes the Export panel, pausing ``--think`` seconds between actions as a reader would. Host names
other than this machine's do not resolve, so nothing leaves it; every loop is bounded in actions
and in time.

Figures: errors (page errors, exceptions shown in the page, failed requests, actions that timed
out), the median and 95th percentile of the time from a toggle click to the map updated, the
server's resident memory at start, warm, once every session is open and at the end, its growth
per opened session and over the load, and the CPU the server and the whole machine used. The
browsers run on the same cores as the server, so on a small machine they slow it down.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlparse

from bench.server import LOCAL_HOSTS, start_streamlit
from zones.data.catalogue import load_catalogue
from zones.export.chromium import CHROMIUM_ARGS, chromium_path

TOGGLE_LAYERS = ("idlib", "northern_homs", "eastern_ghouta", "south")  # drawn on every date used
MAP_ELEMENT = ".zones-map-canvas"  # the map carrier draws in the page itself (no iframe)
SIDEBAR = '[data-testid="stSidebar"]'
FOUNDING_BUTTON = "6 July 2017: Tillerson’s statement"  # a prefix of the English label
SLIDER = f'{SIDEBAR} [data-testid="stSlider"] input[type="range"]'  # "As of"
THINK_S = 3.0  # default pause of a reader between two actions
OPEN_CONCURRENCY = 4  # sessions opening the page at the same time
VIEWPORT = {"width": 1100, "height": 760}
MAP_MESSAGE_BYTES = 20_000  # a websocket message this large carries the map's new layers
OPEN_TIMEOUT_MS = 90_000
ACTION_TIMEOUT_MS = 20_000
MAX_ACTIONS = 500  # per session, whatever the duration
TARGETS = {"toggle_p95_s": 0.5, "errors": 0, "rss_per_session_mb": 5.0, "steady_growth_mb": 20.0}
# Chromium throttles pages it thinks are in the background; every session here is a reader.
# No host name but this machine's resolves, so nothing can leave it (cheaper than intercepting
# every request of twenty pages); a request that tries fails and is counted as an error.
LOAD_ARGS = ["--disable-background-timer-throttling", "--disable-renderer-backgrounding",
             "--disable-backgrounding-occluded-windows",
             "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1"]


def resident_mb(pid: int) -> float:
    """Resident memory of process ``pid`` in MB (VmRSS from /proc; psutil is not needed)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError(f"no VmRSS for process {pid}")


def cpu_seconds(pid: int) -> float:
    """User plus system CPU time of process ``pid`` so far, in seconds."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def machine_busy() -> tuple[int, int]:
    """(busy, total) CPU ticks of the whole machine so far."""
    ticks = [int(value) for value in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    return sum(ticks) - ticks[3] - ticks[4], sum(ticks)


def percentile(values: list[float], fraction: float) -> float:
    """The ``fraction`` quantile (0–1) of ``values``, by linear interpolation; NaN when empty."""
    if not values:
        return float("nan")
    ordered = sorted(values)
    position = (len(ordered) - 1) * fraction
    low = int(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


def slope(points: list[tuple[float, float]]) -> float:
    """Least-squares slope of y over x; 0 with fewer than two distinct x."""
    if len({x for x, _ in points}) < 2:
        return 0.0
    mean_x = statistics.fmean(x for x, _ in points)
    mean_y = statistics.fmean(y for _, y in points)
    return (sum((x - mean_x) * (y - mean_y) for x, y in points)
            / sum((x - mean_x) ** 2 for x, _ in points))


@dataclass
class Tally:
    """What every session reports, shared by all of them (one event loop, no locks needed)."""

    errors: list[str] = field(default_factory=list)
    opens: list[float] = field(default_factory=list)
    toggles: list[float] = field(default_factory=list)
    # For each toggle, the time until the server's new map data reached the browser (the rest
    # of the toggle time is the browser drawing it).
    toggle_data: list[float] = field(default_factory=list)
    actions: dict[str, int] = field(default_factory=lambda: {"toggle": 0, "date": 0, "export": 0})
    aborted: int = 0
    ramp: list[tuple[float, float]] = field(default_factory=list)  # (sessions open, RSS MB)
    samples: list[tuple[float, int, float]] = field(default_factory=list)  # (s, open, RSS MB)
    server_cpu_s: float = float("nan")  # the server's CPU time during the load phase
    machine_busy: float = float("nan")  # share of the machine's CPU in use during it (0–1)

    def error(self, session: int, text: str) -> None:
        if len(self.errors) < 200:
            self.errors.append(f"session {session}: {text}"[:400])


@dataclass
class Session:
    """One reader: a browser context with the page open on the map."""

    number: int
    context: object
    page: object
    frame: object
    layer: str
    received: list[tuple[float, int]]  # (perf_counter s, bytes) of each websocket message


def _watch(page, number: int, tally: Tally) -> None:
    """Record page errors, failed requests and error responses as errors."""

    def failed(request) -> None:
        failure = request.failure or ""
        if "ERR_ABORTED" in failure:  # a frame replaced while loading: normal
            tally.aborted += 1
        elif (urlparse(request.url).hostname or "") not in LOCAL_HOSTS:
            tally.error(number, f"request leaving the machine (refused): {request.url[:120]}")
        else:
            tally.error(number, f"request failed: {request.url[:120]} ({failure})")

    def responded(response) -> None:
        if response.status >= 400:
            tally.error(number, f"HTTP {response.status} for {response.url[:120]}")

    page.on("pageerror", lambda error: tally.error(number, f"page error: {error}"))
    page.on("requestfailed", failed)
    page.on("response", responded)


async def _open(number: int, browser, url: str, tally: Tally, pid: int,
                opening: asyncio.Semaphore) -> Session | None:
    from playwright.async_api import Error as PlaywrightError

    async with opening:
        context = await browser.new_context(viewport=VIEWPORT)
        page = await context.new_page()
        _watch(page, number, tally)
        received: list[tuple[float, int]] = []
        page.on("websocket", lambda socket: socket.on(
            "framereceived", lambda payload: received.append((time.perf_counter(), len(payload)))))
        layer = TOGGLE_LAYERS[number % len(TOGGLE_LAYERS)]
        try:
            start = time.perf_counter()
            await page.goto(url, timeout=OPEN_TIMEOUT_MS)
            await page.wait_for_selector(MAP_ELEMENT, timeout=OPEN_TIMEOUT_MS)
            frame = page.main_frame
            await frame.wait_for_selector(f"path.zones-layer-{layer}", state="attached",
                                          timeout=OPEN_TIMEOUT_MS)
        except PlaywrightError as error:
            tally.error(number, f"did not open: {error.message.splitlines()[0]}")
            await context.close()
            return None
        tally.opens.append(time.perf_counter() - start)
        tally.ramp.append((len(tally.opens), resident_mb(pid)))
        return Session(number, context, page, frame, layer, received)


async def _act(session: Session, deadline: float, tally: Tally, titles: dict[str, str],
               think: float) -> None:
    """Toggle, change the date and open the Export panel until ``deadline`` (monotonic s),
    pausing ``think`` seconds (staggered per session) before each action."""
    from playwright.async_api import Error as PlaywrightError

    page, frame, number = session.page, session.frame, session.number
    sidebar = page.locator(SIDEBAR)
    toggle = sidebar.locator('[data-testid="stCheckbox"]').filter(has_text=titles[session.layer]) \
        .locator('input[type="checkbox"]').first
    slider = page.locator(SLIDER)
    export = sidebar.get_by_text("Export snapshot", exact=True)
    paths = f"path.zones-layer-{session.layer}"
    shown = True
    try:
        await asyncio.sleep(think * (number % 10) / 10)  # readers do not act in step
        for step in range(MAX_ACTIONS):
            await asyncio.sleep(think)
            if time.monotonic() > deadline:
                break
            kind = ("toggle", "date", "toggle", "export")[step % 4]
            if kind == "toggle":
                await toggle.wait_for(state="attached", timeout=ACTION_TIMEOUT_MS)
                # The clock starts at the click itself, not at Playwright's checks before a click
                # (visible, stable over two frames, not covered), which a starved page slows.
                start = time.perf_counter()
                await toggle.dispatch_event("click", timeout=ACTION_TIMEOUT_MS)
                shown = not shown
                await frame.wait_for_function(
                    "([selector, shown]) => (document.querySelectorAll(selector).length > 0) === shown",
                    arg=[paths, shown], polling=20, timeout=ACTION_TIMEOUT_MS)
                tally.toggles.append(time.perf_counter() - start)
                arrivals = [at for at, size in session.received if at > start and size > MAP_MESSAGE_BYTES]
                if arrivals:
                    tally.toggle_data.append(arrivals[0] - start)
                del session.received[:]
            elif kind == "date" and step % 12 == 1:
                await sidebar.get_by_role("button", name=FOUNDING_BUTTON).click(timeout=ACTION_TIMEOUT_MS)
            elif kind == "date":
                before = await slider.get_attribute("aria-valuetext", timeout=ACTION_TIMEOUT_MS)
                await slider.press("ArrowRight" if step % 8 == 1 else "ArrowLeft", timeout=ACTION_TIMEOUT_MS)
                await page.wait_for_function(
                    "([selector, before]) => document.querySelector(selector)"
                    ".getAttribute('aria-valuetext') !== before",
                    arg=[SLIDER, before], timeout=ACTION_TIMEOUT_MS)
            else:
                await export.click(timeout=ACTION_TIMEOUT_MS)
                if step % 8 == 3:  # opened (it closes on the next visit)
                    await sidebar.get_by_text("Format", exact=True).wait_for(timeout=ACTION_TIMEOUT_MS)
            tally.actions[kind] += 1
            exceptions = page.locator('[data-testid="stException"]')
            if await exceptions.count():
                tally.error(number, f"exception shown: {(await exceptions.first.inner_text())[:300]}")
                break
    except PlaywrightError as error:
        tally.error(number, f"{kind}: {error.message.splitlines()[0]}")


async def _warm_up(browser, url: str) -> None:
    """One visit before the clock starts, so that the layers are loaded and cached once."""
    context = await browser.new_context(viewport=VIEWPORT)
    page = await context.new_page()
    await page.goto(url, timeout=OPEN_TIMEOUT_MS)
    await page.wait_for_selector(MAP_ELEMENT, timeout=OPEN_TIMEOUT_MS)
    frame = page.main_frame
    await frame.wait_for_selector("path.zones-layer-idlib", state="attached", timeout=OPEN_TIMEOUT_MS)
    await context.close()


async def _drive(url: str, pid: int, sessions: int, seconds: float, think: float) -> Tally:
    from playwright.async_api import async_playwright

    titles = {layer_id: load_catalogue().get(layer_id).title for layer_id in TOGGLE_LAYERS}
    tally = Tally()
    args = [*CHROMIUM_ARGS, *LOAD_ARGS]
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=chromium_path(), args=args)
        await _warm_up(browser, url)
        tally.ramp.append((0, resident_mb(pid)))
        started = time.monotonic()
        running = True

        async def sample() -> None:
            while running:
                tally.samples.append((time.monotonic() - started, len(tally.opens), resident_mb(pid)))
                await asyncio.sleep(1.0)

        sampler = asyncio.create_task(sample())
        opening = asyncio.Semaphore(OPEN_CONCURRENCY)
        opened = [session for session in await asyncio.gather(
            *(_open(number, browser, url, tally, pid, opening) for number in range(sessions)))
            if session is not None]
        tally.samples.append((time.monotonic() - started, len(tally.opens), resident_mb(pid)))
        deadline = time.monotonic() + seconds
        server_before, machine_before = cpu_seconds(pid), machine_busy()
        await asyncio.gather(*(_act(session, deadline, tally, titles, think) for session in opened))
        tally.server_cpu_s = cpu_seconds(pid) - server_before
        busy, total = (now - before for now, before in zip(machine_busy(), machine_before, strict=True))
        tally.machine_busy = busy / total if total else float("nan")
        running = False
        await sampler
        tally.samples.append((time.monotonic() - started, len(tally.opens), resident_mb(pid)))
        for session in opened:
            await session.context.close()
        await browser.close()
    return tally


def run_load(*, sessions: int = 20, seconds: float = 60.0, think: float = THINK_S,
             data_dir: Path | None = None) -> dict:
    """Open ``sessions`` concurrent browser sessions on a fresh local server (on ``data_dir``,
    default the shipped data), then let them act for ``seconds``, each pausing ``think`` seconds
    between actions, and return the figures: ``errors`` (list of text), ``toggle_median_s`` and
    ``toggle_p95_s`` (seconds), ``open_median_s``, ``actions`` (counts) and ``actions_per_s``,
    ``rss_mb`` (start, warm, after_open, end, peak; MB), ``rss_per_session_mb`` (growth per
    opened session), ``steady_growth_mb`` (over the load phase), ``server_cpu_share`` (of one
    core) and ``machine_busy`` (0–1) during the load phase, and ``verdicts``.

    Raises ValueError for fewer than one session or a non-positive duration.
    """
    if sessions < 1 or seconds <= 0 or think < 0:
        raise ValueError(f"need at least 1 session, a positive duration and a pause of 0 s or more, "
                         f"not {sessions}, {seconds}, {think}")
    process, url = start_streamlit(data_dir=data_dir)
    try:
        rss_start = resident_mb(process.pid)
        # A thread of its own, so that this also works where an event loop is already running
        # (under pytest beside Playwright's synchronous API).
        with ThreadPoolExecutor(max_workers=1) as pool:
            tally = pool.submit(asyncio.run, _drive(url, process.pid, sessions, seconds, think)).result()
        rss_end = resident_mb(process.pid)
    finally:
        process.terminate()
        process.wait(timeout=15)
    all_open = len(tally.opens) == sessions
    steady = [rss for _, count, rss in tally.samples if count == sessions]
    figures = {
        "sessions": sessions,
        "seconds": seconds,
        "think_s": think,
        "sessions_opened": len(tally.opens),
        "errors": tally.errors,
        "aborted_requests": tally.aborted,
        "actions": tally.actions,
        "actions_per_s": sum(tally.actions.values()) / seconds,
        "server_cpu_share": tally.server_cpu_s / seconds,
        "machine_busy": tally.machine_busy,
        "open_median_s": statistics.median(tally.opens) if tally.opens else float("nan"),
        "open_max_s": max(tally.opens, default=float("nan")),
        "toggles": len(tally.toggles),
        "toggle_median_s": statistics.median(tally.toggles) if tally.toggles else float("nan"),
        "toggle_p95_s": percentile(tally.toggles, 0.95),
        "toggle_data_median_s": statistics.median(tally.toggle_data) if tally.toggle_data else float("nan"),
        "toggle_data_p95_s": percentile(tally.toggle_data, 0.95),
        "rss_mb": {"start": rss_start, "warm": tally.ramp[0][1],
                   "after_open": tally.ramp[-1][1] if all_open else float("nan"), "end": rss_end,
                   "peak": max([rss for _, _, rss in tally.samples] + [rss_end])},
        "rss_per_session_mb": slope(tally.ramp),
        "steady_growth_mb": steady[-1] - steady[0] if len(steady) > 1 else float("nan"),
    }
    figures["verdicts"] = {
        "no_errors": not tally.errors and len(tally.opens) == sessions,
        "toggle_p95": figures["toggle_p95_s"] < TARGETS["toggle_p95_s"],
        "memory_flat_per_session": figures["rss_per_session_mb"] < TARGETS["rss_per_session_mb"]
        and not figures["steady_growth_mb"] > TARGETS["steady_growth_mb"],
    }
    return figures


def report(figures: dict) -> str:
    """The figures as a short table, then as one JSON line."""
    rss = figures["rss_mb"]
    verdicts = {key: "ok" if value else "MISSED" for key, value in figures["verdicts"].items()}
    lines = [
        f"Load: {figures['sessions']} sessions for {figures['seconds']:g} s, {figures['think_s']:g} s "
        f"between a reader's actions ({figures['sessions_opened']} opened; actions "
        f"{figures['actions']}, {figures['actions_per_s']:.1f}/s)",
        f"CPU during the load: server {figures['server_cpu_share']:.0%} of one core, machine "
        f"{figures['machine_busy']:.0%} busy (server and browsers share {os.cpu_count()} cores)",
        f"errors                         {len(figures['errors']):>8}   target 0 "
        f"{verdicts['no_errors']}",
        *(f"  - {error}" for error in figures["errors"][:20]),
        f"page open to map drawn, median {figures['open_median_s']:>8.2f} s   "
        f"(slowest {figures['open_max_s']:.2f} s, {OPEN_CONCURRENCY} opening at a time)",
        f"toggle to map updated, median  {figures['toggle_median_s']:>8.3f} s   "
        f"({figures['toggles']} toggles)",
        f"toggle to map updated, p95     {figures['toggle_p95_s']:>8.3f} s   target < "
        f"{TARGETS['toggle_p95_s']} s {verdicts['toggle_p95']}",
        f"  of which until the new map data arrived from the server: median "
        f"{figures['toggle_data_median_s']:.3f} s, p95 {figures['toggle_data_p95_s']:.3f} s",
        f"server RSS start / warm / all open / end / peak   {rss['start']:.0f} / {rss['warm']:.0f} / "
        f"{rss['after_open']:.0f} / {rss['end']:.0f} / {rss['peak']:.0f} MB",
        f"server RSS per opened session  {figures['rss_per_session_mb']:>8.2f} MB  target < "
        f"{TARGETS['rss_per_session_mb']} MB",
        f"server RSS growth, steady load {figures['steady_growth_mb']:>8.1f} MB  target < "
        f"{TARGETS['steady_growth_mb']} MB {verdicts['memory_flat_per_session']}",
        json.dumps({key: value for key, value in figures.items() if key != "errors"}, default=float),
    ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.load", description=__doc__.split("\n")[0])
    parser.add_argument("--sessions", type=int, default=20, help="concurrent browser sessions (default 20)")
    parser.add_argument("--seconds", type=float, default=60.0, help="how long they run (default 60)")
    parser.add_argument("--think", type=float, default=THINK_S,
                        help=f"seconds a reader pauses between actions (default {THINK_S:g})")
    parser.add_argument("--data-dir", type=Path, help="a data folder (default: the shipped geodata/)")
    arguments = parser.parse_args(argv)
    try:
        figures = run_load(sessions=arguments.sessions, seconds=arguments.seconds,
                           think=arguments.think, data_dir=arguments.data_dir)
    except ValueError as error:
        parser.error(str(error))
    print(report(figures))
    return 0 if all(figures["verdicts"].values()) else 1


if __name__ == "__main__":
    sys.exit(main())
