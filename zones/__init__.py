"""Syria 2017 zones: load, check and map the 2017 de-escalation zones and what surrounds them.

The package is laid out along its pipeline; lower floors never import upper ones:

- :mod:`zones.core` and :mod:`zones.language`: the shared model and the words (standard library);
- :mod:`zones.data`: the catalogue, reading and checking files, the build steps;
- :mod:`zones.analysis`: validity on a date, measurements, point questions, the gazetteer;
- :mod:`zones.map`: what the browser receives and the folium map;
- :mod:`zones.export`: snapshot files (PNG, PDF, HTML, GeoJSON);
- :mod:`zones.page`: the Streamlit page's parts (share link, session, export panel).

Importing ``zones`` imports nothing else: each caller imports the module it needs.
"""
