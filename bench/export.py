"""Snapshot speed: a PNG of the default view, with a warm browser and from a cold start.

    python -m bench.export

Figures (shipped data, default layers, 1280 × 800 PNG):
- warm: median of 5 exports in one process, Chromium already running;
- cold, new browser: the first export in this process through a fresh Chromium (data loaded);
- cold, new process: ``python -m zones snapshot --out FILE`` end to end (interpreter, imports,
  data, Chromium, drawing, writing), median of 3;
- folium's ``Map._to_png``, the usual route, when it can run (it needs selenium and Firefox).
"""

from __future__ import annotations

import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from zones.data.catalogue import load_catalogue
from zones.data.layers import load_layers
from zones.export.chromium import SharedBrowser
from zones.export.formats import snapshot_bytes
from zones.export.snapshot import Snapshot
from zones.map.builder import base_map, layer_group

REPO = Path(__file__).resolve().parents[1]
REPEATS = 5
TARGETS = {"warm_s": 0.5, "cold_s": 2.5}


def _timed(function) -> float:
    start = time.perf_counter()
    function()
    return time.perf_counter() - start


def in_process_figures() -> dict[str, float]:
    import zones.export as export_module

    catalogue = load_catalogue()
    result = load_layers(catalogue)
    snapshot = Snapshot(layers=catalogue.default_visible)
    browser = SharedBrowser()
    original = export_module.shared_browser
    export_module.shared_browser = lambda: browser
    try:
        cold = _timed(lambda: snapshot_bytes(snapshot, "png", catalogue, result))
        warm = [_timed(lambda: snapshot_bytes(snapshot, "png", catalogue, result)) for _ in range(REPEATS)]
    finally:
        export_module.shared_browser = original
        browser.close()
    return {"cold_browser_s": cold, "warm_s": statistics.median(warm), "warm_min_s": min(warm)}


def cold_process_seconds(repeats: int = 3) -> float:
    times = []
    with tempfile.TemporaryDirectory() as folder:
        for index in range(repeats):
            out = Path(folder) / f"cold{index}.png"
            times.append(_timed(lambda out=out: subprocess.run(
                [sys.executable, "-m", "zones", "snapshot", "--out", str(out)],
                cwd=REPO, check=True, capture_output=True)))
    return statistics.median(times)


def folium_to_png() -> str:
    """Time folium's own ``Map._to_png`` on the same map, or say why it cannot run here."""
    try:
        import selenium  # noqa: F401
    except ImportError:
        return "could not run: selenium is not installed (folium's _to_png drives Firefox through it)"
    if not shutil.which("firefox") or not shutil.which("geckodriver"):
        return "could not run: _to_png needs Firefox and geckodriver, which are not installed"
    catalogue = load_catalogue()
    result = load_layers(catalogue)

    def draw():
        fmap = base_map(catalogue)
        for layer_id in catalogue.default_visible:
            layer_group(result.layers[layer_id]).add_to(fmap)
        return fmap._to_png(delay=1)

    try:
        seconds = _timed(draw)
    except Exception as error:  # noqa: BLE001 - any failure of the foreign route is reported, not raised
        return f"could not run: {type(error).__name__}: {str(error).splitlines()[0][:120]}"
    return f"{seconds:.2f} s (includes its fixed 1 s delay)"


def main() -> None:
    figures = in_process_figures()
    figures["cold_process_s"] = cold_process_seconds()
    print("PNG export, shipped data, default layers, 1280 x 800")
    warm_verdict = "ok" if figures["warm_s"] < TARGETS["warm_s"] else "MISSED"
    cold_verdict = "ok" if figures["cold_process_s"] < TARGETS["cold_s"] else "MISSED"
    print(f"  warm browser, median of {REPEATS}:   {figures['warm_s']:.3f} s "
          f"(min {figures['warm_min_s']:.3f} s)   target < {TARGETS['warm_s']} s  {warm_verdict}")
    print(f"  cold, new browser (in process): {figures['cold_browser_s']:.3f} s")
    print(f"  cold, new process (CLI):        {figures['cold_process_s']:.3f} s"
          f"   target < {TARGETS['cold_s']} s  {cold_verdict}")
    print(f"  folium Map._to_png:             {folium_to_png()}")


if __name__ == "__main__":
    main()
