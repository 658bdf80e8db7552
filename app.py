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

view = st.session_state.get("view", View())
groups = [layer_group(result.layers[layer_id]) for layer_id in visible if layer_id in result.layers]
returned = st_folium(
    base_map(catalogue, view=view, tiles=tiles),
    key="map",
    feature_group_to_add=groups,
    center=(view.lat, view.lon),
    zoom=view.zoom,
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
