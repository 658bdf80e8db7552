import re

import pytest

from zones.core import View
from zones.map.assets import PAGE_STATIC_URL
from zones.map.builder import base_map, layer_group

URL = re.compile(r"""(?:src|href)=["']([^"']+)["']""")


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


def test_rendering_is_deterministic(sample_catalogue, sample_result):
    catalogue, result = sample_catalogue, sample_result
    first = _render(base_map(catalogue)), _render(_with_group(catalogue, result, "idlib"))
    second = _render(base_map(catalogue)), _render(_with_group(catalogue, result, "idlib"))
    assert first == second


def _with_group(catalogue, result, layer_id):
    fmap = base_map(catalogue)
    layer_group(result.layers[layer_id]).add_to(fmap)
    return fmap


def test_layer_group_draws_its_features_with_class_and_attribution(sample_catalogue, sample_result):
    catalogue, result = sample_catalogue, sample_result
    html = _render(_with_group(catalogue, result, "south"))
    assert "zones-layer-south" in html
    assert 'layerId: "south"' in html
    assert "Syria 2017 zones project" in html
