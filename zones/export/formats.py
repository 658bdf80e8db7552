"""The four kinds of snapshot file, as bytes.

- ``html``: a standalone interactive map, every script, stylesheet and image inlined, that opens
  from a file with no server and no internet;
- ``png`` and ``pdf``: that same document in a page of the requested size, drawn by a headless
  Chromium (:mod:`zones.export.chromium`) with every non-local request refused, then captured as
  a figure: title, as-of date and source line, a legend of the layers with features in view,
  town labels (zoom 9 and closer), a scale bar, a north arrow, a locator inset and the data's
  attribution, without the interactive controls;
- ``geojson``: the visible layers' features with all their properties and a ``layer_id``.
"""

from __future__ import annotations

import json
import math
from html import escape
from urllib.parse import urlparse

import shapely
from shapely.geometry import box, shape

from zones.analysis.validity import shown_on
from zones.data.catalogue import Catalogue, LayerSpec
from zones.data.gazetteer_file import Place, load_places
from zones.data.layers import LoadResult
from zones.export.chromium import BrowserError, render_page, shared_browser
from zones.export.figure import (
    FIGURE_CSS,
    READY_JS,
    DrawnSignal,
    FigureLegend,
    FigureTitle,
    LocatorInset,
    NorthArrow,
    PlaceLabels,
    figure_legend_html,
)
from zones.export.figure_layout import (
    PlaceLabel,
    control_boxes,
    legend_columns,
    locator_svg,
    place_labels,
    view_bounds,
)
from zones.export.snapshot import PRODUCT, ExportError, Snapshot, check_snapshot
from zones.language import feature_name, long_date, words
from zones.map.assets import PAGE_STATIC_URL, inline_document
from zones.map.builder import TILES, base_map, layer_group
from zones.map.legend import legend_rows
from zones.map.literal_script import Literal
from zones.map.payload import feature_collection
from zones.map.styles import layer_class

CITY_KIND = "city"

RENDER_TIMEOUT_S = 30.0


def snapshot_bytes(snapshot: Snapshot, fmt: str, catalogue: Catalogue, result: LoadResult) -> bytes:
    """The snapshot file's content in format ``fmt`` (one of :data:`FORMATS`).

    Raises :class:`ExportError` for a bad setting or when Chromium fails.
    """
    check_snapshot(snapshot, catalogue, result, fmt)
    if fmt == "geojson":
        return geojson_text(snapshot, catalogue, result).encode("utf-8")
    if fmt == "html":
        return standalone_html(snapshot, catalogue, result).encode("utf-8")
    return _figure(snapshot, fmt, catalogue, result)


def geojson_text(snapshot: Snapshot, catalogue: Catalogue, result: LoadResult) -> str:
    """The visible layers' features on the map on ``snapshot.day``, every property kept, plus
    ``layer_id``; missing values as null, ``sources`` lists as lists, full-precision geometry.

    Strict JSON (RFC 8259): a property number that is not finite (NaN, Infinity, which a layer
    file may hold) is written as null, so that ``JSON.parse`` and strict parsers read the file.
    """
    features = []
    for spec in _ordered(snapshot, catalogue):
        layer = result.layers[spec.id]
        frame = shown_on(layer.frame, spec.kind.name, snapshot.day).assign(layer_id=spec.id)
        features += json.loads(frame.to_json(na="null", drop_id=True))["features"]
    collection = {"type": "FeatureCollection", "features": [_finite(feature) for feature in features]}
    return json.dumps(collection, ensure_ascii=False, separators=(",", ":"), allow_nan=False) + "\n"


def _finite(value: object) -> object:
    """``value`` with every non-finite float, however deeply nested, replaced by None.
    (Recursive: the loader keeps properties under ``MAX_PROPERTY_DEPTH`` levels.)"""
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, dict):
        return {key: _finite(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_finite(item) for item in value]
    return value


def standalone_html(snapshot: Snapshot, catalogue: Catalogue, result: LoadResult, *,
                    figure: bool = False) -> str:
    """The snapshot as one self-contained HTML document (assets inlined, no network needed).

    ``figure`` hides the interactive controls (zoom, full screen, mouse position) and marks the
    page as drawn once every layer is on the map, for a PNG or PDF capture.
    """
    fmap = base_map(catalogue, view=snapshot.view, tiles=snapshot.tiles, lang=snapshot.lang,
                    static_url=PAGE_STATIC_URL)
    for spec in _ordered(snapshot, catalogue):
        layer_group(result.layers[spec.id], lang=snapshot.lang, day=snapshot.day).add_to(fmap)
    root = fmap.get_root()
    heading = Literal(f"<title>{escape(snapshot.title or PRODUCT)}</title>")
    heading._id = "zonestitletag"
    root.header.add_child(heading)
    as_of = words(snapshot.lang)["as_of"].format(date=long_date(snapshot.day, snapshot.lang))
    FigureTitle(snapshot.title, as_of, words(snapshot.lang)["figure_source"], snapshot.lang).add_to(fmap)
    if figure:
        style = Literal(FIGURE_CSS)
        style._id = "zonesfigurecss"
        root.header.add_child(style)
        _add_figure_parts(fmap, snapshot, catalogue, result)
        DrawnSignal().add_to(fmap)
    return inline_document(root.render(), PAGE_STATIC_URL)


def layers_in_view(snapshot: Snapshot, catalogue: Catalogue,
                   result: LoadResult) -> list[tuple[LayerSpec, list[str]]]:
    """The snapshot's thematic (non-basemap) layers with a feature valid on ``snapshot.day``
    inside the figure's view (its ``width`` × ``height`` around ``view``), in catalogue order,
    each with the styled variants those features use, in the catalogue's variant order."""
    frame = box(*view_bounds(snapshot.view, snapshot.width, snapshot.height))
    found = []
    for spec in _ordered(snapshot, catalogue):
        if spec.is_basemap:
            continue
        layer = shown_on(result.layers[spec.id].frame, spec.kind.name, snapshot.day)
        inside = layer[layer.geometry.intersects(frame)]
        if inside.empty:
            continue
        used = {str(value) for name in spec.variant_properties if name in inside.columns
                for value in inside[name].dropna()}
        found.append((spec, [variant for variant in spec.variants if variant in used]))
    return found


def figure_labels(snapshot: Snapshot, catalogue: Catalogue, result: LoadResult,
                  places: tuple[Place, ...], *, legend_rows: int = 0) -> list[PlaceLabel]:
    """The gazetteer towns to name on the figure (zoom 9 and closer): those in view that fit
    beside the basemap cities' labels without overlapping, the better-known first.

    The gazetteer has no population; a town whose French and Arabic names the project filled in
    (done only for well-known places) ranks before one with one of them, then one with none,
    then in file order. No name goes under the title, legend (``legend_rows`` rows), inset,
    scale bar or attribution.
    """
    west, south, east, north = view_bounds(snapshot.view, snapshot.width, snapshot.height)
    inside = [place for place in places if west <= place.lon <= east and south <= place.lat <= north]
    inside.sort(key=lambda place: -(bool(place.name_fr) + bool(place.name_ar)))
    candidates = [PlaceLabel(place.label(snapshot.lang), place.lat, place.lon) for place in inside]
    cities, symbols = [], []
    for spec in _ordered(snapshot, catalogue):
        frame = shown_on(result.layers[spec.id].frame, spec.kind.name, snapshot.day)
        points = frame[frame.geometry.geom_type == "Point"]
        if spec.kind.name == CITY_KIND:
            cities += [PlaceLabel(feature_name(row.to_dict(), snapshot.lang), row.geometry.y, row.geometry.x)
                       for _, row in points.iterrows()]
        else:
            symbols += [(point.y, point.x) for point in points.geometry]
    reserved = control_boxes(snapshot.width, snapshot.height, title_chars=len(snapshot.title),
                             source_chars=len(words(snapshot.lang)["figure_source"]), legend_rows=legend_rows)
    return place_labels(candidates, snapshot.view, snapshot.width, snapshot.height, taken=cities,
                        symbols=symbols, reserved=reserved)


def _add_figure_parts(fmap, snapshot: Snapshot, catalogue: Catalogue, result: LoadResult) -> None:
    vocabulary = words(snapshot.lang)
    rows = []
    for spec, variants in layers_in_view(snapshot, catalogue, result):
        swatches = legend_rows(spec, snapshot.lang)
        rows.append((spec.id, *swatches[0]))
        rows += [(spec.id, *swatch) for variant, swatch in zip(spec.variants, swatches[1:], strict=False)
                 if variant in variants]
    FigureLegend(figure_legend_html(rows, heading=vocabulary["legend"], note=vocabulary["legend_dashed"],
                                    lang=snapshot.lang,
                                    columns=legend_columns(len(rows), snapshot.height))).add_to(fmap)
    NorthArrow(vocabulary["north_letter"]).add_to(fmap)
    outline = _country_outline(catalogue)
    if outline is not None:
        bounds = view_bounds(snapshot.view, snapshot.width, snapshot.height)
        LocatorInset(locator_svg(outline, bounds, label=vocabulary["locator"])).add_to(fmap)
    try:
        places = load_places(catalogue.directory)
    except (OSError, ValueError):
        places = ()  # a figure without town names is still a figure; the page reports the file
    labels = figure_labels(snapshot, catalogue, result, places, legend_rows=len(rows))
    if labels:
        PlaceLabels(labels).add_to(fmap)


def _country_outline(catalogue: Catalogue):
    """The region's outline (the country the data lies in) as a shapely geometry, or None."""
    region = catalogue.region
    if region.outline_file is None:
        return None
    try:
        features = json.loads(region.outline_file.read_text(encoding="utf-8"))["features"]
        shapes = [shape(feature["geometry"]) for feature in features if region.outline_name is None
                  or feature["properties"].get("name_en") == region.outline_name]
    except (OSError, ValueError, KeyError, TypeError):
        return None
    return shapely.union_all(shapes) if shapes else None


def _figure(snapshot: Snapshot, fmt: str, catalogue: Catalogue, result: LoadResult) -> bytes:
    html = standalone_html(snapshot, catalogue, result, figure=True)
    drawn = [spec for spec in _ordered(snapshot, catalogue)
             if feature_collection(result.layers[spec.id], lang=snapshot.lang, day=snapshot.day)["features"]]
    expected = {"paths": [layer_class(spec.id) for spec in drawn],
                "legend": [spec.id for spec, _ in layers_in_view(snapshot, catalogue, result)]}
    tile_url = TILES[snapshot.tiles].url
    tile_host = urlparse(tile_url).hostname if tile_url else None

    def allow(url: str) -> bool:
        return tile_host is not None and url.startswith("https://") and urlparse(url).hostname == tile_host

    async def work(browser) -> bytes:
        return await render_page(browser, html, width=snapshot.width, height=snapshot.height,
                                 scale=snapshot.scale, output=fmt, ready=READY_JS, ready_arg=expected,
                                 allow=allow, timeout_s=RENDER_TIMEOUT_S)

    from playwright.async_api import Error as PlaywrightError

    try:
        return shared_browser().run(work, timeout=RENDER_TIMEOUT_S + 30)
    except BrowserError as error:
        if tile_host and "tiles could not be loaded" in str(error):
            raise ExportError(f"the online background did not load ({error}); export with the offline "
                              "basemap, or check the internet connection.", option="tiles") from None
        raise ExportError(str(error)) from None
    except PlaywrightError as error:
        hint = ("the online tiles did not load: export with the offline basemap, or check the "
                "connection" if tile_host else "try again, or export HTML and open it in a browser")
        raise ExportError(f"Chromium could not draw the {fmt.upper()} "
                          f"({error.message.splitlines()[0]}); {hint}.") from None


def _ordered(snapshot: Snapshot, catalogue: Catalogue):
    return [spec for spec in catalogue.layers if spec.id in snapshot.layers]
