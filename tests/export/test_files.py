"""Snapshot files: meaningful, safe names and atomic writes."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from zones.core import View
from zones.export.files import export_snapshot, file_name, safe_name, write_atomic
from zones.export.snapshot import ExportError, Snapshot


def test_file_name_says_layers_date_and_view(sample_catalogue, sample_result):
    catalogue = sample_catalogue
    snapshot = Snapshot(layers=("countries", "idlib", "south"), view=View(34.9, 38.3, 7))
    assert file_name(snapshot, "png", catalogue) == \
        "syria-2017-zones_2017-08-04_idlib-south_34.90n-38.30e-z7.png"
    many = Snapshot(layers=catalogue.ids, view=View(-33.5, -70.25, 12), day=dt.date(2017, 8, 1))
    assert file_name(many, "geojson", catalogue) == \
        "syria-2017-zones_2017-08-01_all-layers_33.50s-70.25w-z12.geojson"


@pytest.mark.parametrize("name", ["../../etc/passwd", "/abs/path.png", "..", "A B\\C:*?.PNG", "",
                                  "\u00e9t\u00e9"])
def test_safe_name_cannot_escape_its_folder(name):
    cleaned = safe_name(name)
    assert re.fullmatch(r"[a-z0-9._-]+", cleaned)
    assert not cleaned.startswith(".") and "/" not in cleaned


def test_write_is_atomic_and_a_failure_leaves_nothing(out_dir, monkeypatch):
    target = out_dir / "out.geojson"
    write_atomic(target, b"first")
    assert target.read_bytes() == b"first"

    def refuse(*_args):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("zones.export.files.os.replace", refuse)
    with pytest.raises(ExportError, match="disk space"):
        write_atomic(target, b"second")
    assert target.read_bytes() == b"first"
    assert [path.name for path in out_dir.iterdir()] == ["out.geojson"]


def test_a_failed_export_leaves_no_file(sample_catalogue, sample_result, out_dir, monkeypatch):
    catalogue, result = sample_catalogue, sample_result

    def fail(*_args):
        raise ExportError("Chromium could not draw the PNG; try again.")

    monkeypatch.setattr("zones.export.formats._figure", fail)
    with pytest.raises(ExportError, match="try again"):
        export_snapshot(Snapshot(layers=("idlib",)), "png", catalogue, result, out_dir / "a.png")
    assert list(out_dir.iterdir()) == []


def test_export_into_a_folder_uses_the_meaningful_name(sample_catalogue, sample_result, out_dir):
    catalogue, result = sample_catalogue, sample_result
    snapshot = Snapshot(layers=("idlib",))
    written = export_snapshot(snapshot, "geojson", catalogue, result, out_dir)
    assert written == out_dir / file_name(snapshot, "geojson", catalogue)
    with pytest.raises(ExportError, match="does not exist"):
        export_snapshot(snapshot, "geojson", catalogue, result, out_dir / "nope" / "a.geojson")
