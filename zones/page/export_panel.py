"""The page's Export panel: the view on screen as a PNG, PDF, standalone HTML or GeoJSON file.

Widgets only; the files come from :mod:`zones.export`. A built file is kept in the session with
the settings it was built from, and offered for download only while those settings still match.
"""

from __future__ import annotations

import datetime as dt

import streamlit as st

from zones.core import DEFAULT_DATE, View
from zones.data.catalogue import Catalogue
from zones.data.layers import LoadResult
from zones.export.files import file_name
from zones.export.formats import snapshot_bytes
from zones.export.snapshot import (
    DEFAULT_TITLE,
    FORMATS,
    MAX_TITLE_CHARS,
    MEDIA_TYPES,
    SIZES,
    ExportError,
    Snapshot,
)

FORMAT_LABELS = {"png": "PNG image", "pdf": "PDF (vector)", "html": "Interactive HTML (offline)",
                 "geojson": "GeoJSON data"}
SIZE_LABELS = {"1280x800": "1280 × 800 (screen)", "1920x1080": "1920 × 1080 (slides)",
               "a4-landscape-150dpi": "A4 landscape, 150 dpi (1754 × 1240)"}
BUILT_KEY = "export_built"


def render_export_panel(catalogue: Catalogue, result: LoadResult, *, visible: list[str], view: View,
                        tiles: str, day: dt.date = DEFAULT_DATE, lang: str = "en") -> None:
    """Draw the export widgets for the layers in ``visible`` (ids), at ``view``, with the page's
    ``tiles`` choice, as-of date ``day`` and language ``lang`` (feature labels and legend).
    Shows ``st.error`` with what to try when export fails.
    """
    fmt = st.selectbox("Format", FORMATS, format_func=FORMAT_LABELS.__getitem__, key="export_format")
    width, height, scale = 1280, 800, 1
    if fmt in ("png", "pdf"):
        size = st.selectbox("Size", list(SIZES), format_func=SIZE_LABELS.__getitem__, key="export_size")
        width, height = SIZES[size]
    if fmt == "png":
        scale = st.radio("Pixel density", (1, 2), format_func=lambda value: f"{value}×", horizontal=True,
                         key="export_scale", help="2× doubles the pixels, for print or high-density screens.")
    title = DEFAULT_TITLE
    if fmt != "geojson":
        title = st.text_input("Title", DEFAULT_TITLE, max_chars=MAX_TITLE_CHARS, key="export_title")
    online = False
    if fmt != "geojson" and tiles != "offline":
        online = st.checkbox("Include the online background tiles", value=False, key="export_tiles",
                             help="Off: the figure uses the offline vector basemap and nothing leaves "
                                  "this machine.")
    layers = tuple(layer_id for layer_id in visible if layer_id in result.layers)
    snapshot = Snapshot(layers=layers, view=view, day=day, title=title, width=width, height=height,
                        scale=scale, tiles=tiles if online else "offline", lang=lang)
    if not layers:
        st.info("Turn on at least one layer to export.")
        return
    if st.button("Build file", key="export_build", width="stretch"):
        with st.spinner(f"Building the {fmt.upper()}…"):
            try:
                data = snapshot_bytes(snapshot, fmt, catalogue, result)
            except ExportError as error:
                st.session_state.pop(BUILT_KEY, None)
                st.error(f"Export failed: {error}", icon="⚠️")
                return
        st.session_state[BUILT_KEY] = (snapshot, fmt, data)
    built = st.session_state.get(BUILT_KEY)
    if built and built[:2] == (snapshot, fmt):
        name = file_name(snapshot, fmt, catalogue)
        st.download_button(f"Download {fmt.upper()}", built[2], file_name=name, mime=MEDIA_TYPES[fmt],
                           key="export_download", width="stretch", on_click="ignore")
        st.caption(f"`{name}` · {len(built[2]) / 1024:,.0f} kB")
    elif built:
        st.caption("The view or settings changed since the last file; build it again.")
