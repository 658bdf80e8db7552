"""Snapshot files: meaningful, safe names and atomic writes."""

from __future__ import annotations

import datetime as dt
import os
import re
import stat
from pathlib import Path

import pytest

from zones.core import View
from zones.data.catalogue import DEFAULT_DATA_DIR, PROJECT_DIR
from zones.export.files import check_target, export_snapshot, file_name, safe_name, write_atomic
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


# ---------------------------------------------------------------- issue 14: only where asked


def test_a_device_is_refused_and_left_alone(tmp_path):
    with pytest.raises(ExportError, match="/dev/null is a character device, not a regular file"):
        check_target(Path("/dev/null"), tmp_path)
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)


def test_a_named_pipe_is_refused_without_opening_it(out_dir):
    os.mkfifo(out_dir / "map.png")
    with pytest.raises(ExportError, match="a named pipe, not a regular file"):
        check_target(out_dir / "map.png", out_dir / "data")
    assert stat.S_ISFIFO(os.lstat(out_dir / "map.png").st_mode)


def test_a_proc_fd_link_to_a_pipe_is_refused():
    reader, writer = os.pipe()
    try:
        with pytest.raises(ExportError, match="a named pipe, not a regular file"):
            check_target(Path(f"/proc/self/fd/{writer}"), Path("/nonexistent-data"))
    finally:
        os.close(reader)
        os.close(writer)


def test_a_link_to_a_regular_file_writes_the_file_and_keeps_the_link(sample_catalogue, sample_result,
                                                                     out_dir):
    real = out_dir / "real.geojson"
    real.write_bytes(b"old")
    (out_dir / "link.geojson").symlink_to(real)
    written = export_snapshot(Snapshot(layers=("idlib",)), "geojson", sample_catalogue, sample_result,
                              out_dir / "link.geojson")
    assert written == out_dir / "link.geojson" and written.is_symlink()
    assert real.read_bytes().startswith(b'{"type":"FeatureCollection"')


def test_a_replaced_file_keeps_its_mode(out_dir):
    target = out_dir / "private.geojson"
    target.write_bytes(b"old")
    target.chmod(0o600)
    write_atomic(target, b"new")
    assert (target.read_bytes(), stat.S_IMODE(target.stat().st_mode)) == (b"new", 0o600)


@pytest.mark.parametrize("name", ["events.geojson", "layers.toml", "new.png", "sub/x.png"])
def test_nothing_is_written_in_the_data_folder(sample_catalogue, sample_result, sample_dir, name):
    (sample_dir / "sub").mkdir()
    before = {path: path.read_bytes() for path in sample_dir.iterdir() if path.is_file()}
    with pytest.raises(ExportError, match="in the data folder .* exports never write"):
        export_snapshot(Snapshot(layers=("idlib",)), "geojson", sample_catalogue, sample_result,
                        sample_dir / name)
    assert {path: path.read_bytes() for path in sample_dir.iterdir() if path.is_file()} == before


def test_nothing_is_written_in_the_data_folder_through_a_link(sample_catalogue, sample_result,
                                                              sample_dir, out_dir):
    (out_dir / "innocent.geojson").symlink_to(sample_dir / "events.geojson")
    with pytest.raises(ExportError, match="in the data folder"):
        export_snapshot(Snapshot(layers=("idlib",)), "geojson", sample_catalogue, sample_result,
                        out_dir / "innocent.geojson")


@pytest.mark.parametrize("relative", ["app.py", "README.md", "pyproject.toml", "zones/new.png",
                                      "static/zones.css", "tests/x.geojson", "geodata/x.png",
                                      ".streamlit/config.toml"])
def test_the_project_s_own_files_are_refused(relative, tmp_path):
    with pytest.raises(ExportError, match="one of the project's own files|in the data folder"):
        check_target(PROJECT_DIR / relative, DEFAULT_DATA_DIR)


def test_an_export_beside_the_project_files_is_allowed(tmp_path):
    check_target(PROJECT_DIR / "zones-export-that-does-not-exist.png", DEFAULT_DATA_DIR)


def test_a_long_name_is_written_and_a_too_long_one_named_truthfully(out_dir):
    long_name = "x" * 246 + ".geojson"  # 254 bytes: allowed, whatever the temporary name
    write_atomic(out_dir / long_name, b"{}")
    assert (out_dir / long_name).read_bytes() == b"{}"
    with pytest.raises(ExportError, match="the file name is 264 bytes long; this system allows "
                                          "at most 255"):
        check_target(out_dir / ("y" * 256 + ".geojson"), out_dir / "data")
    assert sorted(path.name for path in out_dir.iterdir()) == [long_name]
