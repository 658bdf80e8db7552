"""A short run of the load benchmark (bench/load.py), so that it keeps working."""

from __future__ import annotations

import math

import pytest

from bench.load import percentile, report, run_load, slope

pytestmark = pytest.mark.browser


def test_percentile_and_slope():
    assert percentile([3.0, 1.0, 2.0, 4.0], 0.5) == 2.5
    assert percentile([0.1] * 19 + [9.0], 0.95) == pytest.approx(0.1 + 0.05 * 8.9)
    assert math.isnan(percentile([], 0.95))
    assert slope([(0, 100.0), (1, 102.0), (2, 104.0)]) == pytest.approx(2.0)
    assert slope([(1, 100.0)]) == 0.0


def test_a_short_load_run_has_no_error_and_reports_its_figures():
    # long enough for each page to reach its fourth action (an export) on a busy 2-core machine
    figures = run_load(sessions=3, seconds=14, think=1.0)
    assert figures["errors"] == []
    assert figures["sessions_opened"] == 3
    assert figures["actions"]["toggle"] >= 3 and figures["actions"]["date"] >= 3
    assert figures["actions"]["export"] >= 1
    assert 0 < figures["toggle_median_s"] <= figures["toggle_p95_s"] < 20
    rss = figures["rss_mb"]
    assert 20 < rss["start"] <= rss["peak"] and rss["end"] > 0
    assert math.isfinite(figures["rss_per_session_mb"]) and math.isfinite(figures["steady_growth_mb"])
    assert figures["server_cpu_share"] > 0 and 0 < figures["machine_busy"] <= 1
    text = report(figures)
    for phrase in ("toggle to map updated, p95", "server RSS", "errors", "CPU during the load"):
        assert phrase in text


def test_a_short_websocket_load_run_has_no_error_and_reports_its_figures():
    from bench import load_ws

    figures = load_ws.run_load(sessions=3, seconds=5, think=0.5)
    assert figures["errors"] == []
    assert figures["toggles"] >= 3 and figures["date_changes"] >= 3
    assert 0 < figures["toggle_median_s"] <= figures["toggle_p95_s"] < 20
    assert figures["rss_mb"]["connected"] > figures["rss_mb"]["start"] > 20
    assert "toggle response: median" in load_ws.report(figures)
