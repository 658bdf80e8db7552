import folium
import folium.plugins
import pytest

from zones.map.assets import LOCAL_ASSETS, STATIC_DIR, UnknownAssetError, inline_document, localise


def test_every_vendored_asset_exists_with_its_licence():
    for relative in filter(None, LOCAL_ASSETS.values()):
        path = STATIC_DIR / relative
        assert path.is_file(), relative
        if "vendor/" in relative:
            assert (path.parent / "LICENSE").is_file(), relative


def test_unvendored_plugin_is_refused():
    fmap = folium.Map(tiles=None)
    folium.plugins.Draw().add_to(fmap)
    with pytest.raises(UnknownAssetError, match="not vendored"):
        localise(fmap)


def test_inlined_document_needs_no_server():
    fmap = folium.Map(tiles=None)
    folium.plugins.MeasureControl().add_to(fmap)
    localise(fmap)
    html = inline_document(fmap.get_root().render())
    assert "/app/static/" not in html
    assert "L.Control.Measure" in html or "leaflet-measure" in html
    assert "data:image/png;base64," in html
    assert "http://" not in html.split("<body>")[0].replace("http://www.w3.org", "")
