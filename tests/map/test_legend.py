from html import escape

from zones.data.catalogue import DEFAULT_DATA_DIR, load_catalogue
from zones.language import words
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


def test_the_legend_has_a_button_for_the_layers_outside_the_view_in_every_language():
    catalogue = load_catalogue(DEFAULT_DATA_DIR)
    for lang in ("en", "fr", "ar"):
        html = legend_html(catalogue, lang)
        button = html.split('class="zones-legend-away"', 1)[1].split("</button>", 1)[0]
        assert "{count}" in button  # the browser fills in how many
        assert escape(words(lang)["legend_away"]) in button
