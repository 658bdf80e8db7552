"""The four kinds of snapshot file, as bytes.

- ``html``: a standalone interactive map, every script, stylesheet and image inlined, that opens
  from a file with no server and no internet;
- ``png`` and ``pdf``: that same document in a page of the requested size, drawn by a headless
  Chromium (:mod:`zones.export.chromium`) with every non-local request refused, then captured as
  a figure: title, as-of date and source line, the legend of the visible layers, a scale bar and
  the data's attribution, without the interactive controls;
- ``geojson``: the visible layers' features with all their properties and a ``layer_id``.
"""

from __future__ import annotations

import json
import math
from html import escape
from urllib.parse import urlparse

from zones.analysis.validity import active_on
from zones.data.catalogue import Catalogue
from zones.data.layers import LoadResult
from zones.export.chromium import BrowserError, render_page, shared_browser
from zones.export.figure import FIGURE_CSS, READY_JS, DrawnSignal, FigureTitle
from zones.export.snapshot import PRODUCT, SOURCE_LINE, ExportError, Snapshot, check_snapshot
from zones.language import long_date, words
from zones.map.assets import PAGE_STATIC_URL, inline_document
from zones.map.builder import TILES, base_map, layer_group
from zones.map.literal_script import Literal
from zones.map.payload import feature_collection
from zones.map.styles import layer_class

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
    """The visible layers' features valid on ``snapshot.day``, every property kept, plus
    ``layer_id``; missing values as null, ``sources`` lists as lists, full-precision geometry.

    Strict JSON (RFC 8259): a property number that is not finite (NaN, Infinity, which a layer
    file may hold) is written as null, so that ``JSON.parse`` and strict parsers read the file.
    """
    features = []
    for spec in _ordered(snapshot, catalogue):
        frame = active_on(result.layers[spec.id].frame, snapshot.day).assign(layer_id=spec.id)
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
    FigureTitle(snapshot.title, as_of, SOURCE_LINE).add_to(fmap)
    if figure:
        style = Literal(FIGURE_CSS)
        style._id = "zonesfigurecss"
        root.header.add_child(style)
        DrawnSignal().add_to(fmap)
    return inline_document(root.render(), PAGE_STATIC_URL)


def _figure(snapshot: Snapshot, fmt: str, catalogue: Catalogue, result: LoadResult) -> bytes:
    html = standalone_html(snapshot, catalogue, result, figure=True)
    drawn = [spec for spec in _ordered(snapshot, catalogue)
             if feature_collection(result.layers[spec.id], lang=snapshot.lang, day=snapshot.day)["features"]]
    expected = {"paths": [layer_class(spec.id) for spec in drawn],
                "legend": [spec.id for spec in drawn if not spec.is_basemap]}
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
