"""What the dashboard benchmark runs inside the page: the same probes for our map carrier (the
map in the page) and the plain app (streamlit-folium's iframe), and the offline request router."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlparse

from zones.map.assets import STATIC_DIR

CDN_FILES = {"leaflet.js": STATIC_DIR / "vendor/leaflet-1.9.3/leaflet.js",
             "leaflet.css": STATIC_DIR / "vendor/leaflet-1.9.3/leaflet.css"}


def route(route):
    """Local requests pass; the plain app's CDN Leaflet comes from our copy; the rest is refused."""
    url = route.request.url
    host = urlparse(url).hostname or ""
    if host in ("localhost", "127.0.0.1") or url.startswith(("data:", "blob:")):
        return route.continue_()
    name = Path(urlparse(url).path).name
    if name in CDN_FILES:
        kind = "application/javascript" if name.endswith(".js") else "text/css"
        return route.fulfill(status=200, content_type=kind, body=CDN_FILES[name].read_bytes())
    if name.endswith((".js", ".css")):
        return route.fulfill(status=200, content_type="text/plain", body="")
    return route.abort()


# Shared helpers, defined once per call: the map's document and its Leaflet map, for either app.
_HELPERS = """
const plainFrame = () => document.querySelector("iframe[title='streamlit_folium.st_folium']");
const mapPaths = () => {
    const ours = document.querySelector(".zones-map-canvas");
    if (ours) return ours.querySelectorAll(":scope > .leaflet-map-pane path").length;
    const doc = plainFrame() && plainFrame().contentDocument;
    return doc ? doc.querySelectorAll("path").length : -1;
};
const leafletMap = () => {
    if (window.zonesMap) return window.zonesMap;
    const win = plainFrame().contentWindow;
    return Object.keys(win).filter((name) => name.startsWith("map_")).map((name) => win[name])
        .find((value) => value instanceof win.L.Map);
};
const frame = () => new Promise((resolve) => requestAnimationFrame(() => resolve()));
"""

RUNNING = "() => !!document.querySelector('[data-testid=\"stStatusWidget\"]')"

# A signature of what the map shows: ours marks its element once the layers are drawn; for the
# plain app, the number of paths and marker icons in its iframe.
DRAWN = """() => {
    const ours = document.querySelector(".zones-map[data-drawn]");
    if (ours) {
        return "ours|" + ours.dataset.drawn + "|" +
            document.querySelectorAll(".zones-map-canvas > .leaflet-map-pane path").length;
    }
    const frame = document.querySelector("iframe[title='streamlit_folium.st_folium']");
    const doc = frame && frame.contentDocument;
    if (!doc) return "";
    const paths = doc.querySelectorAll("path").length;
    const marks = doc.querySelectorAll(".leaflet-marker-icon").length;
    return paths + marks > 0 ? `plain|${paths}|${marks}` : "";
}"""

PATHS = "() => {" + _HELPERS + "return mapPaths(); }"

# Click a layer's switch, then count animation frames until the map shows exactly ``target``
# paths (``target`` null: just click); seconds, or -1 after 30 s.
TOGGLE = "async ({how, title, layer, target}) => {" + _HELPERS + """
    const control = how === "legend"
        ? document.querySelector(`.zones-legend-toggle[data-layer-toggle="${layer}"]`)
        : [...document.querySelectorAll('[data-testid="stSidebar"] [data-testid="stCheckbox"]')]
            .find((box) => box.innerText.trim() === title).querySelector("input");
    const start = performance.now();
    control.click();
    if (target === null) return 0;
    while (mapPaths() !== target) {
        if (performance.now() - start > 30000) return -1;
        await frame();
    }
    return (performance.now() - start) / 1000;
}"""

# Zoom in and out by one level without animation, each time until the zoom has ended and two
# frames are drawn (canvas renderers draw on the next frame). ``points`` first adds that many
# synthetic points through the carrier's own layer factory. Seconds per step.
ZOOM = "async ({rounds, points, module}) => {" + _HELPERS + """
    const map = leafletMap();
    let extra = null;
    if (points) {
        const carrier = await import(new URL(module, location.href).href);
        const style = {weight: 1, opacity: 1, fillOpacity: 0.9, color: "#000000",
                       fillColor: "#e7298a", radius: 4, fill: true};
        const features = [];
        for (let index = 0; index < points; index++) {
            const lon = 36 + ((index * 7919) % 5800) / 1000, lat = 32.6 + ((index * 104729) % 4400) / 1000;
            features.push({type: "Feature", geometry: {type: "Point", coordinates: [lon, lat]},
                properties: {style, tooltip: `<b>Synthetic point ${index}</b>`,
                             popup: `<div class="zones-popup"><h4>Synthetic point ${index}</h4></div>`}});
        }
        extra = carrier.layerFor(map, {id: "bench_many", canvas: true, interactive: true, attribution: ""},
                                 {type: "FeatureCollection", features});
        extra.addTo(map);
        await frame(); await frame();
    }
    const start = map.getZoom();
    const steps = [];
    for (let round = 0; round < rounds; round++) {
        const ended = new Promise((resolve) => map.once("zoomend", resolve));
        const begin = performance.now();
        map.setView(map.getCenter(), round % 2 === 0 ? start + 1 : start, {animate: false});
        await ended; await frame(); await frame();
        steps.push((performance.now() - begin) / 1000);
    }
    if (extra) map.removeLayer(extra);
    return steps;
}"""
