import datetime as dt
import re

import pytest

from zones.assets import PAGE_STATIC_URL
from zones.loading import load_layers
from zones.map_builder import View, active_on, base_map, feature_collection, layer_group

URL = re.compile(r"""(?:src|href)=["']([^"']+)["']""")


@pytest.fixture
def loaded(sample_catalogue):
    return sample_catalogue, load_layers(sample_catalogue)


def _render(fmap) -> str:
    return fmap.get_root().render()


def test_base_map_asks_only_for_local_assets(sample_catalogue):
    html = _render(base_map(sample_catalogue))
    urls = URL.findall(html)
    assert urls, "the map should link Leaflet"
    assert all(url.startswith(PAGE_STATIC_URL + "/") for url in urls), urls
    assert "cdn" not in html.lower()
    assert "leaflet-1.9.3/leaflet.js" in html


def test_base_map_has_scale_bar_legend_and_view(sample_catalogue):
    html = _render(base_map(sample_catalogue, view=View(lat=33.5, lon=36.4, zoom=10)))
    assert '"zoom": 10' in html and "33.5" in html and "36.4" in html
    assert "L.control.scale" in html
    assert "zones-legend" in html


def test_offline_map_has_no_tiles_and_online_tiles_are_optional(sample_catalogue):
    assert "tileLayer" not in _render(base_map(sample_catalogue))
    assert "tile.openstreetmap.org" in _render(base_map(sample_catalogue, tiles="osm"))
    with pytest.raises(ValueError, match="offline, osm, satellite"):
        base_map(sample_catalogue, tiles="google")


def test_rendering_is_deterministic(loaded):
    catalogue, result = loaded
    first = _render(base_map(catalogue)), _render(_with_group(catalogue, result, "idlib"))
    second = _render(base_map(catalogue)), _render(_with_group(catalogue, result, "idlib"))
    assert first == second


def _with_group(catalogue, result, layer_id):
    fmap = base_map(catalogue)
    layer_group(result.layers[layer_id]).add_to(fmap)
    return fmap


def test_layer_group_draws_its_features_with_class_and_attribution(loaded):
    catalogue, result = loaded
    html = _render(_with_group(catalogue, result, "south"))
    assert "zones-layer-south" in html
    assert 'layerId: "south"' in html
    assert "Syria 2017 zones project" in html


def test_feature_collection_carries_only_escaped_text_and_rounded_coordinates(loaded):
    _, result = loaded
    collection = feature_collection(result.layers["idlib"])
    feature = collection["features"][0]
    assert set(feature["properties"]) == {"id", "style", "tooltip", "popup"}
    assert "km²" in feature["properties"]["popup"]
    for x, y in feature["geometry"]["coordinates"][0]:
        assert round(x, 4) == x and round(y, 4) == y


def test_lines_show_their_length(loaded):
    _, result = loaded
    features = feature_collection(result.layers["military_police"])["features"]
    popups = [feature["properties"]["popup"] for feature in features]
    assert any(" km<" in popup for popup in popups)


def test_active_on_keeps_features_valid_that_day(loaded):
    _, result = loaded
    frame = result.layers["idlib"].frame  # valid 2017-05-06 .. 2017-09-15
    assert len(active_on(frame, dt.date(2017, 7, 6))) == 1
    assert len(active_on(frame, dt.date(2017, 9, 15))) == 1
    assert len(active_on(frame, dt.date(2017, 9, 16))) == 0
    assert len(active_on(frame, dt.date(2017, 5, 5))) == 0
    assert len(active_on(frame, None)) == 1
