"""Snapshot export: file names, atomic writes, the four formats, the command line and threads.

Browser tests share the one Chromium that ``zones.browser`` keeps for the process.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import math
import re
import subprocess
import sys
import threading
from pathlib import Path

import geopandas as gpd
import pytest

from zones.__main__ import main
from zones.browser import BrowserError, chromium_path, render_page, shared_browser
from zones.browser_data import active_on
from zones.catalogue import load_catalogue
from zones.export import (
    ExportError,
    Snapshot,
    check_snapshot,
    export_snapshot,
    file_name,
    safe_name,
    snapshot_bytes,
    standalone_html,
    write_atomic,
)
from zones.loading import load_layers
from zones.map_builder import TILES, TileChoice, View
from zones.styles import layer_class

REPO = Path(__file__).resolve().parents[1]
SEA = (0xD6, 0xE4, 0xEC)  # .leaflet-container background in static/zones.css
# Centred between the sample Idlib and Northern Homs boxes and the sample event.
VIEW = View(lat=35.3, lon=37.4, zoom=8)


@pytest.fixture
def loaded(sample_catalogue):
    return sample_catalogue, load_layers(sample_catalogue)


@pytest.fixture
def out_dir(tmp_path) -> Path:
    """An empty folder for exports (``tmp_path`` also holds the sample data)."""
    folder = tmp_path / "out"
    folder.mkdir()
    return folder


def _colour(text: str) -> tuple[int, int, int]:
    return tuple(int(text.lstrip("#")[index:index + 2], 16) for index in (0, 2, 4))


def _over(colour: tuple[int, ...], opacity: float, under: tuple[int, ...]) -> tuple[float, ...]:
    return tuple(opacity * top + (1 - opacity) * bottom for top, bottom in zip(colour, under, strict=True))


def _pixel_of(lat: float, lon: float, view: View, width: int, height: int) -> tuple[int, int]:
    """Where Leaflet (Web Mercator, 256 px tiles) draws ``lat, lon`` in a ``width``×``height`` map."""

    def project(latitude: float, longitude: float) -> tuple[float, float]:
        world = 256 * 2**view.zoom
        sine = math.sin(math.radians(latitude))
        return (world * (longitude + 180) / 360,
                world * (0.5 - math.log((1 + sine) / (1 - sine)) / (4 * math.pi)))

    x, y = project(lat, lon)
    centre_x, centre_y = project(view.lat, view.lon)
    return round(x - centre_x + width / 2), round(y - centre_y + height / 2)


def _near(actual, expected, tolerance: float = 8) -> bool:
    return all(abs(a - e) <= tolerance for a, e in zip(actual[:3], expected, strict=True))


def _image(data: bytes):
    from PIL import Image

    return Image.open(io.BytesIO(data)).convert("RGB")


# ---------------------------------------------------------------------------- names and checks

def test_file_name_says_layers_date_and_view(loaded):
    catalogue, _ = loaded
    snapshot = Snapshot(layers=("countries", "idlib", "south"), view=View(34.9, 38.3, 7))
    assert file_name(snapshot, "png", catalogue) == \
        "syria-2017-zones_2017-07-06_idlib-south_34.90n-38.30e-z7.png"
    many = Snapshot(layers=catalogue.ids, view=View(-33.5, -70.25, 12), on=dt.date(2017, 8, 1))
    assert file_name(many, "geojson", catalogue) == \
        "syria-2017-zones_2017-08-01_all-layers_33.50s-70.25w-z12.geojson"


@pytest.mark.parametrize("name", ["../../etc/passwd", "/abs/path.png", "..", "A B\\C:*?.PNG", "",
                                  "\u00e9t\u00e9"])
def test_safe_name_cannot_escape_its_folder(name):
    cleaned = safe_name(name)
    assert re.fullmatch(r"[a-z0-9._-]+", cleaned)
    assert not cleaned.startswith(".") and "/" not in cleaned


@pytest.mark.parametrize(("changes", "option", "words"), [
    ({"layers": ("idlib", "nowhere")}, "layers", "known layers"),
    ({"layers": ()}, "layers", "at least one"),
    ({"view": View(95, 36, 7)}, "center", "-90 to 90"),
    ({"view": View(35, 36, 3)}, "zoom", "4–16"),
    ({"view": View(35, 36, 17)}, "zoom", "4–16"),
    ({"width": 199}, "width", "200–4000"),
    ({"height": 4001}, "height", "200–4000"),
    ({"scale": 3}, "scale", "1 or 2"),
    ({"tiles": "google"}, "tiles", "offline, osm, satellite"),
    ({"title": "x" * 121}, "title", "120"),
    ({"lang": "de"}, "lang", "en, fr, ar"),
])
def test_bad_settings_name_the_option_and_the_allowed_values(loaded, changes, option, words):
    catalogue, result = loaded
    snapshot = Snapshot(**{"layers": ("idlib",), **changes})
    with pytest.raises(ExportError, match=re.escape(words)) as raised:
        check_snapshot(snapshot, catalogue, result)
    assert raised.value.option == option


def test_unknown_format_is_refused(loaded):
    catalogue, result = loaded
    with pytest.raises(ExportError, match="png, pdf, html, geojson"):
        snapshot_bytes(Snapshot(layers=("idlib",)), "gif", catalogue, result)


def test_a_layer_that_did_not_load_is_refused_with_its_problem(sample_dir):
    (sample_dir / "events.geojson").write_text("{ broken", encoding="utf-8")
    catalogue = load_catalogue(sample_dir)
    result = load_layers(catalogue)
    with pytest.raises(ExportError, match="events.*not valid JSON.*python -m zones check"):
        check_snapshot(Snapshot(layers=("events",)), catalogue, result)


def test_missing_chromium_says_what_to_do(monkeypatch, tmp_path):
    monkeypatch.setenv("ZONES_CHROMIUM", str(tmp_path / "no-such-chromium"))
    with pytest.raises(BrowserError, match="ZONES_CHROMIUM"):
        chromium_path()


# ---------------------------------------------------------------------------- atomic writes

def test_write_is_atomic_and_a_failure_leaves_nothing(out_dir, monkeypatch):
    target = out_dir / "out.geojson"
    write_atomic(target, b"first")
    assert target.read_bytes() == b"first"

    def refuse(*_args):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("zones.export.os.replace", refuse)
    with pytest.raises(ExportError, match="disk space"):
        write_atomic(target, b"second")
    assert target.read_bytes() == b"first"
    assert [path.name for path in out_dir.iterdir()] == ["out.geojson"]


def test_a_failed_export_leaves_no_file(loaded, out_dir, monkeypatch):
    catalogue, result = loaded

    def fail(*_args):
        raise ExportError("Chromium could not draw the PNG; try again.")

    monkeypatch.setattr("zones.export._figure", fail)
    with pytest.raises(ExportError, match="try again"):
        export_snapshot(Snapshot(layers=("idlib",)), "png", catalogue, result, out_dir / "a.png")
    assert list(out_dir.iterdir()) == []


def test_export_into_a_folder_uses_the_meaningful_name(loaded, out_dir):
    catalogue, result = loaded
    snapshot = Snapshot(layers=("idlib",))
    written = export_snapshot(snapshot, "geojson", catalogue, result, out_dir)
    assert written == out_dir / file_name(snapshot, "geojson", catalogue)
    with pytest.raises(ExportError, match="does not exist"):
        export_snapshot(snapshot, "geojson", catalogue, result, out_dir / "nope" / "a.geojson")


# ---------------------------------------------------------------------------- GeoJSON and HTML

def test_geojson_keeps_every_property_and_reads_back_with_geopandas(loaded, out_dir):
    catalogue, result = loaded
    layers = ("idlib", "south", "raqqa", "events")
    path = export_snapshot(Snapshot(layers=layers), "geojson", catalogue, result, out_dir / "z.geojson")
    read = gpd.read_file(path)
    expected = [(layer_id, row) for layer_id in layers
                for _, row in active_on(result.layers[layer_id].frame, dt.date(2017, 7, 6)).iterrows()]
    assert list(zip(read["layer_id"], read["id"], strict=True)) == \
        [(layer_id, row["id"]) for layer_id, row in expected]
    for (_, row), (_, back) in zip(expected, read.iterrows(), strict=True):
        assert row.geometry.equals_exact(back.geometry, 1e-9)
        for column in ("name_en", "name_ar", "valid_from", "confidence", "method", "approximate"):
            value = back[column]
            assert (value.date().isoformat() if hasattr(value, "date") else value) == row[column]
    raw = json.loads(path.read_text(encoding="utf-8"))
    first = raw["features"][0]["properties"]
    assert set(first) == set(result.layers["idlib"].frame.columns) - {"geometry"} | {"layer_id"}
    assert isinstance(first["sources"], list) and first["sources"][0]["publisher"] == "Test Agency"
    assert first["valid_from"] == "2017-05-06" and first["valid_to"] == "2017-09-15"


def test_geojson_follows_the_as_of_date(loaded):
    catalogue, result = loaded
    before, after = (json.loads(snapshot_bytes(Snapshot(layers=("military_police",), on=day), "geojson",
                                               catalogue, result))
                     for day in (dt.date(2017, 7, 6), dt.date(2017, 7, 30)))
    assert before["features"] == []
    assert {feature["properties"]["id"] for feature in after["features"]} == \
        {"mp-ghouta-line", "mp-ghouta-cp-1"}


def test_html_is_standalone_and_titled(loaded):
    catalogue, result = loaded
    html = snapshot_bytes(Snapshot(layers=("idlib",), title="Idlib <draft>"), "html", catalogue,
                          result).decode()
    assert "<title>Idlib &lt;draft&gt;</title>" in html
    assert not re.search(r"""(?:src=|<link[^>]*href=)["'](?:https?:)?//""", html), "no remote asset"
    assert "/app/static" not in html
    assert "As of 6 July 2017" in html and "Source: Syria 2017 zones project" in html


@pytest.mark.browser
def test_html_opens_from_a_file_offline_and_draws_every_visible_layer(loaded, out_dir):
    catalogue, result = loaded
    layers = ("countries", "idlib", "south", "raqqa", "events")
    path = export_snapshot(Snapshot(layers=layers), "html", catalogue, result, out_dir / "map.html")
    refused: list[str] = []

    async def open_file(browser):
        context = await browser.new_context(viewport={"width": 1000, "height": 700})
        try:
            async def route(request_route):
                url = request_route.request.url
                if url.startswith(("file:", "data:")):
                    await request_route.continue_()
                else:
                    refused.append(url)
                    await request_route.abort()

            await context.route("**/*", route)
            page = await context.new_page()
            await page.goto(path.as_uri())
            counts = {}
            for layer_id in layers:
                selector = f"svg path.{layer_class(layer_id)}"
                await page.wait_for_selector(selector, state="attached", timeout=15_000)
                counts[layer_id] = await page.locator(selector).count()
            hidden = await page.locator(f"path.{layer_class('northern_homs')}").count()
            zoom_shown = await page.locator(".leaflet-control-zoom").is_visible()
            return counts, hidden, zoom_shown
        finally:
            await context.close()

    counts, hidden, zoom_shown = shared_browser().run(open_file)
    assert counts["idlib"] == 1 and counts["south"] == 1 and counts["events"] == 1
    assert counts["raqqa"] == 2 and counts["countries"] >= 1
    assert hidden == 0
    assert zoom_shown, "the interactive HTML keeps its zoom control"
    assert refused == []


# ---------------------------------------------------------------------------- PNG and PDF

@pytest.mark.browser
def test_png_shows_visible_layers_where_they_lie_and_not_hidden_ones(loaded):
    catalogue, result = loaded
    snapshot = Snapshot(layers=("idlib", "events"), view=VIEW, title="Test")
    image = _image(snapshot_bytes(snapshot, "png", catalogue, result))
    assert image.size == (1280, 800)
    idlib, homs, events = (catalogue.get(layer_id).style for layer_id in ("idlib", "northern_homs", "events"))

    idlib_pixel = image.getpixel(_pixel_of(35.93, 36.63, VIEW, 1280, 800))
    assert _near(idlib_pixel, _over(_colour(idlib["fill_color"]), idlib["fill_opacity"], SEA)), idlib_pixel
    event_pixel = image.getpixel(_pixel_of(35.80, 38.58, VIEW, 1280, 800))
    assert _near(event_pixel, _colour(events["fill_color"])), event_pixel
    homs_pixel = image.getpixel(_pixel_of(34.93, 36.73, VIEW, 1280, 800))
    assert _near(homs_pixel, SEA, 3), homs_pixel
    assert not _near(homs_pixel, _over(_colour(homs["fill_color"]), homs["fill_opacity"], SEA), 3)
    colours = image.getcolors(maxcolors=1_000_000)
    assert len(colours) > 50, "the figure is not blank"
    assert max(count for count, _ in colours) < 0.97 * 1280 * 800


@pytest.mark.browser
def test_png_size_follows_the_scale_and_the_figure_hides_controls(loaded):
    catalogue, result = loaded
    view = View(lat=35.8, lon=38.58, zoom=9)
    snapshot = Snapshot(layers=("events",), view=view, width=400, height=300, scale=2, title="")
    image = _image(snapshot_bytes(snapshot, "png", catalogue, result))
    assert image.size == (800, 600)
    assert _near(image.getpixel((400, 300)), _colour(catalogue.get("events").style["fill_color"]))
    figure = standalone_html(snapshot, catalogue, result, figure=True)
    hidden = re.search(r"<style>\s*(\.leaflet-control-zoom,[^{]*)\{ display: none !important; \}", figure)
    assert hidden and {".leaflet-control-zoom", ".leaflet-control-measure"} <= \
        {name.strip() for name in hidden.group(1).split(",")}


@pytest.mark.browser
def test_pdf_is_one_page_of_the_requested_size(loaded):
    catalogue, result = loaded
    data = snapshot_bytes(Snapshot(layers=("idlib",), width=960, height=600), "pdf", catalogue, result)
    assert data.startswith(b"%PDF")
    assert re.search(rb"/MediaBox\s*\[\s*0 0 720 450\s*\]", data), "960×600 CSS px = 720×450 pt"
    assert len(re.findall(rb"/Type\s*/Page[^s]", data)) == 1


@pytest.mark.browser
def test_the_export_page_lets_no_request_out():
    asked: list[str] = []

    def allow(url: str) -> bool:
        asked.append(url)
        return False

    html = ('<img id="remote" src="https://example.org/tracker.png">'
            '<script>fetch("http://192.0.2.1/beacon").catch(() => { window.refused = true; });</script>')
    ready = ("() => window.refused === true && document.getElementById('remote').complete "
             "|| false")
    png = shared_browser().run(lambda browser: render_page(browser, html, width=200, height=200,
                                                           ready=ready, allow=allow))
    assert png.startswith(b"\x89PNG")
    assert sorted(asked) == ["http://192.0.2.1/beacon", "https://example.org/tracker.png"]


@pytest.mark.browser
def test_unreachable_online_tiles_fail_clearly_and_leave_no_file(loaded, out_dir, monkeypatch):
    catalogue, result = loaded
    monkeypatch.setitem(TILES, "osm", TileChoice("Test tiles", "https://tiles.invalid/{z}/{x}/{y}.png",
                                                 "Test tiles"))
    with pytest.raises(ExportError, match="offline basemap") as raised:
        export_snapshot(Snapshot(layers=("idlib",), tiles="osm"), "png", catalogue, result,
                        out_dir / "tiles.png")
    assert raised.value.option == "tiles"
    assert list(out_dir.iterdir()) == []


@pytest.mark.browser
def test_two_exports_at_once_do_not_mix_up_their_files(loaded, out_dir):
    catalogue, result = loaded
    first = Snapshot(layers=("idlib", "events"), view=VIEW, title="First")
    second = Snapshot(layers=("northern_homs",), view=VIEW, title="Second", width=1000, height=700)
    paths = {"first": out_dir / "first.png", "second": out_dir / "second.png"}
    errors = []

    def run(name, snapshot):
        try:
            export_snapshot(snapshot, "png", catalogue, result, paths[name])
        except ExportError as error:  # pragma: no cover - reported below
            errors.append(error)

    threads = [threading.Thread(target=run, args=item) for item in (("first", first), ("second", second))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert errors == []
    one, two = _image(paths["first"].read_bytes()), _image(paths["second"].read_bytes())
    assert one.size == (1280, 800) and two.size == (1000, 700)
    homs = catalogue.get("northern_homs").style
    homs_colour = _over(_colour(homs["fill_color"]), homs["fill_opacity"], SEA)
    assert _near(one.getpixel(_pixel_of(34.93, 36.73, VIEW, 1280, 800)), SEA, 3)
    assert _near(two.getpixel(_pixel_of(34.93, 36.73, VIEW, 1000, 700)), homs_colour)
    assert _near(one.getpixel(_pixel_of(35.80, 38.58, VIEW, 1280, 800)),
                 _colour(catalogue.get("events").style["fill_color"]))
    assert sorted(path.name for path in out_dir.iterdir()) == ["first.png", "second.png"]


# ---------------------------------------------------------------------------- the command line

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
    assert "military_police" not in drawn, "its sample features start on 2017-07-24"
    code, _, _ = cli("--out", str(out_dir / "late.geojson"), "--layers", "military_police",
                     "--date", "2017-07-30")
    late = json.loads((out_dir / "late.geojson").read_text(encoding="utf-8"))["features"]
    assert code == 0 and len(late) == 2


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
    name = "syria-2017-zones_2017-07-06_idlib-south_34.90n-38.30e-z7.geojson"
    assert out.strip() == f"wrote {out_dir / name}"


@pytest.mark.browser
def test_cli_size_and_scale(cli, out_dir):
    out = out_dir / "small.png"
    code, _, _ = cli("--out", str(out), "--layers", "events", "--width", "300", "--height", "200",
                     "--scale", "2", "--center", "35.8,38.58", "--zoom", "9", "--title", "")
    assert code == 0
    assert _image(out.read_bytes()).size == (600, 400)


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


# ---------------------------------------------------------------------------- the page's panel

def _panel_page():
    from zones.catalogue import load_catalogue
    from zones.export_panel import render_export_panel
    from zones.loading import load_layers
    from zones.map_builder import View

    catalogue = load_catalogue()
    render_export_panel(catalogue, load_layers(catalogue), visible=["idlib", "south"],
                        view=View(34.9, 38.3, 7), tiles="offline")


def test_panel_builds_a_file_and_offers_it_under_its_meaningful_name(sample_dir, monkeypatch):
    from streamlit.testing.v1 import AppTest

    monkeypatch.setenv("ZONES_DATA_DIR", str(sample_dir))
    page = AppTest.from_function(_panel_page, default_timeout=30).run()
    page.selectbox(key="export_format").select("geojson").run()
    page.button(key="export_build").click().run()
    assert not page.exception and not page.error
    assert any("syria-2017-zones_2017-07-06_idlib-south_34.90n-38.30e-z7.geojson" in caption.value
               for caption in page.caption)


def test_panel_says_what_to_try_when_export_fails(sample_dir, monkeypatch):
    from streamlit.testing.v1 import AppTest

    def fail(*_args):
        raise ExportError("Chromium could not draw the PNG; try again, or export HTML.")

    monkeypatch.setenv("ZONES_DATA_DIR", str(sample_dir))
    monkeypatch.setattr("zones.export_panel.snapshot_bytes", fail)
    page = AppTest.from_function(_panel_page, default_timeout=30).run()
    page.button(key="export_build").click().run()
    assert len(page.error) == 1 and "try again, or export HTML" in page.error[0].value
