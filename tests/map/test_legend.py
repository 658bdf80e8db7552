from zones.data.catalogue import DEFAULT_DATA_DIR, load_catalogue
from zones.map.legend import legend_html, swatch_svg


def test_legend_has_a_row_for_every_data_layer_and_the_dash_note():
    catalogue = load_catalogue(DEFAULT_DATA_DIR)
    html = legend_html(catalogue, "en")
    for spec in catalogue.layers:
        assert (f'data-layer="{spec.id}"' in html) is (not spec.is_basemap)
    assert "Dashed outline" in html
    assert "checkpoint" in html and "observation post" in html


def test_legend_is_right_to_left_in_arabic():
    assert 'dir="rtl"' in legend_html(load_catalogue(DEFAULT_DATA_DIR), "ar")


def test_swatch_escapes_style_values():
    svg = swatch_svg({"color": '"><script>', "fill_opacity": 0.5}, "polygon")
    assert "<script>" not in svg
