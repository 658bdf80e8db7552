"""The plain approach, for comparison only: each layer's GeoJSON handed whole to folium.GeoJson
and the map rendered by st_folium with its default settings (CDN assets, map rebuilt on rerun)."""

import json

import folium
import streamlit as st
from streamlit_folium import st_folium

from zones.data.catalogue import load_catalogue

catalogue = load_catalogue()
fmap = folium.Map(location=[34.9, 38.3], zoom_start=7)
for spec in catalogue.layers:
    if st.sidebar.checkbox(spec.title, value=spec.visible, key=f"layer_{spec.id}"):
        data = json.loads((catalogue.directory / spec.file).read_text(encoding="utf-8"))
        data["features"] = [feature for feature in data["features"]
                            if all(feature["properties"].get(key) == value
                                   for key, value in spec.where.items())]
        folium.GeoJson(data, name=spec.title).add_to(fmap)
st_folium(fmap, width=1100, height=640)
