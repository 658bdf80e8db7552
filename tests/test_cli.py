"""The command line, run in-process (one test runs it as a module)."""

from __future__ import annotations

import json
import os
import re
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import png_image
from zones.__main__ import main

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture
def cli(sample_dir, monkeypatch, capsys):
    """Run ``python -m zones snapshot`` in this process (sharing its Chromium) on the sample data."""
    monkeypatch.setenv("ZONES_DATA_DIR", str(sample_dir))

    def run(*arguments: str) -> tuple[int, str, str]:
        try:
            code = main(["snapshot", *arguments])
        except SystemExit as exit_:
            code = exit_.code
        captured = capsys.readouterr()
        return code, captured.out, captured.err

    return run


@pytest.mark.browser
@pytest.mark.parametrize(("name", "options", "magic"), [
    ("map.png", (), b"\x89PNG"),
    ("map.pdf", (), b"%PDF"),
    ("map.html", (), b"<!DOCTYPE html>"),
    ("map.geojson", (), b'{"type":"FeatureCollection"'),
    ("map.data", ("--format", "geojson"), b'{"type":"FeatureCollection"'),
])
def test_cli_writes_each_format(cli, out_dir, name, options, magic):
    code, out, err = cli("--out", str(out_dir / name), "--layers", "idlib,events", *options)
    assert (code, err) == (0, "")
    assert out.strip() == f"wrote {out_dir / name}"
    assert (out_dir / name).read_bytes().lstrip().startswith(magic)


def test_cli_defaults_to_the_default_visible_layers_and_date(cli, out_dir, sample_catalogue):
    code, _, _ = cli("--out", str(out_dir / "all.geojson"))
    assert code == 0
    features = json.loads((out_dir / "all.geojson").read_text(encoding="utf-8"))["features"]
    drawn = {feature["properties"]["layer_id"] for feature in features}
    assert drawn <= set(sample_catalogue.default_visible)
    assert "military_police" in drawn, "its sample features start on 2017-07-24, before the default day"
    code, _, _ = cli("--out", str(out_dir / "early.geojson"), "--layers", "military_police",
                     "--date", "2017-07-06")
    early = json.loads((out_dir / "early.geojson").read_text(encoding="utf-8"))["features"]
    assert code == 0 and early == []


def test_cli_options_reach_the_html(cli, out_dir):
    out = out_dir / "view.html"
    code, _, _ = cli("--out", str(out), "--layers", "south", "--center", "32.9,36.05", "--zoom", "10",
                     "--title", "Daraa & Quneitra", "--date", "2017-07-09", "--tiles", "osm")
    html = out.read_text(encoding="utf-8")
    assert code == 0
    assert re.search(r'center:\s*\[32\.9, 36\.05\]', html) and '"zoom": 10' in html
    assert "Daraa &amp; Quneitra" in html and "As of 9 July 2017" in html
    assert "tile.openstreetmap.org" in html


def test_cli_into_a_folder_prints_the_meaningful_name(cli, out_dir):
    code, out, _ = cli("--out", str(out_dir), "--format", "geojson", "--layers", "idlib,south")
    assert code == 0
    name = "syria-2017-zones_2017-08-04_idlib-south_34.90n-38.30e-z7.geojson"
    assert out.strip() == f"wrote {out_dir / name}"


@pytest.mark.browser
def test_cli_size_and_scale(cli, out_dir):
    out = out_dir / "small.png"
    code, _, _ = cli("--out", str(out), "--layers", "events", "--width", "300", "--height", "200",
                     "--scale", "2", "--center", "35.8,38.58", "--zoom", "9", "--title", "")
    assert code == 0
    assert png_image(out.read_bytes()).size == (600, 400)


@pytest.mark.parametrize(("arguments", "option", "allowed"), [
    (("--layers", "idlib,atlantis"), "--layers", "known layers: countries"),
    (("--layers", ","), "--layers", "at least one"),
    (("--center", "north"), "--center", "LAT,LON"),
    (("--center", "95,36"), "--center", "-90 to 90"),
    (("--zoom", "17"), "--zoom", "4–16"),
    (("--zoom", "3"), "--zoom", "4–16"),
    (("--zoom", "seven"), "--zoom", "4–16"),
    (("--width", "100"), "--width", "200–4000"),
    (("--height", "5000"), "--height", "200–4000"),
    (("--scale", "3"), "--scale", "choose from 1, 2"),
    (("--format", "gif"), "--format", "'png', 'pdf', 'html', 'geojson'"),
    (("--date", "2017-13-01"), "--date", "YYYY-MM-DD"),
    (("--tiles", "google"), "--tiles", "'offline', 'osm', 'satellite'"),
    (("--title", "x" * 200), "--title", "120"),
])
def test_cli_bad_options_name_the_option_and_leave_no_file(cli, out_dir, arguments, option, allowed):
    code, out, err = cli("--out", str(out_dir / "map.png"), *arguments)
    assert code == 2
    assert option in err and allowed in err, err
    assert out == ""
    assert list(out_dir.iterdir()) == []


def test_cli_unknown_extension_and_missing_folder(cli, out_dir):
    code, _, err = cli("--out", str(out_dir / "map.tiff"))
    assert code == 2 and "--format" in err and "png|pdf|html|geojson" in err
    code, _, err = cli("--out", str(out_dir / "missing" / "map.png"))
    assert code == 2 and "--out" in err and "does not exist" in err
    assert list(out_dir.iterdir()) == []


def test_cli_runs_as_a_module(sample_dir, out_dir):
    out = out_dir / "zones.geojson"
    completed = subprocess.run(
        [sys.executable, "-m", "zones", "snapshot", "--out", str(out), "--layers", "idlib"],
        cwd=REPO, env={"ZONES_DATA_DIR": str(sample_dir), "PATH": "/usr/bin:/bin"},
        capture_output=True, text=True, timeout=60)
    assert completed.returncode == 0, completed.stderr
    assert completed.stdout.strip() == f"wrote {out}"
    assert json.loads(out.read_text(encoding="utf-8"))["features"][0]["properties"]["layer_id"] == "idlib"


def _exported(monkeypatch, capsys, folder, layers: str, day: str) -> list[dict]:
    """The shipped map's features of ``layers`` on ``day``, as the command line exports them."""
    monkeypatch.delenv("ZONES_DATA_DIR", raising=False)
    out = folder / f"{layers.replace(',', '-')}-{day}.geojson"
    assert main(["snapshot", "--out", str(out), "--layers", layers, "--date", day]) == 0
    capsys.readouterr()
    return json.loads(out.read_text(encoding="utf-8"))["features"]


def test_the_shipped_map_tells_the_story_of_the_months(monkeypatch, capsys, out_dir):
    assert [feature["properties"]["zone_id"]
            for feature in _exported(monkeypatch, capsys, out_dir, "idlib", "2017-10-01")] == ["idlib"]
    assert _exported(monkeypatch, capsys, out_dir, "raqqa", "2017-10-31")
    pictures = {day: sorted((feature["properties"]["name_en"], feature["properties"].get("control"))
                            for feature in _exported(monkeypatch, capsys, out_dir, "raqqa", day))
                for day in ("2017-06-15", "2017-07-15", "2017-08-15", "2017-09-15")}
    assert len({tuple(picture) for picture in pictures.values()}) == 4
    month_ends = ("2017-05-31", "2017-06-30", "2017-07-31", "2017-08-31", "2017-09-30", "2017-10-31")
    seen = {day: {feature["properties"]["id"]
                  for feature in _exported(monkeypatch, capsys, out_dir, "events", day)}
            for day in month_ends}
    assert "event-2017-06-18-su22" not in seen["2017-10-31"]
    assert len(set().union(*seen.values())) >= 25
def test_cli_into_a_folder_without_a_format_makes_a_png_named_for_its_view(cli, out_dir, monkeypatch):
    made = []

    def export(snapshot, fmt, _catalogue, _result, path):
        made.append((snapshot, fmt, path))
        return path / "figure.png"

    monkeypatch.setattr("zones.export.files.export_snapshot", export)
    code, out, err = cli("--out", str(out_dir), "--layers", "idlib", "--lang", "fr")
    assert (code, err) == (0, "")
    snapshot, fmt, path = made[0]
    assert fmt == "png" and path == out_dir and out.strip() == f"wrote {out_dir / 'figure.png'}"
    assert snapshot.lang == "fr" and snapshot.title == "Syrie, été 2017 : zones de désescalade"


def test_cli_lang_reaches_the_html_and_refuses_unknown_languages(cli, out_dir):
    out = out_dir / "ar.html"
    code, _, _ = cli("--out", str(out), "--layers", "south", "--lang", "ar", "--date", "2017-07-09")
    html = out.read_text(encoding="utf-8")
    assert code == 0 and "9 \\u062a\\u0645\\u0648\\u0632 2017" in html  # "9 تموز 2017", as JSON
    code, _, err = cli("--out", str(out_dir / "x.html"), "--lang", "de")
    assert code == 2 and "--lang" in err and "'en', 'fr', 'ar'" in err


# ---------------------------------------------------------------- issue 14: --out goes only where asked


def test_cli_refuses_special_files(cli, out_dir):
    os.mkfifo(out_dir / "pipe.geojson")
    reader, writer = os.pipe()
    try:
        for target, kind in (("/dev/null", "a character device"),
                             (str(out_dir / "pipe.geojson"), "a named pipe"),
                             (f"/proc/self/fd/{writer}", "a named pipe")):
            code, out, err = cli("--out", target, "--format", "geojson", "--layers", "idlib")
            assert (code, out) == (2, ""), err
            assert err.startswith("error: --out: ") and f"{kind}, not a regular file" in err, err
    finally:
        os.close(reader)
        os.close(writer)
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)
    assert stat.S_ISFIFO(os.lstat(out_dir / "pipe.geojson").st_mode)


@pytest.mark.parametrize(("name", "fmt"), [("events.geojson", "geojson"), ("layers.toml", "html")])
def test_cli_never_writes_over_the_data(cli, sample_dir, name, fmt):
    before = (sample_dir / name).read_bytes()
    code, _, err = cli("--out", str(sample_dir / name), "--format", fmt, "--layers", "idlib")
    assert code == 2 and "in the data folder" in err, err
    assert (sample_dir / name).read_bytes() == before


def test_cli_refuses_the_project_s_own_files(cli):
    before = (REPO / "app.py").read_bytes()
    code, _, err = cli("--out", str(REPO / "app.py"), "--format", "html", "--layers", "idlib")
    assert code == 2 and "the project's own files" in err, err
    assert (REPO / "app.py").read_bytes() == before


def test_cli_keeps_a_replaced_file_s_mode(cli, out_dir):
    target = out_dir / "private.geojson"
    target.write_bytes(b"{}")
    target.chmod(0o600)
    code, _, err = cli("--out", str(target), "--layers", "idlib")
    assert code == 0, err
    assert stat.S_IMODE(target.stat().st_mode) == 0o600


def test_cli_long_names_are_reported_truthfully(cli, out_dir):
    fine = "z" * 247 + ".geojson"  # 255 bytes
    code, out, err = cli("--out", str(out_dir / fine), "--layers", "idlib")
    assert code == 0 and out.strip() == f"wrote {out_dir / fine}", err
    code, _, err = cli("--out", str(out_dir / ("z" * 248 + ".geojson")), "--layers", "idlib")
    assert code == 2 and "the file name is 256 bytes long" in err and ".part" not in err, err


def test_check_names_each_catalogue_problem_without_a_traceback(sample_dir, monkeypatch, capsys):
    toml = sample_dir / "layers.toml"
    toml.write_text(toml.read_text(encoding="utf-8").replace("order = 40\n", 'order = "late"\n')
                    .replace('file = "events.geojson"', 'file = "../secret/x.geojson"'), encoding="utf-8")
    monkeypatch.setenv("ZONES_DATA_DIR", str(sample_dir))
    assert main(["check"]) == 2
    err = capsys.readouterr().err
    assert "layers.toml: the layer catalogue has 2 problems" in err
    assert "- layer 'idlib', field “order”" in err and "- layer 'events', field “file”" in err
    assert "Traceback" not in err


def test_check_does_not_wait_on_a_named_pipe(sample_dir, monkeypatch, capsys):
    (sample_dir / "deescalation_zones.geojson").unlink()
    os.mkfifo(sample_dir / "deescalation_zones.geojson")
    monkeypatch.setenv("ZONES_DATA_DIR", str(sample_dir))
    assert main(["check"]) == 1
    assert "a named pipe, not a regular file" in capsys.readouterr().err
