"""Syria 2017 zones: the Streamlit page. Widgets in, ``zones`` calls, results out."""

from __future__ import annotations

import streamlit as st

from zones.analysis.control import record_window
from zones.analysis.coordinates import parse_point
from zones.analysis.gazetteer import search_places
from zones.analysis.points import describe_point
from zones.core import DATE_MAX, DATE_MIN, DEFAULT_DATE, FOUNDING_DATE, View
from zones.language import LANGUAGES, long_date, number, short_date, words
from zones.map.tiles import TILES
from zones.page import playback, session
from zones.page.areas import areas_table
from zones.page.dataset import events, load_dataset, measurements
from zones.page.export_panel import render_export_panel
from zones.page.map_carrier import show_map
from zones.page.text import literal, problems_markdown

PLACE_ZOOM = 11


def tiles_label(key: str, lang: str) -> str:
    return words(lang).get(f"tiles_{key}", TILES[key].label)


dataset = load_dataset()
catalogue, result = dataset.catalogue, dataset.result
session.start_from_link(catalogue)
# The language is read before anything is written, so that every word below is in it.
lang = st.session_state.get("lang", "en") if st.session_state.get("lang") in LANGUAGES else "en"
text = words(lang)

st.set_page_config(page_title=text["page_title"], page_icon="🗺️", layout="wide")
st.subheader(text["heading"])
st.caption(text["intro"].format(date=long_date(DEFAULT_DATE, lang)))
if session.link_notices():
    st.info(text["notice_link"] + "\n\n" + problems_markdown(session.link_notices()), icon="🔗")
if result.errors:
    st.error(text["notice_errors"] + "\n\n" + problems_markdown([e.message for e in result.errors]),
             icon="⚠️")
if dataset.places_problem:
    st.warning(literal(text["places_off"].format(error=dataset.places_problem)), icon="🔎")
if result.repairs:
    st.warning(text["notice_repairs"] + "\n\n" + problems_markdown(result.repairs), icon="🛠️")

# The map goes out before the sidebar, so that it is drawn first: it reads the layers, date,
# background and language the sidebar's widgets hold in the session state, hides and shows
# layers in the browser, and keeps its own view.
playback.take_next_day(st.session_state, "as_of")
# The map reads the background before its radio is drawn: the kept choice is mended first.
session.keep_choice(st.session_state, "tiles", list(TILES), tiles_label)
report = show_map(catalogue, result, tiles=st.session_state.get("tiles", next(iter(TILES))),
                  visible=[spec.id for spec in catalogue.layers
                           if st.session_state.get(session.layer_key(spec.id))],
                  lang=lang, day=st.session_state["as_of"], target=session.target_view(),
                  places=dataset.places, layer_key=session.layer_key("{}"), key="map", height=640)
view = session.remember_view(report.view)
# A browser's first run sends the map alone, so that nothing else delays its first picture; the
# rest of the page comes with the rerun the map asks for once drawn. (AppTest runs no JavaScript
# and sends no headers: it gets the whole page at once.)
if not report.drawn and st.context.headers.get("User-Agent"):
    st.stop()

with st.sidebar:
    st.selectbox(text["language"], LANGUAGES, format_func=lambda code: words(code)["language_name"],
                 key="lang")
    # The slider writes its value with the browser's English month names; ISO dates belong to no
    # language, and the day is written out in the page's language beneath.
    as_of = st.slider(text["as_of_label"], min_value=DATE_MIN, max_value=DATE_MAX, key="as_of",
                      format="YYYY-MM-DD", help=text["as_of_help"])
    st.caption(text["as_of"].format(date=long_date(as_of, lang)))
    playback.play_controls("as_of", lang)
    st.button(text["founding_report"].format(date=long_date(FOUNDING_DATE, lang)), help=text["founding_help"],
              key="founding_button", on_click=st.session_state.update, kwargs={"as_of": FOUNDING_DATE})
    visible = []
    for heading, basemap_part in ((text["layers"], False), (text["basemap"], True)):
        st.header(heading)
        visible += [spec.id for spec in catalogue.layers if spec.is_basemap is basemap_part
                    and st.checkbox(literal(spec.title_for(lang)), key=session.layer_key(spec.id),
                                    disabled=spec.id not in result.layers)]
    tiles = session.translated_choice(st.radio, text["background"], list(TILES), key="tiles", lang=lang,
                                      label_of=tiles_label, help=text["background_help"])

    st.header(text["find_place"])
    query = st.text_input(text["town"], placeholder=text["town_placeholder"], max_chars=80)
    found = search_places(dataset.places, query) if query else []
    if query and not found:
        st.caption(text["no_place"])
    if found:
        place = st.selectbox(text["matches"], found, format_func=lambda item: item.label(lang))
        st.button(text["go_there"], on_click=session.go_to,
                  args=(View(lat=place.lat, lon=place.lon, zoom=PLACE_ZOOM),))
        st.markdown(literal(describe_point(result, place.lon, place.lat, as_of, lang,
                                           name=place.label(lang))))
    typed = st.text_input(text["coordinates"], placeholder="33.57, 36.40", max_chars=60)
    point = parse_point(typed) if typed else None
    if typed and point is None:
        st.caption(text["coordinates_hint"])
    if point:
        if point.warning:
            st.warning(text[f"coordinates_{point.warning}"].format(
                lat=number(point.lon, 2, lang), lon=number(point.lat, 2, lang)), icon="🧭")
        st.markdown(literal(describe_point(result, point.lon, point.lat, as_of, lang)))

if report.failed:
    st.warning(literal(text["draw_failed"].format(layers=", ".join(
        catalogue.get(layer_id).title_for(lang) for layer_id in report.failed if layer_id in catalogue.ids))),
        icon="⚠️")
if report.clicked:
    st.info(literal(describe_point(result, report.clicked[1], report.clicked[0], as_of, lang)), icon="📍")

window = record_window(result)
if window and {"control", "control_areas"} & set(visible) and not window[0] <= as_of <= window[1]:
    st.caption(literal(text["record_other_day"].format(
        start=short_date(window[0], lang), end=short_date(window[1], lang), date=long_date(as_of, lang))))

link = session.publish_link(catalogue, view=view, day=as_of, lang=lang, layers=visible)
st.caption(text["share"])
st.code(link, language=None)

with st.expander(text["areas"]):
    st.caption(text["areas_caption"])
    st.dataframe(areas_table(measurements(dataset, lang), lang), hide_index=True, width="stretch")
# One element per list, not one per line: every element costs a message on every run.
with st.expander(text["events_up_to"].format(date=short_date(as_of, lang))):
    st.markdown("\n\n".join(f"**{literal(short_date(event['date'], lang))}**: "
                             f"{literal(event['name'][lang])}. {literal(event['description'][lang])}"
                             for event in events(dataset, as_of)))
with st.expander(text["sources_heading"]):
    st.markdown("\n".join(f"- **{literal(spec.title_for(lang))}**: {literal(spec.attribution)}"
                          for spec in catalogue.layers))

with st.sidebar.expander(text["export"]):
    render_export_panel(catalogue, result, visible=visible, view=view, tiles=tiles, day=as_of, lang=lang,
                        screen=report.screen)
