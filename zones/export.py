"""Snapshot files of a map view, ready for a briefing, an article or a paper.

A :class:`Snapshot` says what to show (layers, view, as-of date, title, size); from it this module
produces four kinds of file:

- ``html``: a standalone interactive map, every script, stylesheet and image inlined, that opens
  from a file with no server and no internet;
- ``png`` and ``pdf``: that same document in a page of the requested size, drawn by a headless
  Chromium (:mod:`zones.browser`) with every non-local request refused, then captured as a
  figure: title, as-of date and source line, the legend of the visible layers, a scale bar and
  the data's attribution, without the interactive controls;
- ``geojson``: the visible layers' features with all their properties and a ``layer_id``.

Files are written atomically (a temporary file in the target folder, then ``os.replace``), so a
failed export never leaves a partial file. Every failure is an :class:`ExportError` that names
what went wrong and what to try.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import os
import re
import tempfile
from dataclasses import dataclass, field
from html import escape
from pathlib import Path
from urllib.parse import urlparse

from zones.assets import PAGE_STATIC_URL, inline_document
from zones.browser import BrowserError, render_page, shared_browser
from zones.browser_data import active_on, feature_collection
from zones.catalogue import Catalogue
from zones.figure import FIGURE_CSS, READY_JS, DrawnSignal, FigureTitle
from zones.i18n import LANGUAGES
from zones.literal_script import Literal
from zones.loading import LoadResult
from zones.map_builder import TILES, View, base_map, layer_group
from zones.styles import layer_class
from zones.view_state import FOUNDING_DATE as DEFAULT_DATE

PRODUCT = "syria-2017-zones"
DEFAULT_TITLE = "Syria, July 2017: de-escalation zones"
SOURCE_LINE = ("Source: Syria 2017 zones project, hand-drawn from public reporting; "
               "outlines approximate (CC BY 4.0)")
FORMATS = ("png", "pdf", "html", "geojson")
MEDIA_TYPES = {"png": "image/png", "pdf": "application/pdf", "html": "text/html",
               "geojson": "application/geo+json"}
# Named sizes in CSS px; A4 landscape at 150 dpi is 297 × 210 mm = 1754 × 1240 px.
SIZES = {"1280x800": (1280, 800), "1920x1080": (1920, 1080), "a4-landscape-150dpi": (1754, 1240)}
SCALES = (1, 2)
ZOOM_RANGE = (4, 16)
SIDE_RANGE = (200, 4000)
MAX_TITLE_CHARS = 120
RENDER_TIMEOUT_S = 30.0
class ExportError(Exception):
    """A snapshot that cannot be produced. ``option`` names the setting at fault, if any."""

    def __init__(self, message: str, *, option: str | None = None):
        super().__init__(message)
        self.option = option


@dataclass(frozen=True)
class Snapshot:
    """What a snapshot shows.

    ``layers`` are catalogue ids (drawn in catalogue order); ``view`` the centre (degrees) and
    zoom; ``on`` the as-of date; ``width``/``height`` the figure in CSS px and ``scale`` its
    pixel density; ``tiles`` a :data:`zones.map_builder.TILES` key (online tiles are the only
    requests a snapshot lets out, and only when chosen).
    """

    layers: tuple[str, ...]
    view: View = field(default_factory=View)
    on: dt.date = DEFAULT_DATE
    title: str = DEFAULT_TITLE
    width: int = 1280
    height: int = 800
    scale: int = 1
    tiles: str = "offline"
    lang: str = "en"


def check_snapshot(snapshot: Snapshot, catalogue: Catalogue, result: LoadResult,
                   fmt: str = "png") -> None:
    """Raise :class:`ExportError` (with ``option`` set) for any setting that cannot be honoured."""
    if fmt not in FORMATS:
        raise ExportError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}.", option="format")
    if not snapshot.layers:
        raise ExportError(f"no layer chosen; give at least one of {', '.join(catalogue.ids)}.",
                          option="layers")
    for layer_id in snapshot.layers:
        if layer_id not in catalogue.ids:
            raise ExportError(f"unknown layer {layer_id!r}; known layers: {', '.join(catalogue.ids)}.",
                              option="layers")
        if layer_id not in result.layers:
            problem = next((error.message for error in result.errors
                            if error.layer and error.layer.id == layer_id), "it did not load")
            raise ExportError(f"layer {layer_id!r} cannot be drawn: {problem} "
                              "Run `python -m zones check`, or leave the layer out.", option="layers")
    view = snapshot.view
    if not (-90 <= view.lat <= 90 and -180 <= view.lon <= 180) or math.isnan(view.lat + view.lon):
        raise ExportError(f"centre {view.lat},{view.lon} is not a latitude,longitude in degrees "
                          "(latitude -90 to 90, longitude -180 to 180).", option="center")
    if not ZOOM_RANGE[0] <= view.zoom <= ZOOM_RANGE[1]:
        raise ExportError(f"zoom {view.zoom} is outside {ZOOM_RANGE[0]}–{ZOOM_RANGE[1]}.", option="zoom")
    for name, value in (("width", snapshot.width), ("height", snapshot.height)):
        if not SIDE_RANGE[0] <= value <= SIDE_RANGE[1]:
            raise ExportError(f"{name} {value} px is outside {SIDE_RANGE[0]}–{SIDE_RANGE[1]}.",
                              option=name)
    if snapshot.scale not in SCALES:
        raise ExportError(f"scale {snapshot.scale} is not allowed; choose 1 or 2.", option="scale")
    if snapshot.tiles not in TILES:
        raise ExportError(f"unknown tiles {snapshot.tiles!r}; choose one of {', '.join(TILES)}.",
                          option="tiles")
    if snapshot.lang not in LANGUAGES:
        raise ExportError(f"unknown language {snapshot.lang!r}; choose one of {', '.join(LANGUAGES)}.",
                          option="lang")
    if len(snapshot.title) > MAX_TITLE_CHARS:
        raise ExportError(f"the title has {len(snapshot.title)} characters; keep it to "
                          f"{MAX_TITLE_CHARS}.", option="title")


def file_name(snapshot: Snapshot, fmt: str, catalogue: Catalogue) -> str:
    """A meaningful, safe file name: product, date, layers, view and extension.

    For example ``syria-2017-zones_2017-07-06_idlib-south_34.90N-38.30E-z7.png``. Only
    ``[a-z0-9._-]`` survive, so the name can never leave the folder it is written to.
    """
    shown = [spec.id for spec in catalogue.layers if spec.id in snapshot.layers and not spec.is_basemap]
    thematic = [spec.id for spec in catalogue.layers if not spec.is_basemap]
    if not shown:
        layers = "basemap"
    elif shown == thematic and len(shown) > 3:
        layers = "all-layers"
    elif len(shown) > 3:
        layers = "-".join(shown[:2]) + f"-and-{len(shown) - 2}-more"
    else:
        layers = "-".join(shown)
    view = snapshot.view
    place = (f"{abs(view.lat):.2f}{'N' if view.lat >= 0 else 'S'}-"
             f"{abs(view.lon):.2f}{'E' if view.lon >= 0 else 'W'}-z{view.zoom}")
    stem = "_".join((PRODUCT, snapshot.on.isoformat(), layers.replace("_", "-"), place))
    return safe_name(f"{stem}.{fmt}")


def safe_name(name: str) -> str:
    """``name`` lower-cased with anything but ``[a-z0-9._-]`` replaced, never hidden or empty."""
    cleaned = re.sub(r"[^a-z0-9._-]+", "-", name.lower()).lstrip(".-")
    return cleaned[:200] or "snapshot"


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


def export_snapshot(snapshot: Snapshot, fmt: str, catalogue: Catalogue, result: LoadResult,
                    path: Path) -> Path:
    """Write the snapshot to ``path`` atomically and return ``path``.

    When ``path`` is an existing folder, the file goes inside it under :func:`file_name`.
    Raises :class:`ExportError`; on failure no file (and no partial file) is left.
    """
    path = Path(path)
    if path.is_dir():
        path = path / file_name(snapshot, fmt, catalogue)
    if not path.parent.is_dir():
        raise ExportError(f"the folder {path.parent} does not exist; create it or choose another.",
                          option="out")
    write_atomic(path, snapshot_bytes(snapshot, fmt, catalogue, result))
    return path


def write_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file in the same folder and ``os.replace``.

    The file gets the usual permissions (0666 less the umask). Raises :class:`ExportError` if
    the folder cannot be written; the temporary file is then removed.
    """
    path = Path(path)
    try:
        descriptor, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".part")
    except OSError as error:
        raise ExportError(f"cannot write in {path.parent} ({error.strerror}); choose a folder you "
                          "can write to.", option="out") from None
    try:
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temporary, 0o666 & ~_UMASK)
        os.replace(temporary, path)
    except OSError as error:
        Path(temporary).unlink(missing_ok=True)
        raise ExportError(f"cannot write {path} ({error.strerror}); check the disk space and the "
                          "folder's permissions.", option="out") from None
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _current_umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


_UMASK = _current_umask()  # read once at import: os.umask cannot be read without setting it


# ---------------------------------------------------------------------------- the formats

def geojson_text(snapshot: Snapshot, catalogue: Catalogue, result: LoadResult) -> str:
    """The visible layers' features valid on ``snapshot.on``, every property kept, plus
    ``layer_id``; dates as ISO strings, ``sources`` lists as lists, full-precision geometry."""
    features = []
    for spec in _ordered(snapshot, catalogue):
        frame = active_on(result.layers[spec.id].frame, snapshot.on)
        columns = [column for column in frame.columns if column != "geometry"]
        for values, geometry in zip(frame[columns].itertuples(index=False, name=None),
                                    frame.geometry, strict=True):
            properties = {column: _plain(value) for column, value in zip(columns, values, strict=True)}
            properties["layer_id"] = spec.id
            features.append({"type": "Feature", "properties": properties,
                             "geometry": None if geometry is None else geometry.__geo_interface__})
    collection = {"type": "FeatureCollection", "features": features}
    return json.dumps(collection, ensure_ascii=False, separators=(",", ":"), default=_json_default) + "\n"


def standalone_html(snapshot: Snapshot, catalogue: Catalogue, result: LoadResult, *,
                    figure: bool = False) -> str:
    """The snapshot as one self-contained HTML document (assets inlined, no network needed).

    ``figure`` hides the interactive controls (zoom, full screen, mouse position) and marks the
    page as drawn once every layer is on the map, for a PNG or PDF capture.
    """
    fmap = base_map(catalogue, view=snapshot.view, tiles=snapshot.tiles, lang=snapshot.lang,
                    static_url=PAGE_STATIC_URL)
    for spec in _ordered(snapshot, catalogue):
        layer_group(result.layers[spec.id], lang=snapshot.lang, on=snapshot.on).add_to(fmap)
    root = fmap.get_root()
    heading = Literal(f"<title>{escape(snapshot.title or PRODUCT)}</title>")
    heading._id = "zonestitletag"
    root.header.add_child(heading)
    FigureTitle(snapshot.title, f"As of {snapshot.on.day} {snapshot.on:%B %Y}", SOURCE_LINE).add_to(fmap)
    if figure:
        style = Literal(FIGURE_CSS)
        style._id = "zonesfigurecss"
        root.header.add_child(style)
        DrawnSignal().add_to(fmap)
    return inline_document(root.render(), PAGE_STATIC_URL)


def _figure(snapshot: Snapshot, fmt: str, catalogue: Catalogue, result: LoadResult) -> bytes:
    html = standalone_html(snapshot, catalogue, result, figure=True)
    drawn = [spec for spec in _ordered(snapshot, catalogue)
             if feature_collection(result.layers[spec.id], lang=snapshot.lang, on=snapshot.on)["features"]]
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


def _plain(value):
    """A property value as JSON wants it: NaN/NaT as null, dates as ISO strings, numpy as Python."""
    if isinstance(value, list | dict | str | bool) or value is None:
        return value
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    if hasattr(value, "isoformat"):  # pandas Timestamp
        return None if value != value else value.isoformat()
    if hasattr(value, "item"):  # numpy scalar
        value = value.item()
    if isinstance(value, float) and math.isnan(value):
        return None
    return value


def _json_default(value):
    plain = _plain(value)
    if plain is value:
        return str(value)
    return plain
