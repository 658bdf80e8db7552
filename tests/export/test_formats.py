"""The four snapshot formats: GeoJSON, standalone HTML, PNG and PDF.

Browser tests share the one Chromium that ``zones.export.chromium`` keeps for the process.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import re
import threading

import geopandas as gpd
import pytest

from tests.conftest import png_image
from zones.analysis.validity import shown_on
from zones.core import DEFAULT_DATE, View
from zones.data.catalogue import DEFAULT_DATA_DIR, load_catalogue
from zones.data.gazetteer_file import load_places
from zones.export.chromium import render_page, shared_browser
from zones.export.files import export_snapshot
from zones.export.formats import figure_labels, layers_in_view, snapshot_bytes, standalone_html
from zones.export.snapshot import ExportError, Snapshot
from zones.map.styles import layer_class
from zones.map.tiles import TILES, TileChoice

SEA = (0xD6, 0xE4, 0xEC)  # .leaflet-container background in static/zones.css
# Centred between the sample Idlib and Northern Homs boxes and the sample event.
VIEW = View(lat=35.3, lon=37.4, zoom=8)
# The sample Su-22 event (18 June) is on the map for a few weeks; the sample Homs one (3 August)
# is not yet.
SU22_ON_MAP = dt.date(2017, 6, 20)


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


def test_geojson_keeps_every_property_and_reads_back_with_geopandas(sample_catalogue, sample_result, out_dir):
    catalogue, result = sample_catalogue, sample_result
    layers = ("idlib", "south", "raqqa", "events")
    path = export_snapshot(Snapshot(layers=layers), "geojson", catalogue, result, out_dir / "z.geojson")
    read = gpd.read_file(path)
    expected = [(layer_id, row) for layer_id in layers
                for _, row in shown_on(result.layers[layer_id].frame, result.layers[layer_id].spec.kind.name,
                                       DEFAULT_DATE).iterrows()]
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


def test_geojson_follows_the_as_of_date(sample_catalogue, sample_result):
    catalogue, result = sample_catalogue, sample_result
    before, after = (json.loads(snapshot_bytes(Snapshot(layers=("military_police",), day=day), "geojson",
                                               catalogue, result))
                     for day in (dt.date(2017, 7, 6), dt.date(2017, 7, 30)))
    assert before["features"] == []
    assert {feature["properties"]["id"] for feature in after["features"]} == \
        {"mp-ghouta-line", "mp-ghouta-cp-1"}


def test_html_is_standalone_and_titled(sample_catalogue, sample_result):
    catalogue, result = sample_catalogue, sample_result
    html = snapshot_bytes(Snapshot(layers=("idlib",), title="Idlib <draft>"), "html", catalogue,
                          result).decode()
    assert "<title>Idlib &lt;draft&gt;</title>" in html
    assert not re.search(r"""(?:src=|<link[^>]*href=)["'](?:https?:)?//""", html), "no remote asset"
    assert "/app/static" not in html
    assert "As of 4 August 2017" in html and "Source: Syria 2017 zones project" in html


# ---------------------------------------------------------------- a figure of Eastern Ghouta

GHOUTA = Snapshot(layers=("countries", "governorates", "cities", "idlib", "northern_homs", "eastern_ghouta",
                          "south", "raqqa", "military_police", "events"),
                  view=View(lat=33.55, lon=36.40, zoom=11), day=DEFAULT_DATE, title="Eastern Ghouta")


def test_a_ghouta_figure_s_legend_lists_only_what_is_in_view(shipped_result):
    catalogue = load_catalogue(DEFAULT_DATA_DIR)
    listed = {spec.id: variants for spec, variants in layers_in_view(GHOUTA, catalogue, shipped_result)}
    assert "eastern_ghouta" in listed and "military_police" in listed
    assert not {"idlib", "northern_homs", "raqqa", "countries", "cities"} & set(listed)
    # the national view sees them all, with Raqqa's SDF variants
    national = layers_in_view(Snapshot(layers=GHOUTA.layers), catalogue, shipped_result)
    assert {"idlib", "northern_homs", "raqqa"} <= {spec.id for spec, _ in national}
    assert "sdf_position" in dict((spec.id, variants) for spec, variants in national)["raqqa"]


def test_a_ghouta_figure_names_towns_in_view_in_the_page_language(shipped_result):
    catalogue = load_catalogue(DEFAULT_DATA_DIR)
    places = load_places(DEFAULT_DATA_DIR)
    names = [label.text for label in figure_labels(GHOUTA, catalogue, shipped_result, places)]
    assert "Dūmā" in names and "Aleppo" not in names
    in_arabic = Snapshot(layers=GHOUTA.layers, view=GHOUTA.view, lang="ar")
    arabic = [label.text for label in figure_labels(in_arabic, catalogue, shipped_result, places)]
    assert "دوما" in arabic
    html = standalone_html(GHOUTA, catalogue, shipped_result, figure=True)
    assert "zones-figure-legend" in html and "zones-locator" in html and "zones-north" in html


@pytest.mark.browser
def test_a_ghouta_png_shows_a_legend_of_only_what_is_in_view(shipped_result):
    catalogue = load_catalogue(DEFAULT_DATA_DIR)
    html = standalone_html(GHOUTA, catalogue, shipped_result, figure=True)
    png = png_image(snapshot_bytes(GHOUTA, "png", catalogue, shipped_result))
    assert png.size == (1280, 800)

    async def legend_of(browser):
        page = await browser.new_page(viewport={"width": 1280, "height": 800})
        try:
            await page.set_content(html)
            await page.wait_for_function("() => document.querySelector('.zones-figure-legend')")
            rows = await page.eval_on_selector_all(".zones-figure-legend [data-layer]",
                                                   "rows => rows.map(row => row.dataset.layer)")
            page_legend = await page.eval_on_selector_all(
                ".zones-legend-control", "boxes => boxes.map(box => getComputedStyle(box).display)")
            extras = await page.eval_on_selector_all(".zones-north, .zones-locator, .zones-place-label",
                                                     "nodes => nodes.map(node => node.className)")
            return rows, page_legend, extras
        finally:
            await page.close()

    rows, page_legend, extras = shared_browser().run(legend_of)
    assert "eastern_ghouta" in rows and "military_police" in rows
    assert not {"idlib", "northern_homs", "raqqa"} & set(rows)
    assert all(display == "none" for display in page_legend)
    assert any("zones-north" in name for name in extras)
    assert any("zones-place-label" in name for name in extras)


@pytest.mark.browser
def test_a_figure_carries_its_whole_attribution_inside_it_beside_the_scale_bar(shipped_result):
    catalogue = load_catalogue(DEFAULT_DATA_DIR)
    html = standalone_html(GHOUTA, catalogue, shipped_result, figure=True)

    async def boxes(browser):
        page = await browser.new_page(viewport={"width": 1280, "height": 800})
        try:
            await page.set_content(html)
            await page.wait_for_function("() => document.querySelector('.zones-figure-legend')")
            return await page.evaluate("""() => {
                const box = (node) => {
                    const r = node.getBoundingClientRect();
                    return {left: r.left, right: r.right, top: r.top, bottom: r.bottom};
                };
                const credit = document.querySelector('.leaflet-control-attribution');
                return {credit: box(credit), clipped: credit.scrollWidth > credit.clientWidth + 1,
                        scale: box(document.querySelector('.leaflet-control-scale'))};
            }""")
        finally:
            await page.close()

    found = shared_browser().run(boxes)
    credit, scale = found["credit"], found["scale"]
    assert credit["left"] >= 0 and credit["right"] <= 1280 and credit["bottom"] <= 800
    assert not found["clipped"]  # wrapped, not cut to one line
    overlaps = not (credit["right"] <= scale["left"] or scale["right"] <= credit["left"]
                    or credit["bottom"] <= scale["top"] or scale["bottom"] <= credit["top"])
    assert not overlaps


@pytest.mark.browser
def test_html_opens_from_a_file_offline_and_draws_every_visible_layer(sample_catalogue, sample_result,
                                                                     out_dir):
    catalogue, result = sample_catalogue, sample_result
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


@pytest.mark.browser
def test_png_shows_visible_layers_where_they_lie_and_not_hidden_ones(sample_catalogue, sample_result):
    catalogue, result = sample_catalogue, sample_result
    snapshot = Snapshot(layers=("idlib", "events"), view=VIEW, title="Test", day=SU22_ON_MAP)
    image = png_image(snapshot_bytes(snapshot, "png", catalogue, result))
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
def test_png_size_follows_the_scale_and_the_figure_hides_controls(sample_catalogue, sample_result):
    catalogue, result = sample_catalogue, sample_result
    view = View(lat=35.8, lon=38.58, zoom=9)
    snapshot = Snapshot(layers=("events",), view=view, width=400, height=300, scale=2, title="",
                        day=SU22_ON_MAP)
    image = png_image(snapshot_bytes(snapshot, "png", catalogue, result))
    assert image.size == (800, 600)
    assert _near(image.getpixel((400, 300)), _colour(catalogue.get("events").style["fill_color"]))
    figure = standalone_html(snapshot, catalogue, result, figure=True)
    hidden = re.search(r"<style>\s*(\.leaflet-control-zoom,[^{]*)\{ display: none !important; \}", figure)
    assert hidden and {".leaflet-control-zoom", ".leaflet-control-measure"} <= \
        {name.strip() for name in hidden.group(1).split(",")}


@pytest.mark.browser
def test_pdf_is_one_page_of_the_requested_size(sample_catalogue, sample_result):
    catalogue, result = sample_catalogue, sample_result
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
def test_unreachable_online_tiles_fail_clearly_and_leave_no_file(sample_catalogue, sample_result, out_dir,
                                                                 monkeypatch):
    catalogue, result = sample_catalogue, sample_result
    monkeypatch.setitem(TILES, "osm", TileChoice("Test tiles", "https://tiles.invalid/{z}/{x}/{y}.png",
                                                 "Test tiles"))
    with pytest.raises(ExportError, match="offline basemap") as raised:
        export_snapshot(Snapshot(layers=("idlib",), tiles="osm"), "png", catalogue, result,
                        out_dir / "tiles.png")
    assert raised.value.option == "tiles"
    assert list(out_dir.iterdir()) == []


@pytest.mark.browser
def test_two_exports_at_once_do_not_mix_up_their_files(sample_catalogue, sample_result, out_dir):
    catalogue, result = sample_catalogue, sample_result
    first = Snapshot(layers=("idlib", "events"), view=VIEW, title="First", day=SU22_ON_MAP)
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
    one, two = png_image(paths["first"].read_bytes()), png_image(paths["second"].read_bytes())
    assert one.size == (1280, 800) and two.size == (1000, 700)
    homs = catalogue.get("northern_homs").style
    homs_colour = _over(_colour(homs["fill_color"]), homs["fill_opacity"], SEA)
    assert _near(one.getpixel(_pixel_of(34.93, 36.73, VIEW, 1280, 800)), SEA, 3)
    assert _near(two.getpixel(_pixel_of(34.93, 36.73, VIEW, 1000, 700)), homs_colour)
    assert _near(one.getpixel(_pixel_of(35.80, 38.58, VIEW, 1280, 800)),
                 _colour(catalogue.get("events").style["fill_color"]))
    assert sorted(path.name for path in out_dir.iterdir()) == ["first.png", "second.png"]
