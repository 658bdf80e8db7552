import folium

from zones.map.minimap import OfflineMiniMap


def test_the_mini_map_draws_the_basemap_shapes_with_no_tiles(sample_result):
    fmap = folium.Map(tiles=None)
    OfflineMiniMap(sample_result.layers["countries"]).add_to(fmap)
    html = fmap.get_root().render()
    assert "new L.Control.MiniMap(shapes" in html
    assert '"name_en"' not in html  # the shapes carry only their style, not the data's text
    assert "Control.MiniMap.min.js" in html and "tile" not in html.split("MiniMap(shapes")[1][:200]
