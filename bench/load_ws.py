"""Many readers at once, as the server sees them: protocol-level Streamlit clients.

    python -m bench.load_ws [--sessions 20] [--seconds 60] [--think 3.0]

Each reader opens a websocket session exactly as the page does (Streamlit's own protobuf
messages) and, as the map carrier in a browser does, reports the layer versions it holds, so that
a rerun sends it only what it lacks; then, for a bounded time, it toggles a layer, changes the
as-of date and goes back, pausing ``--think`` seconds between actions. A toggle is timed from
the rerun request to the end of the script run that carries the new map. With no browser
drawing the page, the figures are the server's own: ``bench.load`` drives real Chromium pages,
whose renderers compete with the server for this machine's two cores.

Reports errors (exceptions shown by the page, dropped connections, timeouts), the median and
95th-percentile toggle response, and the server's resident memory at start, with every reader
connected, and at the end. Traffic goes to localhost only.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import json
import random
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import websockets
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

from bench.load import percentile, resident_mb
from bench.server import start_streamlit

TOGGLED_WORDS = ("ghouta", "southern", "idlib")  # in the sidebar labels of the toggled layers
DATES = (dt.date(2017, 7, 6), dt.date(2017, 8, 4))
RESPONSE_TIMEOUT_S = 30.0
TARGET_P95_S = 0.5


@dataclass
class Reader:
    """One websocket session and the widget values it has sent."""

    number: int
    ws: object = None
    widgets: dict[str, tuple[str, object]] = field(default_factory=dict)  # label → (id, value)
    ids: dict[str, str] = field(default_factory=dict)  # widget id → proto kind
    # The map's component id and the layer versions the reader holds: like a browser, it reports
    # them back, so that the server sends each layer's data once, not with every run.
    map_id: str = ""
    have: set[str] = field(default_factory=set)


@dataclass
class Tally:
    toggles: list[float] = field(default_factory=list)
    dates: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


def _rerun_message(reader: Reader) -> bytes:
    message = BackMsg()
    message.rerun_script.query_string = ""
    message.rerun_script.page_script_hash = ""
    for widget_id, value in (entry for entry in reader.widgets.values()):
        state = message.rerun_script.widget_states.widgets.add()
        state.id = widget_id
        if isinstance(value, bool):
            state.bool_value = value
        elif isinstance(value, list):
            state.double_array_value.data.extend(value)
    if reader.map_id and reader.have:
        state = message.rerun_script.widget_states.widgets.add()
        state.id = reader.map_id
        state.json_value = json.dumps({"have": sorted(reader.have)})
    return message.SerializeToString()


def _hold(reader: Reader, component_json: str) -> None:
    """Take what the map's data carries, as the browser does: every layer, the labels, the base."""
    data = json.loads(component_json)
    reader.have |= set(data.get("data", {})) | set(data.get("files", {}))
    reader.have.add(data["base"]["version"])


async def _run_script(reader: Reader, payload: bytes | None) -> tuple[float, bool]:
    """Send a rerun (or nothing, for the first run) and read until the script finishes.

    Returns the seconds it took and whether the map was among the elements sent.
    """
    start = time.perf_counter()
    if payload is not None:
        await reader.ws.send(payload)
    saw_map = False
    while True:
        raw = await asyncio.wait_for(reader.ws.recv(), RESPONSE_TIMEOUT_S)
        message = ForwardMsg()
        message.ParseFromString(raw)
        kind = message.WhichOneof("type")
        if kind == "delta" and message.delta.WhichOneof("type") == "new_element":
            element = message.delta.new_element
            element_kind = element.WhichOneof("type")
            if element_kind == "exception":
                raise RuntimeError(f"the page showed an exception: {element.exception.message[:200]}")
            if element_kind == "bidi_component" and element.bidi_component.component_name == "zones_map":
                saw_map = True
                reader.map_id = element.bidi_component.id
                _hold(reader, element.bidi_component.json)
            if element_kind in ("checkbox", "slider"):
                widget = getattr(element, element_kind)
                reader.ids[widget.id] = element_kind
                if widget.label not in reader.widgets:
                    value = widget.value if widget.set_value else widget.default
                    reader.widgets[widget.label] = (widget.id, value if element_kind == "checkbox"
                                                    else list(value))
        if kind == "script_finished":
            return time.perf_counter() - start, saw_map


async def _reader(number: int, url: str, seconds: float, think: float, tally: Tally,
                  connected: asyncio.Event, counter: list[int], total: int) -> None:
    reader = Reader(number)
    rng = random.Random(number)
    try:
        # No User-Agent: like AppTest, a reader that runs no JavaScript gets the whole page at once
        # (a browser first gets the map alone, and the rest when the map says it has drawn).
        async with websockets.connect(url, subprotocols=["streamlit"], max_size=None,
                                      user_agent_header=None) as ws:
            reader.ws = ws
            first = BackMsg()
            first.rerun_script.query_string = ""
            first.rerun_script.page_script_hash = ""
            await ws.send(first.SerializeToString())
            await _run_script(reader, None)
            await _run_script(reader, _rerun_message(reader))  # the report of what it holds
            counter[0] += 1
            if counter[0] == total:
                connected.set()
            await connected.wait()
            deadline = time.monotonic() + seconds  # the clock starts once every reader is in
            toggles = [label for label in reader.widgets
                       if any(word in label.lower() for word in TOGGLED_WORDS)]
            slider = next((label for label, (widget_id, _) in reader.widgets.items()
                           if reader.ids.get(widget_id) == "slider"), None)
            step = 0
            while time.monotonic() < deadline:
                await asyncio.sleep(think * (0.5 + rng.random()))
                if step % 2 == 0 and toggles:
                    label = toggles[(step // 2) % len(toggles)]
                    widget_id, value = reader.widgets[label]
                    reader.widgets[label] = (widget_id, not value)
                    seconds, saw_map = await _run_script(reader, _rerun_message(reader))
                    if not saw_map:
                        tally.errors.append(f"reader {number}: a toggle rerun sent no map")
                    tally.toggles.append(seconds)
                elif slider:
                    widget_id, _ = reader.widgets[slider]
                    day = DATES[(step // 2) % 2]
                    # Streamlit sends a date slider's value as microseconds since the epoch (UTC).
                    micros = dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC).timestamp() * 1e6
                    reader.widgets[slider] = (widget_id, [micros])
                    seconds, _ = await _run_script(reader, _rerun_message(reader))
                    tally.dates.append(seconds)
                step += 1
    except (OSError, RuntimeError, TimeoutError, websockets.WebSocketException) as error:
        tally.errors.append(f"reader {number}: {type(error).__name__}: {str(error)[:200]}")
        connected.set()


def run_load(*, sessions: int = 20, seconds: float = 60.0, think: float = 3.0,
             data_dir: Path | None = None) -> dict:
    """Start a server, run ``sessions`` readers for ``seconds``, and return the figures."""
    process, url = start_streamlit(data_dir=data_dir)
    try:
        rss_start = resident_mb(process.pid)
        tally = Tally()

        async def drive() -> float:
            connected = asyncio.Event()
            counter = [0]
            stream = url.replace("http://", "ws://") + "/_stcore/stream"
            rss_connected = []

            async def note_connected():
                await connected.wait()
                rss_connected.append(resident_mb(process.pid))

            watcher = asyncio.create_task(note_connected())
            readers = [_reader(number, stream, seconds, think, tally, connected, counter, sessions)
                       for number in range(sessions)]
            await asyncio.gather(*readers)
            await watcher
            return rss_connected[0]

        # A thread of its own: the caller may already run an event loop (Playwright's, in tests).
        with ThreadPoolExecutor(max_workers=1) as pool:
            rss_connected = pool.submit(asyncio.run, drive()).result()
        rss_end = resident_mb(process.pid)
    finally:
        process.terminate()
        process.wait(timeout=10)
    return {
        "sessions": sessions, "seconds": seconds, "errors": tally.errors,
        "toggles": len(tally.toggles), "date_changes": len(tally.dates),
        "toggle_median_s": percentile(tally.toggles, 0.5), "toggle_p95_s": percentile(tally.toggles, 0.95),
        "date_p95_s": percentile(tally.dates, 0.95),
        "rss_mb": {"start": rss_start, "connected": rss_connected, "end": rss_end},
    }


def report(figures: dict) -> str:
    rss = figures["rss_mb"]
    verdict = "ok" if figures["toggle_p95_s"] < TARGET_P95_S else "MISSED"
    return "\n".join([
        f"{figures['sessions']} websocket readers for {figures['seconds']:.0f} s: "
        f"{figures['toggles']} toggles, {figures['date_changes']} date changes",
        f"errors: {len(figures['errors'])}" + "".join(f"\n  {error}" for error in figures["errors"][:10]),
        f"toggle response: median {figures['toggle_median_s']:.3f} s, p95 {figures['toggle_p95_s']:.3f} s "
        f"(target < {TARGET_P95_S} s: {verdict}); date change p95 {figures['date_p95_s']:.3f} s",
        f"server RSS: {rss['start']:.0f} MB at start, {rss['connected']:.0f} MB with every reader "
        f"connected, {rss['end']:.0f} MB at the end",
    ])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.load_ws", description=__doc__.split("\n")[0])
    parser.add_argument("--sessions", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--think", type=float, default=3.0, help="mean pause between actions (s)")
    arguments = parser.parse_args(argv)
    figures = run_load(sessions=arguments.sessions, seconds=arguments.seconds, think=arguments.think)
    print(report(figures))
    return 1 if figures["errors"] else 0


if __name__ == "__main__":
    raise SystemExit(main())
