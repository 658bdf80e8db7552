"""The map in the page: a Streamlit custom component (v2, no iframe) that carries the folium map.

The browser side (``static/zones-map.js``) keeps one Leaflet map alive across reruns, so the view
never jumps; it loads Leaflet from ``static/`` and holds every layer's data under its version, so
a rerun sends only what changed (see :mod:`zones.map.carrier_data`). Layers are hidden and shown
in the browser at once, from the legend's checkboxes or the sidebar's; what the browser did
comes back as component state: the view, the visible layers and the versions it holds.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import hashlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import streamlit as st

from zones.analysis.phases import phase_on
from zones.core import ZONE_KIND, View, round_degrees
from zones.data.catalogue import Catalogue
from zones.data.gazetteer_file import Place
from zones.data.layers import LoadResult
from zones.language import words
from zones.map.assets import PAGE_STATIC_URL, STATIC_DIR
from zones.map.carrier_data import LabelsText, cached_base, labels_text, map_data, minimap_layer
from zones.map.place_labels import place_labels

COMPONENT_NAME = "zones_map"
MODULE_FILE = "zones-map.js"
MODULE_FILES = (MODULE_FILE, "zones-points.js", "zones-labels.js")  # the carrier and the modules it imports
# The component's own script stays this small loader, because Streamlit sends a component's
# inline script with every rerun; the carrier itself is a file the browser fetches once. The
# loader first asks for everything the first picture needs, so that it all downloads in parallel
# while the carrier module loads (a hint for a file already asked for is not repeated).
LOADER_JS = """export default async function (component) {
    const data = component.data;
    const hint = (rel, href, as) => {
        if ([...document.head.querySelectorAll("link")].some((link) => link.href.endsWith(href))) return;
        const link = document.createElement("link");
        link.rel = rel;
        link.href = href;
        if (as) link.as = as;
        if (as === "fetch") link.crossOrigin = "anonymous";
        document.head.appendChild(link);
    };
    (data.base.css || []).forEach((url) => hint("preload", url, "style"));
    (data.base.js || []).forEach((url) => hint("preload", url, "script"));
    data.modules.forEach((url) => hint("modulepreload", url));
    Object.values(data.files).forEach((url) => hint("preload", url, "fetch"));
    try {
        const carrier = await import(new URL(data.module, window.location.href).href);
        return carrier.default(component);
    } catch (error) {
        component.setStateValue("have", []);  // no map, but the page must not wait for one
        throw error;
    }
}"""
STATE_KEYS = ("view", "visible", "have", "failed")

_mount = st.components.v2.component(COMPONENT_NAME, js=LOADER_JS, isolate_styles=False)


@dataclass(frozen=True)
class MapReport:
    """What the browser reported: the view it shows, the point last clicked (lat, lon; kept
    until the next click), and whether the map has drawn (reported what it holds) in this
    session."""

    view: View | None = None
    clicked: tuple[float, float] | None = None
    drawn: bool = False
    failed: tuple[str, ...] = ()  # layers the browser could not draw
    screen: tuple[int, int] | None = None  # the map's width and height on screen, CSS px


def static_url() -> str:
    """Where ``static/`` is served, below the server's base path if it has one."""
    base = (st.get_option("server.baseUrlPath") or "").strip("/")
    return f"/{base}{PAGE_STATIC_URL}" if base else PAGE_STATIC_URL


@functools.lru_cache(maxsize=4)
def module_urls(static: str = PAGE_STATIC_URL) -> tuple[str, ...]:
    """The carrier's script files' addresses, each with the hash of them all, so that browsers
    drop an old copy and the carrier imports the same version of its parts."""
    digest = hashlib.sha256(b"".join((STATIC_DIR / name).read_bytes() for name in MODULE_FILES))
    version = digest.hexdigest()[:12]
    return tuple(f"{static}/{name}?v={version}" for name in MODULE_FILES)


def module_url(static: str = PAGE_STATIC_URL) -> str:
    """The carrier script's address (see :func:`module_urls`)."""
    return module_urls(static)[0]


def report_from(state: Mapping | None) -> MapReport:
    """The view and click in a component state; anything malformed is ignored, not trusted."""
    state = state or {}
    view = state.get("view")
    parsed = screen = None
    if isinstance(view, Mapping):
        try:
            screen = (int(view["width"]), int(view["height"]))
        except (KeyError, TypeError, ValueError):
            screen = None
        try:
            parsed = View(lat=round_degrees(float(view["lat"])), lon=round_degrees(float(view["lon"])),
                          zoom=int(view["zoom"]))
        except (KeyError, TypeError, ValueError):
            parsed = None
    clicked = state.get("clicked")
    point = None
    if isinstance(clicked, Mapping):
        try:
            point = (float(clicked["lat"]), float(clicked["lng"]))
        except (KeyError, TypeError, ValueError):
            point = None
    failed = state.get("failed")
    failed = tuple(item for item in failed if isinstance(item, str)) if isinstance(failed, list) else ()
    return MapReport(view=parsed, clicked=point, drawn=held_versions(state) is not None, failed=failed,
                     screen=screen if screen and min(screen) > 0 else None)


def held_versions(state: Mapping | None) -> list[str] | None:
    """The layer versions the browser reported holding, or None before it reported any."""
    have = (state or {}).get("have")
    if not isinstance(have, list):
        return None
    return [version for version in have if isinstance(version, str)]


def apply_visible(session: Mapping, state: Mapping | None, layer_ids: Iterable[str],
                  layer_key: str) -> None:
    """Set each layer's checkbox (``layer_key.format(id)``) from the visibility the map reported."""
    shown = (state or {}).get("visible")
    if not isinstance(shown, list):
        return
    for layer_id in layer_ids:
        session[layer_key.format(layer_id)] = layer_id in shown


def _legend_toggled(key: str, layer_ids: tuple[str, ...], layer_key: str) -> None:
    apply_visible(st.session_state, st.session_state.get(key), layer_ids, layer_key)


def clicked_key(key: str) -> str:
    """Where the session keeps the map's last click: a trigger lasts one run, the answer it
    asks for stays under the map until the next click."""
    return f"{key}_clicked"


def _remember_click(key: str) -> None:
    point = report_from(st.session_state.get(key)).clicked
    if point:
        st.session_state[clicked_key(key)] = point


def _ignore() -> None:
    """State the page reads after the map is mounted needs no callback of its own."""


LABELS_WITH = "cities"  # town names show and hide with the basemap's major cities


_LABELS: dict[tuple, LabelsText] = {}


def _labels(result: LoadResult, places: tuple, lang: str) -> LabelsText:
    # Keyed by the loaded data's identity: every session shares the one LoadResult of a data
    # version (st.cache_resource keeps it alive), so the names are worked out once per language.
    key = (id(result), id(places), lang)
    if key not in _LABELS:
        if len(_LABELS) >= 8:
            _LABELS.clear()
        _LABELS[key] = labels_text(place_labels(result, places, lang))
    return _LABELS[key]


def zone_phases(result: LoadResult, day: dt.date | None, lang: str) -> dict[str, str]:
    """Each zone layer's phase on ``day``, in ``lang``, for the legend (zones without phases, or
    before their first, are left out)."""
    found = {}
    for layer in result.of_kind(ZONE_KIND):
        zone_id = layer.spec.where.get("zone_id")
        phase = phase_on(result.phases, str(zone_id), day) if day and zone_id else None
        if phase:
            found[layer.spec.id] = phase.name(lang)
    return found


def show_map(catalogue: Catalogue, result: LoadResult, *, visible: Iterable[str], tiles: str,
             lang: str, day: dt.date | None, target: View, places: tuple[Place, ...] = (),
             layer_key: str = "layer_{}", key: str = "zones_map", height: int = 640) -> MapReport:
    """Mount the map and return what the browser last reported (nothing, before it has run).

    ``visible`` are the layer ids to show, ``target`` the view to move to when it changes (a
    link, a place); ``places`` (the gazetteer) and the town-control record name the towns at
    zone scale, shown with the basemap's cities. A layer switched in the map's legend sets the session state's
    ``layer_key.format(id)`` before the next run, so the sidebar follows.
    """
    layers = [result.layers[spec.id] for spec in catalogue.layers if spec.id in result.layers]
    static = static_url()
    base = cached_base(catalogue, tiles=tiles, lang=lang, minimap=minimap_layer(result.layers),
                       static_url=static)
    previous = st.session_state.get(key) if key in st.session_state else None
    data = map_data(base, layers, visible=visible, lang=lang, day=day,
                    have=held_versions(previous),
                    target={"lat": target.lat, "lon": target.lon, "zoom": target.zoom},
                    module=module_url(static), height=height,
                    switch_prefix="st-key-" + layer_key.format(""), static_url=static,
                    labels=_labels(result, places, lang), labels_with=LABELS_WITH,
                    tiles_failed=words(lang)["tiles_failed"], phases=zone_phases(result, day, lang))
    toggled = functools.partial(_legend_toggled, key, tuple(layer.spec.id for layer in layers),
                                layer_key)
    data["modules"] = list(module_urls(static)[1:])
    state = _mount(key=key, data=data, height=height, on_visible_change=toggled,
                   on_view_change=_ignore, on_have_change=_ignore,
                   on_clicked_change=functools.partial(_remember_click, key), on_failed_change=_ignore)
    report = report_from(state)
    return dataclasses.replace(report, clicked=st.session_state.get(clicked_key(key)))
