"""The page's data set: a missing or broken catalogue is a clear page, a broken gazetteer or
region outline turns off only what depends on it."""

from __future__ import annotations

import os

from tests.conftest import drawn_layers, run_page
from zones.data.catalogue import load_catalogue


def page_text(elements) -> str:
    return " ".join(element.value for element in elements).replace("\\", "")


def test_a_missing_catalogue_is_a_clear_page_not_a_traceback(monkeypatch, sample_dir):
    (sample_dir / "layers.toml").unlink()
    page = run_page(monkeypatch, sample_dir)
    text = page_text(page.error)
    assert "layer catalogue layers.toml" in text and "is missing" in text
    assert "ZONES_DATA_DIR" in text and "python -m zones check" in text
    assert not page.get("component_instance")  # the page stopped before the map


def test_each_catalogue_problem_is_named_on_the_page(monkeypatch, sample_dir):
    toml = sample_dir / "layers.toml"
    toml.write_text(toml.read_text(encoding="utf-8")
                    .replace('order = 40\nvisible = true', 'order = "late"\nvisible = "false"')
                    .replace('fill_color = "#009988"', 'fill_color = "url(https://evil.example/p.svg#p)"'),
                    encoding="utf-8")
    page = run_page(monkeypatch, sample_dir)
    text = page_text(page.error)
    assert "layer 'idlib', field “order”" in text and "layer 'idlib', field “visible”" in text
    assert "layer 'south', field “style.fill_color”" in text and "#rrggbb" in text


def test_a_places_field_over_the_csv_limit_turns_off_only_place_search(monkeypatch, sample_dir):
    with (sample_dir / "places.csv").open("a", encoding="utf-8") as handle:
        handle.write(f"{'x' * 200_000},1,2,G\n")
    page = run_page(monkeypatch, sample_dir)
    assert "Place search is off" in page_text(page.warning)
    assert "field larger than field limit" in page_text(page.warning)
    assert drawn_layers(page) == set(load_catalogue(sample_dir).default_visible)


def test_a_region_outline_that_is_a_named_pipe_neither_blocks_nor_hides_other_layers(
        monkeypatch, sample_dir):
    outline = sample_dir / "basemap_countries.geojson"
    outline.unlink()
    os.mkfifo(outline)
    page = run_page(monkeypatch, sample_dir)
    assert "basemap_countries.geojson" in page_text(page.error)
    assert "named pipe" in page_text(page.error)
    assert drawn_layers(page) == set(load_catalogue(sample_dir).default_visible) - {"countries"}
