"""What the map carrier sends to the browser, as plain data.

folium builds the base map (view options, scale bar, controls, plugins); its rendered script is
split into the part that draws the first picture (the Leaflet map itself and any tile layer) and
the extras that may follow it (measure tool, full screen, mouse position, mini-map). Each layer
travels as its GeoJSON text (``browser_data.feature_json``: pre-escaped text, rounded
coordinates) under a version that is a hash of that text, so that the browser keeps what it
already has and a rerun with unchanged layers sends nothing but the version. A large layer is
written once to ``static/cache/layers/<version>.json`` and fetched by the browser instead:
Streamlit's page takes seconds to digest megabytes of component data, a fetch takes
milliseconds, and the browser's HTTP cache keeps it across page loads.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import tempfile
from collections import OrderedDict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from html import escape
from pathlib import Path

import folium
from branca.element import Element, Figure
from jinja2.utils import htmlsafe_json_dumps

from zones.core import BASEMAP_KIND
from zones.data.catalogue import Catalogue
from zones.data.layers import LayerData
from zones.map.assets import PAGE_STATIC_URL, STATIC_DIR, localise
from zones.map.builder import MINIMAP_LAYER, base_map
from zones.map.legend import Legend, legend_html
from zones.map.minimap import OfflineMiniMap
from zones.map.payload import day_that_matters, feature_collection, feature_json
from zones.map.popups import POPUP_OPTIONS

# Asset names (folium's) that the first picture needs; every other asset waits for the extras.
CORE_ASSETS = frozenset({"leaflet", "leaflet_css", "zones_css"})
# A point layer at least this large is drawn on a canvas: thousands of SVG circles make panning
# and zooming stutter, while small layers keep SVG paths (crisp, and findable in the page).
CANVAS_MIN_POINTS = 1000
VERSION_CHARS = 16
# A layer's JSON longer than this goes by file (see the module's docstring): inline, it would go
# over the websocket with every page opened (694 kB at 200 kB, 123 kB at this size), while a file
# is fetched in parallel over HTTP and kept by the browser's cache.
INLINE_MAX_CHARS = 16_000
CACHE_FOLDER = "cache/layers"  # under static/; written at run time, ignored by git
_BASE_CACHE_SIZE = 16


@dataclass(frozen=True)
class BaseMap:
    """The folium base map as the browser runs it.

    ``core`` creates the Leaflet map (a ``var`` named ``map_name``) and ``extras`` adds the
    controls that can wait, given the map under that same name. ``version`` changes whenever
    anything here changes.
    """

    version: str
    map_name: str
    core: str
    extras: str
    core_js: tuple[str, ...]
    core_css: tuple[str, ...]
    extras_js: tuple[str, ...]
    extras_css: tuple[str, ...]
    legend: str

    def as_data(self) -> dict:
        return {"version": self.version, "map_name": self.map_name, "core": self.core,
                "extras": self.extras, "js": list(self.core_js), "css": list(self.core_css),
                "extras_js": list(self.extras_js), "extras_css": list(self.extras_css),
                "legend": self.legend}


def build_base(catalogue: Catalogue, *, tiles: str = "offline", lang: str = "en",
               minimap: LayerData | None = None, static_url: str = PAGE_STATIC_URL) -> BaseMap:
    """The base map of :func:`zones.map_builder.base_map` without vector layers, split in two.

    The legend is not taken from folium's script: the browser builds it from ``legend`` (the
    escaped HTML of :func:`zones.legend.legend_html`) and adds a checkbox to each layer's row.
    ``minimap`` (the countries layer) draws the offline overview among the extras.
    Raises ValueError for an unknown ``tiles`` choice, as ``base_map`` does.
    """
    fmap = base_map(catalogue, tiles=tiles, basemap=(), lang=lang, static_url=static_url)
    if minimap is not None:
        overview = OfflineMiniMap(minimap)
        overview._id = "minimap"
        localise(overview, static_url)
        overview.add_to(fmap)
    root: Figure = fmap.get_root()
    root.render()
    elements = {element.get_name(): element for element in _walk(fmap)}
    core, extras = [], []
    for name, part in root.script._children.items():
        element = elements.get(name)
        if isinstance(element, Legend):
            continue
        text = part.render()
        (core if isinstance(element, (folium.Map, folium.TileLayer)) else extras).append(text)
    links = {"core_js": [], "core_css": [], "extras_js": [], "extras_css": []}
    for name, link in root.header._children.items():
        kind = "js" if isinstance(link, folium.elements.JavascriptLink) else \
            "css" if isinstance(link, folium.elements.CssLink) else None
        if kind is None or not link.url:
            continue
        part = "core" if name in CORE_ASSETS else "extras"
        if link.url not in links[f"{part}_{kind}"]:
            links[f"{part}_{kind}"].append(link.url)
    legend = legend_html(catalogue, lang)
    core_text, extras_text = "\n".join(core), "\n".join(extras)
    version = _digest("\x00".join([core_text, extras_text, legend, *links["core_js"],
                                   *links["extras_js"], *links["core_css"], *links["extras_css"]]))
    return BaseMap(version=version, map_name=fmap.get_name(), core=core_text, extras=extras_text,
                   legend=legend, **{key: tuple(value) for key, value in links.items()})


_base_cache: OrderedDict[tuple, tuple[Catalogue, LayerData | None, BaseMap]] = OrderedDict()


def cached_base(catalogue: Catalogue, *, tiles: str, lang: str, minimap: LayerData | None,
                static_url: str = PAGE_STATIC_URL) -> BaseMap:
    """:func:`build_base`, computed once per catalogue, tiles, language and mini-map layer.

    The cache holds the catalogue and layer it was built from, so an id is never reused for a
    different object while its entry lives.
    """
    key = (id(catalogue), tiles, lang, id(minimap), static_url)
    hit = _base_cache.get(key)
    if hit is not None and hit[0] is catalogue and hit[1] is minimap:
        _base_cache.move_to_end(key)
        return hit[2]
    base = build_base(catalogue, tiles=tiles, lang=lang, minimap=minimap, static_url=static_url)
    _base_cache[key] = (catalogue, minimap, base)
    while len(_base_cache) > _BASE_CACHE_SIZE:
        _base_cache.popitem(last=False)
    return base


def minimap_layer(layers: dict[str, LayerData]) -> LayerData | None:
    """The layer the offline mini-map draws, when it loaded."""
    return layers.get(MINIMAP_LAYER)


def layer_version(layer: LayerData, *, lang: str, day: dt.date | None) -> str:
    """A hash of exactly what the browser receives for this layer, language and date; cached."""
    key = ("carrier_version", lang, day_that_matters(layer, day))
    return layer.derive(key, lambda: _digest(f"{layer.spec.id}\x00{feature_json(layer, lang=lang, day=day)}"))


def point_count(layer: LayerData, *, lang: str, day: dt.date | None) -> int:
    """How many point features the browser draws for this layer, language and date (cached)."""
    key = ("point_count", lang, day_that_matters(layer, day))

    def count() -> int:
        features = feature_collection(layer, lang=lang, day=day)["features"]
        return sum(1 for feature in features if feature["geometry"]["type"] in ("Point", "MultiPoint"))

    return layer.derive(key, count)


def layer_entry(layer: LayerData, *, lang: str, day: dt.date | None) -> dict:
    """What the browser needs to know of a layer on this run besides its data: its id, the
    version of its data and whether it goes on a canvas (both change with the language and day).
    The rest, which never changes with them, travels once in :func:`layer_info`."""
    return {"id": layer.spec.id, "version": layer_version(layer, lang=lang, day=day),
            "canvas": point_count(layer, lang=lang, day=day) >= CANVAS_MIN_POINTS}


def layer_info(layer: LayerData) -> dict:
    """How the browser draws a layer, whatever the language and day: basemap or not, clickable
    or not, its attribution (escaped), popup options and extent."""
    spec = layer.spec
    return {"basemap": spec.is_basemap, "interactive": spec.kind.name != BASEMAP_KIND,
            "attribution": escape(spec.attribution), "popup": POPUP_OPTIONS, "bounds": layer_bounds(layer)}


def layer_bounds(layer: LayerData) -> list[float] | None:
    """The layer's extent as [south, west, north, east] (for the legend, which lists only the
    layers with something in view), or None for a layer without features."""
    def compute() -> list[float] | None:
        frame = layer.frame
        if frame.empty or frame.geometry.is_empty.all():
            return None
        west, south, east, north = (round(float(value), 4) for value in frame.total_bounds)
        return [south, west, north, east]

    return layer.derive("bounds", compute)


def layer_file(layer: LayerData, *, lang: str, day: dt.date | None, static_url: str = PAGE_STATIC_URL,
               static_dir: Path = STATIC_DIR) -> str | None:
    """The address of the layer's JSON as a file under ``static/``, written once per version.

    None when the folder cannot be written (a read-only install): the data then goes inline.
    """
    version = layer_version(layer, lang=lang, day=day)
    return text_file(version, feature_json(layer, lang=lang, day=day), static_url=static_url,
                     static_dir=static_dir)


def text_file(version: str, text: str, *, static_url: str = PAGE_STATIC_URL,
              static_dir: Path = STATIC_DIR) -> str | None:
    """The address of ``text`` as a file under ``static/``, written once per ``version``; None
    when the folder cannot be written (a read-only install)."""
    name = f"{CACHE_FOLDER}/{version}.json"
    path = static_dir / name
    if not path.is_file():
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            # written beside, then renamed: a reader never sees half a file
            handle, temporary = tempfile.mkstemp(dir=path.parent, suffix=".part")
            with os.fdopen(handle, "w", encoding="utf-8") as stream:
                stream.write(text)
            os.replace(temporary, path)
        except OSError:
            return None
    return f"{static_url}/{name}"


def map_data(base: BaseMap, layers: Sequence[LayerData], *, visible: Iterable[str], lang: str,
             day: dt.date | None, have: Iterable[str] | None, target: dict, module: str,
             height: int, switch_prefix: str = "", labels: LabelsText | None = None, tiles_failed: str = "",
             phases: Mapping[str, str] | None = None,
             labels_with: str = "", static_url: str = PAGE_STATIC_URL,
             static_dir: Path = STATIC_DIR) -> dict:
    """The component's data for one run.

    ``layers`` are the loaded layers in drawing order; ``visible`` the ids to show. ``have`` is
    what the browser reported holding (None before it has drawn anything): the base map and
    layer data are sent only for versions it lacks, the visible layers' first and the hidden
    ones' only once the browser has drawn, so that opening the page waits for nothing it does
    not show.
    ``switch_prefix`` is the CSS class before a layer id that marks the sidebar's checkbox for
    that layer (Streamlit's ``st-key-<key>``); the browser toggles the map when one changes.
    ``tiles_failed`` is what the map says when online tiles do not load, and ``phases`` each zone
    layer's phase on the day, shown in the legend (plain text, escaped here).
    ``labels`` are the town names (:func:`labels_text`), shown while the layer ``labels_with``
    is; they travel like a layer's data, once per version.
    """
    entries = [layer_entry(layer, lang=lang, day=day) for layer in layers]
    wanted = set(visible)
    shown = [entry["id"] for entry in entries if entry["id"] in wanted]  # in drawing order
    held = set(have or ())
    data, files = {}, {}
    for layer, entry in zip(layers, entries, strict=True):
        wanted = entry["id"] in shown or have is not None
        if not wanted or entry["version"] in held:
            continue
        text = feature_json(layer, lang=lang, day=day)
        url = layer_file(layer, lang=lang, day=day, static_url=static_url, static_dir=static_dir) \
            if len(text) > INLINE_MAX_CHARS else None
        if url:
            files[entry["version"]] = url
        else:
            data[entry["version"]] = text
    # Every run resends the component's whole data, so what never changes goes once, by version,
    # like a layer's features: a toggle's run then carries a few hundred bytes, not kilobytes.
    info_text = str(htmlsafe_json_dumps({layer.spec.id: layer_info(layer) for layer in layers},
                                        ensure_ascii=False, separators=(",", ":")))
    info_version = _digest("info\x00" + info_text)
    if info_version not in held:
        data[info_version] = info_text
    label_entry = None
    if labels:
        label_entry = {"version": labels.version, "with": labels_with}
        if labels.version not in held:
            url = text_file(labels.version, labels.text, static_url=static_url, static_dir=static_dir) \
                if len(labels.text) > INLINE_MAX_CHARS else None
            if url:
                files[labels.version] = url
            else:
                data[labels.version] = labels.text
    # the base map's scripts, too, only go to a browser that does not hold this version
    base_data = {"version": base.version} if base.version in held else base.as_data()
    return {"module": module, "height": height, "base": base_data, "layers": entries, "info": info_version,
            "visible": shown, "data": data, "files": files, "target": target,
            "switch_prefix": switch_prefix, "labels": label_entry, "tiles_failed": escape(tiles_failed),
            "phases": {layer_id: escape(name) for layer_id, name in (phases or {}).items()}}


@dataclass(frozen=True)
class LabelsText:
    """Town names as the browser receives them, and the version that names this text."""

    version: str
    text: str


def labels_text(labels: Sequence[list]) -> LabelsText:
    """The names of :func:`zones.map.place_labels.place_labels` escaped here, like every other
    text the browser receives (it inserts them as they are), as JSON with its version. Worked
    out once per language by the caller: escaping thousands of names is not a per-run cost."""
    escaped = [[lat, lon, escape(name), zoom] for lat, lon, name, zoom in labels]
    text = str(htmlsafe_json_dumps(escaped, ensure_ascii=False, separators=(",", ":")))
    return LabelsText(version=_digest("labels\x00" + text), text=text)


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:VERSION_CHARS]


def _walk(root: Element):
    yield root
    for child in root._children.values():
        yield from _walk(child)
