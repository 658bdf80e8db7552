"""Syria 2017 zones: the Streamlit page. It wires widgets to the ``zones`` package; no logic here."""

from __future__ import annotations

import streamlit as st

from zones.catalogue import data_dir, data_signature, load_catalogue
from zones.export_panel import render_export_panel
from zones.gazetteer import load_places, search_places
from zones.i18n import LANGUAGES
from zones.loading import load_layers
from zones.map.carrier import show_map
from zones.map_builder import TILES, View
from zones.page_text import literal, problems_markdown
from zones.places import describe_point, measurements_table, parse_point
from zones.timeline import events_until
from zones.view_state import DATE_MAX, DATE_MIN, FOUNDING_DATE, ViewState, parse_query, to_query

LANGUAGE_NAMES = {"en": "English", "fr": "Français", "ar": "العربية"}
PLACE_ZOOM = 11

st.set_page_config(page_title="Syria 2017 zones", page_icon="🗺️", layout="wide")


# Loaded layers are read-only and shared by every session (never copied per user); the key is
# the data files' names, sizes and modification times, so an edited file is read again.
@st.cache_resource(show_spinner="Loading the map layers…")
def loaded(directory: str, signature: tuple):
    catalogue = load_catalogue(directory)
    try:
        places, places_problem = load_places(catalogue.directory), None
    except (OSError, ValueError) as error:
        places, places_problem = (), f"Place search is off: places.csv cannot be read ({error})."
    return catalogue, load_layers(catalogue), places, places_problem


# Derived tables are cached per data version and language; the leading underscore tells
# Streamlit not to hash the (already versioned) loaded layers.
@st.cache_data(show_spinner=False)
def measurements(_result, signature: tuple, lang: str) -> list[dict]:
    return measurements_table(_result, lang)


@st.cache_data(show_spinner=False)
def events(_result, signature: tuple, day) -> list[dict]:
    return events_until(_result, day)


directory = data_dir()
signature = data_signature(directory)
catalogue, result, places, places_problem = loaded(str(directory), signature)

# A share link sets the session's starting state once; afterwards the widgets own it.
if "link_state" not in st.session_state:
    link_state, notices = parse_query({key: st.query_params.get_all(key) for key in st.query_params},
                                      catalogue)
    st.session_state.update({f"layer_{spec.id}": spec.id in link_state.layers for spec in catalogue.layers})
    st.session_state.update(link_state=link_state, link_notices=notices, as_of=link_state.date,
                            lang=link_state.lang,
                            view=View(lat=link_state.lat, lon=link_state.lon, zoom=link_state.zoom))
    st.session_state["target_view"] = st.session_state["view"]

st.subheader("Syria, July 2017: de-escalation zones, Raqqa and the military-police lines")
st.caption("Hand-drawn from public reporting; every line says where it came from and how sure "
           "we are. Click a feature for its dates, confidence and sources.")
if st.session_state.link_notices:
    st.info("**Parts of the link were not used**; the map shows the rest.\n\n"
            + problems_markdown(st.session_state.link_notices), icon="🔗")
if result.errors:
    st.error("**Some layers could not be drawn**; every other layer is on the map. Fix the file "
             "named, then reload the page.\n\n" + problems_markdown([e.message for e in result.errors]),
             icon="⚠️")
if places_problem:
    st.warning(literal(places_problem), icon="🔎")
# A repair of a file shared by several layers is listed once.
repairs = list(dict.fromkeys(warning for layer in result.layers.values() for warning in layer.warnings))
if repairs:
    st.warning("**Repaired in memory** (the files on disk are unchanged):\n\n"
               + problems_markdown(repairs), icon="🛠️")

# The map goes out before the sidebar: it reads the layers, date and language that the sidebar's
# widgets hold in the session state, hides and shows layers in the browser, and keeps its view.
map_report = show_map(
    catalogue, result, tiles=st.session_state.get("tiles", next(iter(TILES))),
    visible=[spec.id for spec in catalogue.layers if st.session_state.get(f"layer_{spec.id}")],
    lang=st.session_state.lang, on=st.session_state.as_of, target=st.session_state["target_view"],
    layer_key="layer_{}", key="map", height=640)
# A browser's first run sends the map alone, so that nothing else delays its first picture; the
# rest of the page comes with the rerun the map asks for once drawn. (AppTest runs no JavaScript
# and sends no headers: it gets the whole page at once.)
if not map_report.drawn and st.context.headers.get("User-Agent"):
    st.stop()

with st.sidebar:
    lang = st.selectbox("Language", LANGUAGES, format_func=LANGUAGE_NAMES.get, key="lang")
    as_of = st.slider("As of", min_value=DATE_MIN, max_value=DATE_MAX, key="as_of",
                      format="D MMM YYYY", help="Features show while they applied on this day.")
    st.button("6 July 2017, the founding report", on_click=st.session_state.update,
              kwargs={"as_of": FOUNDING_DATE})
    visible = []
    for heading, basemap_part in (("Layers", False), ("Basemap", True)):
        st.header(heading)
        visible += [spec.id for spec in catalogue.layers if spec.is_basemap is basemap_part
                    and st.checkbox(literal(spec.title_for(lang)), key=f"layer_{spec.id}",
                                    disabled=spec.id not in result.layers)]
    tiles = st.radio("Background", list(TILES), format_func=lambda key: TILES[key].label,
                     key="tiles", help="Online tiles need an internet connection; the vector "
                                       "basemap always works.")

    st.header("Find a place")
    query = st.text_input("Town or village", placeholder="e.g. Harasta, Douma, Nawa",
                          max_chars=80)
    found = search_places(places, query) if query else []
    if query and not found:
        st.caption("No place of that name in the gazetteer; try another spelling.")
    if found:
        place = st.selectbox("Matches", found, format_func=lambda item: item.label(lang))
        st.button("Go there", on_click=st.session_state.update,
                  kwargs={"target_view": View(lat=place.lat, lon=place.lon, zoom=PLACE_ZOOM)})
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
        st.table(measurements(result, signature, lang))

if map_report.view:
    st.session_state["view"] = map_report.view
view = st.session_state["view"]
if map_report.clicked:
    st.info(literal(describe_point(result, map_report.clicked[1], map_report.clicked[0], as_of, lang)),
            icon="📍")

state = ViewState(lat=view.lat, lon=view.lon, zoom=view.zoom, date=as_of, lang=lang,
                  layers=tuple(visible))
link = to_query(state, catalogue)
st.query_params.from_dict(link)
st.caption("Share this view: copy the page address, or the link below.")
st.code("?" + "&".join(f"{key}={value}" for key, value in link.items()), language=None)

with st.expander(f"Events up to {as_of:%d %B %Y}"):
    for event in events(result, signature, as_of):
        st.markdown(f"**{event['date']:%d %b %Y}**: {literal(event['name'][lang])}. "
                    f"{literal(event['description'][lang])}")
with st.expander("Data sources and attribution"):
    for spec in catalogue.layers:
        st.markdown(f"- **{literal(spec.title)}**: {literal(spec.attribution)}")

with st.sidebar.expander("Export snapshot"):
    render_export_panel(catalogue, result, visible=visible, view=view, tiles=tiles, on=as_of, lang=lang)
