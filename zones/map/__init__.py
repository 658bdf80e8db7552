"""The map: what the browser receives for each layer (and how the carrier packs it), its styles,
popups, labels and legend, the local Leaflet assets, and the folium map built from them."""
