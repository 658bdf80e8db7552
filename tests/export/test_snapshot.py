"""The snapshot model: settings that cannot be honoured are refused, naming the option."""

from __future__ import annotations

import re

import pytest

from zones.core import View
from zones.data.catalogue import load_catalogue
from zones.data.layers import load_layers
from zones.export.formats import snapshot_bytes
from zones.export.snapshot import ExportError, Snapshot, check_snapshot


@pytest.mark.parametrize(("changes", "option", "words"), [
    ({"layers": ("idlib", "nowhere")}, "layers", "known layers"),
    ({"layers": ()}, "layers", "at least one"),
    ({"view": View(95, 36, 7)}, "center", "-90 to 90"),
    ({"view": View(35, 36, 3)}, "zoom", "4–16"),
    ({"view": View(35, 36, 17)}, "zoom", "4–16"),
    ({"width": 199}, "width", "200–4000"),
    ({"height": 4001}, "height", "200–4000"),
    ({"scale": 3}, "scale", "1 or 2"),
    ({"tiles": "google"}, "tiles", "offline, osm, satellite"),
    ({"title": "x" * 121}, "title", "120"),
    ({"lang": "de"}, "lang", "en, fr, ar"),
])
def test_bad_settings_name_the_option_and_the_allowed_values(sample_catalogue, sample_result, changes, option,
                                                            words):
    catalogue, result = sample_catalogue, sample_result
    snapshot = Snapshot(**{"layers": ("idlib",), **changes})
    with pytest.raises(ExportError, match=re.escape(words)) as raised:
        check_snapshot(snapshot, catalogue, result)
    assert raised.value.option == option


def test_unknown_format_is_refused(sample_catalogue, sample_result):
    catalogue, result = sample_catalogue, sample_result
    with pytest.raises(ExportError, match="png, pdf, html, geojson"):
        snapshot_bytes(Snapshot(layers=("idlib",)), "gif", catalogue, result)


def test_a_layer_that_did_not_load_is_refused_with_its_problem(sample_dir):
    (sample_dir / "events.geojson").write_text("{ broken", encoding="utf-8")
    catalogue = load_catalogue(sample_dir)
    result = load_layers(catalogue)
    with pytest.raises(ExportError, match="events.*not valid JSON.*python -m zones check"):
        check_snapshot(Snapshot(layers=("events",)), catalogue, result)
