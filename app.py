"""Syria 2017 zones: the Streamlit page. It wires widgets to the ``zones`` package; no logic here."""

from __future__ import annotations

import streamlit as st
from streamlit_folium import st_folium

from zones.catalogue import data_dir, data_signature, load_catalogue
from zones.loading import load_layers
from zones.map_builder import TILES, View, base_map, layer_group

st.set_page_config(page_title="Syria 2017 zones", page_icon="🗺️", layout="wide")


# Loaded layers are read-only and shared by every session (never copied per user); the key is
# the data files' names, sizes and modification times, so an edited file is read again.
@st.cache_resource(show_spinner="Loading the map layers…")
def loaded(directory: str, signature: tuple):
    catalogue = load_catalogue(directory)
    return catalogue, load_layers(catalogue)


directory = data_dir()
catalogue, result = loaded(str(directory), data_signature(directory))

st.subheader("Syria, July 2017: de-escalation zones, Raqqa and the military-police lines")
st.caption("Hand-drawn from public reporting; every line says where it came from and how sure "
           "we are. Click a feature for its dates, confidence and sources.")

for error in result.errors:
    st.error(f"{error.message}", icon="⚠️")
for layer in result.layers.values():
    for warning in layer.warnings:
        st.warning(warning, icon="🛠️")

with st.sidebar:
    st.header("Layers")
    visible = [spec.id for spec in catalogue.layers
               if st.checkbox(spec.title, value=spec.visible, key=f"layer_{spec.id}",
                              disabled=spec.id not in result.layers)]
    tiles = st.radio("Background", list(TILES), format_func=lambda key: TILES[key].label,
                     key="tiles", help="Online tiles need an internet connection; the vector "
                                       "basemap always works.")

# The browser keeps the view while the user pans, zooms and toggles zones: the map is only
# rebuilt when the background or the basemap layers change, and then at the latest view.
# center/zoom are passed only to move the map on purpose; echoing back what the browser
# reported would snap the map back to where it was a moment ago.
shown = [result.layers[layer_id] for layer_id in visible if layer_id in result.layers]
basemap = [layer for layer in shown if layer.spec.is_basemap]
map_config = (tiles, tuple(layer.spec.id for layer in basemap))
if st.session_state.get("map_config") != map_config:
    st.session_state["map_config"] = map_config
    st.session_state["built_view"] = st.session_state.get("view", View())
built_view = st.session_state["built_view"]
returned = st_folium(
    base_map(catalogue, view=built_view, tiles=tiles, basemap=basemap),
    key="map",
    feature_group_to_add=[layer_group(layer) for layer in shown if not layer.spec.is_basemap],
    height=640,
    use_container_width=True,
    returned_objects=["center", "zoom"],
)
if returned and returned.get("center") and returned.get("zoom"):
    st.session_state["view"] = View(lat=round(returned["center"]["lat"], 5),
                                    lon=round(returned["center"]["lng"], 5),
                                    zoom=int(returned["zoom"]))

with st.expander("Data sources and attribution"):
    for spec in catalogue.layers:
        st.markdown(f"- **{spec.title}**: {spec.attribution}")
