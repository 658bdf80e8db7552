"""The page's Export panel: the view on screen as a PNG, PDF, standalone HTML or GeoJSON file.

Widgets only; the files come from :mod:`zones.export`. A built file is kept in the session with
the settings it was built from, and offered for download only while those settings still match.
Every word is the page language's, from zones/translations.toml.
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
    FORMATS,
    MAX_TITLE_CHARS,
    MEDIA_TYPES,
    SIDE_RANGE,
    SIZES,
    ExportError,
    Snapshot,
)
from zones.language import number, words
from zones.page.session import translated_choice

SIZE_WORDS = {"1280x800": "size_1280x800", "1920x1080": "size_1920x1080", "a4-landscape-150dpi": "size_a4"}
SCREEN = "screen"
BUILT_KEY = "export_built"


def size_choices(screen: tuple[int, int] | None) -> dict[str, tuple[int, int]]:
    """The figure sizes offered, first the default: the map's size on screen when the page knows
    it (so that the figure shows exactly the ground the reader sees), then the named sizes.
    Without it the first named size, 1280 × 800, the size of a common laptop screen, comes first."""
    choices = {}
    if screen is not None:
        width, height = (min(max(side, SIDE_RANGE[0]), SIDE_RANGE[1]) for side in screen)
        choices[SCREEN] = (width, height)
    return choices | SIZES


def render_export_panel(catalogue: Catalogue, result: LoadResult, *, visible: list[str], view: View,
                        tiles: str, day: dt.date = DEFAULT_DATE, lang: str = "en",
                        screen: tuple[int, int] | None = None) -> None:
    """Draw the export widgets for the layers in ``visible`` (ids), at ``view``, with the page's
    ``tiles`` choice, as-of date ``day`` and language ``lang`` (every label, the figure's
    words and its legend). ``screen`` is the map's (width, height) on screen in CSS px when the
    page knows it: the default figure size, so the figure covers the ground on screen.
    Shows ``st.error`` with what to try when export fails.
    """
    text = words(lang)
    fmt = translated_choice(st.selectbox, text["export_format"], list(FORMATS), key="export_format",
                            lang=lang, label_of=lambda key, language: words(language)[f"format_{key}"])
    width, height, scale = 1280, 800, 1
    if fmt in ("png", "pdf"):
        choices = size_choices(screen)

        def size_label(key: str, language: str) -> str:
            return words(language)["size_screen"].format(width=choices[key][0], height=choices[key][1]) \
                if key == SCREEN else words(language)[SIZE_WORDS[key]]

        # Its own key once the screen is known: the page's first run may not know it yet, and a
        # kept choice of 1280 × 800 from that run would hide the better default.
        size_key = "export_size_screen" if SCREEN in choices else "export_size"
        size = translated_choice(st.selectbox, text["export_size"], list(choices), key=size_key, lang=lang,
                                 label_of=size_label)
        width, height = choices[size]
    if fmt == "png":
        scale = st.radio(text["export_scale"], (1, 2), format_func=lambda value: f"{value}×", horizontal=True,
                         key="export_scale", help=text["export_scale_help"])
    title = text["figure_title"]
    if fmt != "geojson":
        # Keyed by language: switching language offers that language's default title.
        title = st.text_input(text["export_title"], text["figure_title"], max_chars=MAX_TITLE_CHARS,
                              key=f"export_title_{lang}")
    online = False
    if fmt != "geojson" and tiles != "offline":
        online = st.checkbox(text["export_tiles"], value=False, key="export_tiles",
                             help=text["export_tiles_help"])
    layers = tuple(layer_id for layer_id in visible if layer_id in result.layers)
    snapshot = Snapshot(layers=layers, view=view, day=day, title=title, width=width, height=height,
                        scale=scale, tiles=tiles if online else "offline", lang=lang)
    if not layers:
        st.info(text["export_no_layer"])
        return
    if st.button(text["export_build"], key="export_build", width="stretch"):
        with st.spinner(text["export_building"].format(format=fmt.upper())):
            try:
                data = snapshot_bytes(snapshot, fmt, catalogue, result)
            except ExportError as error:
                st.session_state.pop(BUILT_KEY, None)
                st.error(text["export_failed"].format(error=error), icon="⚠️")
                return
        st.session_state[BUILT_KEY] = (snapshot, fmt, data)
    built = st.session_state.get(BUILT_KEY)
    if built and built[:2] == (snapshot, fmt):
        name = file_name(snapshot, fmt, catalogue)
        st.download_button(text["export_download"].format(format=fmt.upper()), built[2], file_name=name,
                           mime=MEDIA_TYPES[fmt], key="export_download", width="stretch", on_click="ignore")
        st.caption(f"`{name}` · {number(len(built[2]) / 1024, 0, lang)} kB")
    elif built:
        st.caption(text["export_stale"])
