"""The map: what the browser receives for each layer, its styles, popups and legend, the local
Leaflet assets, and the folium map built from them."""
