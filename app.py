"""Syria 2017 zones: the Streamlit page. Widgets in, ``zones`` calls, results out."""

from __future__ import annotations

import streamlit as st
from streamlit_folium import st_folium

from zones.analysis.control import record_window
from zones.analysis.coordinates import parse_point
from zones.analysis.gazetteer import search_places
from zones.analysis.points import describe_point
from zones.core import DATE_MAX, DATE_MIN, FOUNDING_DATE, View
from zones.language import LANGUAGES, long_date, short_date, words
from zones.map.builder import TILES, base_map, layer_group
from zones.page import playback, session
from zones.page.dataset import events, load_dataset, measurements
from zones.page.export_panel import render_export_panel
from zones.page.text import literal, problems_markdown

PLACE_ZOOM = 11

st.set_page_config(page_title="Syria 2017 zones", page_icon="🗺️", layout="wide")

dataset = load_dataset()
catalogue, result = dataset.catalogue, dataset.result
session.start_from_link(catalogue)

st.subheader("Syria, summer 2017: de-escalation zones, Raqqa and the military-police lines")
st.caption("Hand-drawn from public reporting; every line says where it came from and how sure "
           "we are. Click a feature for its dates, confidence and sources.")
if session.link_notices():
    st.info("**Parts of the link were not used**; the map shows the rest.\n\n"
            + problems_markdown(session.link_notices()), icon="🔗")
if result.errors:
    st.error("**Some layers could not be drawn**; every other layer is on the map. Fix the file "
             "named, then reload the page.\n\n" + problems_markdown([e.message for e in result.errors]),
             icon="⚠️")
if dataset.places_problem:
    st.warning(literal(dataset.places_problem), icon="🔎")
if result.repairs:
    st.warning("**Repaired in memory** (the files on disk are unchanged):\n\n"
               + problems_markdown(result.repairs), icon="🛠️")

with st.sidebar:
    lang = st.selectbox("Language", LANGUAGES, format_func=lambda code: words(code)["language_name"],
                        key="lang")
    playback.take_next_day(st.session_state, "as_of")
    as_of = st.slider("As of", min_value=DATE_MIN, max_value=DATE_MAX, key="as_of",
                      format="D MMM YYYY", help="Features show while they applied on this day.")
    playback.play_controls("as_of", words(lang))
    st.button("6 July 2017, the founding report", key="founding_button", on_click=st.session_state.update,
              kwargs={"as_of": FOUNDING_DATE})
    visible = []
    for heading, basemap_part in (("Layers", False), ("Basemap", True)):
        st.header(heading)
        visible += [spec.id for spec in catalogue.layers if spec.is_basemap is basemap_part
                    and st.checkbox(literal(spec.title_for(lang)), key=session.layer_key(spec.id),
                                    disabled=spec.id not in result.layers)]
    tiles = st.radio("Background", list(TILES), format_func=lambda key: TILES[key].label,
                     key="tiles", help="Online tiles need an internet connection; the vector "
                                       "basemap always works.")

    st.header("Find a place")
    query = st.text_input("Town or village", placeholder="e.g. Harasta, Douma, Nawa",
                          max_chars=80)
    found = search_places(dataset.places, query) if query else []
    if query and not found:
        st.caption("No place of that name in the gazetteer; try another spelling.")
    if found:
        place = st.selectbox("Matches", found, format_func=lambda item: item.label(lang))
        if st.button("Go there"):
            session.go_to(View(lat=place.lat, lon=place.lon, zoom=PLACE_ZOOM))
        st.markdown(literal(describe_point(result, place.lon, place.lat, as_of, lang,
                                           name=place.label(lang))))
    typed = st.text_input("…or coordinates (latitude, longitude)", placeholder="33.57, 36.40",
                          max_chars=60)
    point = parse_point(typed) if typed else None
    if typed and point is None:
        st.caption("Type two numbers of degrees, latitude first: 33.57, 36.40.")
    if point:
        st.markdown(literal(describe_point(result, point[1], point[0], as_of, lang)))
    with st.expander("Areas and lengths"):
        st.table(measurements(dataset, lang))

# Zone toggles swap feature groups in the browser; only a change of background, language or
# basemap layers builds a new base map, at the latest view.
shown = [result.layers[layer_id] for layer_id in visible if layer_id in result.layers]
basemap = [layer for layer in shown if layer.spec.is_basemap]
built_at = session.build_view((tiles, lang, tuple(layer.spec.id for layer in basemap)))
target = session.target_view()
reported = st_folium(
    base_map(catalogue, view=built_at, tiles=tiles, basemap=basemap, lang=lang),
    key="map",
    feature_group_to_add=[layer_group(layer, lang=lang, day=as_of)
                          for layer in shown if not layer.spec.is_basemap],
    center=(target.lat, target.lon),
    zoom=target.zoom,
    height=640,
    use_container_width=True,
    returned_objects=["center", "zoom", "last_clicked"],
)
view = session.remember_view(reported)
clicked = (reported or {}).get("last_clicked")
if clicked:
    st.info(literal(describe_point(result, clicked["lng"], clicked["lat"], as_of, lang)), icon="📍")

window = record_window(result)
if window and {"control", "control_areas"} & set(visible) and not window[0] <= as_of <= window[1]:
    st.caption(literal(words(lang)["record_other_day"].format(
        start=short_date(window[0], lang), end=short_date(window[1], lang), date=long_date(as_of, lang))))

link = session.publish_link(catalogue, view=view, day=as_of, lang=lang, layers=visible)
st.caption("Share this view: copy the page address, or the link below.")
st.code(link, language=None)

with st.expander(f"Events up to {short_date(as_of, lang)}"):
    for event in events(dataset, as_of):
        st.markdown(f"**{literal(short_date(event['date'], lang))}**: {literal(event['name'][lang])}. "
                    f"{literal(event['description'][lang])}")
with st.expander("Data sources and attribution"):
    for spec in catalogue.layers:
        st.markdown(f"- **{literal(spec.title)}**: {literal(spec.attribution)}")

with st.sidebar.expander("Export snapshot"):
    render_export_panel(catalogue, result, visible=visible, view=view, tiles=tiles, day=as_of, lang=lang)
