"""The shared headless Chromium."""

from __future__ import annotations

import pytest

from zones.export.chromium import BrowserError, chromium_path


def test_missing_chromium_says_what_to_do(monkeypatch, tmp_path):
    monkeypatch.setenv("ZONES_CHROMIUM", str(tmp_path / "no-such-chromium"))
    with pytest.raises(BrowserError, match="ZONES_CHROMIUM"):
        chromium_path()
