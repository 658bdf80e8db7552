"""Leaflet and plugin assets served from the project, never from a CDN.

folium points every element at a CDN; offline, that leaves a blank map with no error. We vendor
the files (``static/vendor/``, from the npm registry at the versions folium references, with their
licences) and rewrite each element's asset list to local addresses. An asset we have not vendored
raises, so a new plugin cannot bring a CDN back unnoticed.

The page serves ``static/`` through Streamlit's static file serving at ``/app/static/``; an export
inlines the same files into one HTML document.
"""

from __future__ import annotations

import base64
import mimetypes
import re
from collections.abc import Iterator
from pathlib import Path

import folium
from branca.element import Element

STATIC_DIR = Path(__file__).resolve().parents[2] / "static"
PAGE_STATIC_URL = "/app/static"

# folium's CDN asset name → our file under static/, or None when the map does not need it
# (jQuery, Bootstrap and the awesome-markers icons serve folium features we do not use).
LOCAL_ASSETS: dict[str, str | None] = {
    "leaflet": "vendor/leaflet-1.9.3/leaflet.js",
    "leaflet_css": "vendor/leaflet-1.9.3/leaflet.css",
    "jquery": None,
    "bootstrap": None,
    "bootstrap_css": None,
    "glyphicons_css": None,
    "awesome_markers": None,
    "awesome_markers_css": None,
    "awesome_markers_font_css": None,
    "awesome_rotate_css": None,
    "Control.Fullscreen.js": "vendor/leaflet.fullscreen-3.0.0/Control.FullScreen.js",
    "Control.FullScreen.css": "vendor/leaflet.fullscreen-3.0.0/Control.FullScreen.css",
    "Control_MiniMap_js": "vendor/leaflet-minimap-3.6.1/Control.MiniMap.min.js",
    "Control_MiniMap_css": "vendor/leaflet-minimap-3.6.1/Control.MiniMap.min.css",
    "leaflet_measure_js": "vendor/leaflet-measure-2.1.7/leaflet-measure.min.js",
    "leaflet_measure_css": "vendor/leaflet-measure-2.1.7/leaflet-measure.css",
    "Control_MousePosition_js": "vendor/leaflet-mouse-position-1.2.0/L.Control.MousePosition.js",
    "Control_MousePosition_css": "vendor/leaflet-mouse-position-1.2.0/L.Control.MousePosition.css",
    "zones_css": "zones.css",
}
PROJECT_CSS = ("zones_css", "zones.css")


class UnknownAssetError(ValueError):
    """An element asks for an asset that is not vendored in ``static/``."""


def _elements(root: Element) -> Iterator[Element]:
    yield root
    for child in root._children.values():
        yield from _elements(child)


def localise(root: Element, base_url: str = PAGE_STATIC_URL) -> None:
    """Point every element under ``root`` at local assets below ``base_url``.

    ``base_url`` is ``/app/static`` for the page, or a file URL for tests. The map root also
    gets the project stylesheet. Raises :class:`UnknownAssetError` for an asset we lack.
    """
    for element in _elements(root):
        for attribute in ("default_js", "default_css"):
            assets = getattr(element, attribute, None)
            if not assets:
                continue
            local = []
            for name, url in assets:
                if name not in LOCAL_ASSETS:
                    raise UnknownAssetError(
                        f"{type(element).__name__} needs {name} ({url}), which is not vendored "
                        "in static/; add it there and to LOCAL_ASSETS."
                    )
                if LOCAL_ASSETS[name] is not None:
                    local.append((name, f"{base_url}/{LOCAL_ASSETS[name]}"))
            if isinstance(element, folium.Map) and attribute == "default_css":
                local.append((PROJECT_CSS[0], f"{base_url}/{PROJECT_CSS[1]}"))
            setattr(element, attribute, local)


def inline_document(html: str, base_url: str = PAGE_STATIC_URL) -> str:
    """Replace every local script and stylesheet link in ``html`` by the file's content.

    Images that stylesheets reference become data URIs, so the document opens from a file with
    no server and no network.
    """
    prefix = re.escape(base_url)

    def script(match: re.Match) -> str:
        body = _static_file(match.group(1)).read_text(encoding="utf-8")
        return "<script>" + body.replace("</script", "<\\/script") + "</script>"

    def stylesheet(match: re.Match) -> str:
        path = _static_file(match.group(1))
        return "<style>" + _inline_css_images(path.read_text(encoding="utf-8"), path.parent) + "</style>"

    html = re.sub(rf'<script src="{prefix}/([^"]+)"></script>', script, html)
    return re.sub(rf'<link rel="stylesheet" href="{prefix}/([^"]+)"\s*/?>', stylesheet, html)


def _static_file(relative: str) -> Path:
    path = (STATIC_DIR / relative).resolve()
    if STATIC_DIR.resolve() not in path.parents:
        raise UnknownAssetError(f"{relative} is outside static/")
    return path


def _inline_css_images(css: str, folder: Path) -> str:
    def data_uri(match: re.Match) -> str:
        target = match.group(1).strip("'\"")
        path = folder / target
        if target.startswith(("data:", "#")) or not path.is_file():
            return match.group(0)
        mime = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        return f"url(data:{mime};base64,{base64.b64encode(path.read_bytes()).decode()})"

    return re.sub(r"url\(([^)]+)\)", data_uri, css)
