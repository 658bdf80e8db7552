"""The page's export panel, run by AppTest."""

from __future__ import annotations

from zones.export.snapshot import ExportError


def _panel_page():
    # AppTest runs this function's source on its own: it imports what it needs.
    from zones.core import View
    from zones.data.catalogue import load_catalogue
    from zones.data.layers import load_layers
    from zones.page.export_panel import render_export_panel

    catalogue = load_catalogue()
    render_export_panel(catalogue, load_layers(catalogue), visible=["idlib", "south"],
                        view=View(34.9, 38.3, 7), tiles="offline")


def test_panel_builds_a_file_and_offers_it_under_its_meaningful_name(sample_dir, monkeypatch):
    from streamlit.testing.v1 import AppTest

    monkeypatch.setenv("ZONES_DATA_DIR", str(sample_dir))
    page = AppTest.from_function(_panel_page, default_timeout=30).run()
    page.selectbox(key="export_format").select("geojson").run()
    page.button(key="export_build").click().run()
    assert not page.exception and not page.error
    assert any("syria-2017-zones_2017-08-04_idlib-south_34.90n-38.30e-z7.geojson" in caption.value
               for caption in page.caption)


def test_panel_says_what_to_try_when_export_fails(sample_dir, monkeypatch):
    from streamlit.testing.v1 import AppTest

    def fail(*_args):
        raise ExportError("Chromium could not draw the PNG; try again, or export HTML.")

    monkeypatch.setenv("ZONES_DATA_DIR", str(sample_dir))
    monkeypatch.setattr("zones.page.export_panel.snapshot_bytes", fail)
    page = AppTest.from_function(_panel_page, default_timeout=30).run()
    page.button(key="export_build").click().run()
    assert len(page.error) == 1 and "try again, or export HTML" in page.error[0].value


def _french_panel_on_a_known_screen():
    from zones.core import View
    from zones.data.catalogue import load_catalogue
    from zones.data.layers import load_layers
    from zones.page.export_panel import render_export_panel

    catalogue = load_catalogue()
    render_export_panel(catalogue, load_layers(catalogue), visible=["idlib"], view=View(34.9, 38.3, 7),
                        tiles="offline", lang="fr", screen=(940, 640))


def test_the_figure_defaults_to_the_map_s_size_on_screen_in_the_page_language(sample_dir, monkeypatch):
    from streamlit.testing.v1 import AppTest

    monkeypatch.setenv("ZONES_DATA_DIR", str(sample_dir))
    page = AppTest.from_function(_french_panel_on_a_known_screen, default_timeout=30).run()
    size = page.selectbox(key="export_size_screen")
    assert size.value == "screen" and size.label == "Taille"
    assert size.options[0] == "Comme à l’écran (940 × 640)"
    assert page.selectbox(key="export_format").label == "Format"
    assert page.button(key="export_build").label == "Créer le fichier"
    assert page.text_input(key="export_title_fr").value == "Syrie, été 2017 : zones de désescalade"


def test_size_choices_put_the_screen_first_and_keep_it_within_the_allowed_range():
    from zones.page.export_panel import size_choices

    assert list(size_choices(None))[0] == "1280x800"
    assert size_choices((940, 640))["screen"] == (940, 640)
    assert size_choices((100, 9000))["screen"] == (200, 4000)
