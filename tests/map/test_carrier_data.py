"""What the map carrier sends: the folium base map split in two, layer versions, and data sent
only where the browser lacks it."""

import datetime as dt
import json

import pytest

from zones.data.layers import load_layers
from zones.map.assets import PAGE_STATIC_URL
from zones.map.carrier_data import (
    CANVAS_MIN_POINTS,
    build_base,
    cached_base,
    labels_text,
    layer_entry,
    layer_info,
    layer_version,
    map_data,
    minimap_layer,
)

TARGET = {"lat": 34.9, "lon": 38.3, "zoom": 7}


@pytest.fixture
def loaded(sample_catalogue):
    return sample_catalogue, load_layers(sample_catalogue)


def _layers(catalogue, result):
    return [result.layers[spec.id] for spec in catalogue.layers if spec.id in result.layers]


def _data(catalogue, result, *, visible, have=None, day=dt.date(2017, 7, 25), lang="en"):
    base = cached_base(catalogue, tiles="offline", lang=lang, minimap=minimap_layer(result.layers))
    return map_data(base, _layers(catalogue, result), visible=visible, lang=lang, day=day, have=have,
                    target=TARGET, module="/app/static/zones-map.js", height=640)


def test_the_first_picture_needs_only_leaflet_and_the_rest_waits(loaded):
    catalogue, result = loaded
    base = build_base(catalogue, minimap=minimap_layer(result.layers))
    assert base.core_js == (f"{PAGE_STATIC_URL}/vendor/leaflet-1.9.3/leaflet.js",)
    assert f"{PAGE_STATIC_URL}/zones.css" in base.core_css
    assert f"var {base.map_name} = L.map(" in base.core
    for plugin in ("L.Control.Measure", "L.control.fullscreen", "L.Control.MousePosition",
                   "L.Control.MiniMap"):
        assert plugin in base.extras and plugin not in base.core
    assert any("leaflet-minimap" in url for url in base.extras_js)
    assert all(url.startswith(PAGE_STATIC_URL + "/") for url in
               base.core_js + base.core_css + base.extras_js + base.extras_css)


def test_the_legend_comes_as_escaped_html_not_as_folium_script(loaded):
    catalogue, _ = loaded
    base = build_base(catalogue)
    assert "zones-legend-control" not in base.core + base.extras
    assert 'data-layer="idlib"' in base.legend
    assert "<script" not in base.legend


def test_the_base_version_follows_language_and_tiles_but_not_the_view(loaded):
    catalogue, _ = loaded
    english = build_base(catalogue, lang="en")
    assert build_base(catalogue, lang="en").version == english.version
    assert build_base(catalogue, lang="ar").version != english.version
    assert build_base(catalogue, tiles="osm").version != english.version
    with pytest.raises(ValueError):
        build_base(catalogue, tiles="nowhere")


def test_the_base_is_built_once_per_catalogue_tiles_and_language(loaded):
    catalogue, result = loaded
    first = cached_base(catalogue, tiles="offline", lang="fr", minimap=None)
    assert cached_base(catalogue, tiles="offline", lang="fr", minimap=None) is first
    assert cached_base(catalogue, tiles="offline", lang="en", minimap=None) is not first


def test_a_layer_version_changes_with_what_the_browser_would_receive(loaded):
    _, result = loaded
    line = result.layers["military_police"]  # the sample line applies from 2017-07-24
    before = layer_version(line, lang="en", day=dt.date(2017, 7, 20))
    after = layer_version(line, lang="en", day=dt.date(2017, 7, 25))
    assert before != after
    assert layer_version(line, lang="en", day=dt.date(2017, 7, 26)) == after
    assert layer_version(line, lang="fr", day=dt.date(2017, 7, 25)) != after


def test_only_large_point_layers_are_drawn_on_a_canvas(loaded):
    _, result = loaded
    events = result.layers["events"]
    assert len(events.frame) < CANVAS_MIN_POINTS
    assert layer_entry(events, lang="en", day=None)["canvas"] is False
    assert layer_info(events)["interactive"] is True
    assert layer_info(result.layers["countries"])["interactive"] is False


def test_each_layer_tells_its_extent_and_popups_scroll_rather_than_outgrow_the_map(loaded):
    _, result = loaded
    idlib = result.layers["idlib"]
    south, west, north, east = layer_info(idlib)["bounds"]
    minx, miny, maxx, maxy = idlib.frame.total_bounds
    assert (south, west, north, east) == pytest.approx((miny, minx, maxy, maxx), abs=1e-4)
    assert south < north and west < east
    assert layer_info(idlib)["popup"]["maxHeight"] > 0


def test_a_layer_without_features_has_no_extent(loaded):
    from dataclasses import replace

    from zones.map.carrier_data import layer_bounds

    _, result = loaded
    idlib = result.layers["idlib"]
    empty = replace(idlib, frame=idlib.frame.iloc[0:0], derived={})
    assert layer_bounds(empty) is None


def test_the_first_run_sends_the_visible_layers_only(loaded):
    catalogue, result = loaded
    data = _data(catalogue, result, visible=["idlib", "events", "atlantis"])
    versions = {entry["id"]: entry["version"] for entry in data["layers"]}
    assert data["visible"] == ["idlib", "events"]
    assert set(data["data"]) == {versions["idlib"], versions["events"], data["info"]}
    assert json.loads(data["data"][versions["idlib"]])["type"] == "FeatureCollection"
    # how each layer is drawn travels once beside the data, not in every run's entries
    assert set(json.loads(data["data"][data["info"]])) == set(versions)
    assert set(data["layers"][0]) == {"id", "version", "canvas"}
    assert data["target"] == TARGET


def test_once_drawn_the_browser_gets_the_hidden_layers_and_never_what_it_holds(loaded):
    catalogue, result = loaded
    first = _data(catalogue, result, visible=["idlib", "events"])
    held = list(first["data"])
    second = _data(catalogue, result, visible=["idlib", "events"], have=held)
    assert not (set(second["data"]) | set(second["files"])) & set(held)
    assert len(second["data"]) + len(second["files"]) == len(second["layers"]) - 2  # inline or by file
    everything = held + list(second["data"]) + list(second["files"])
    third = _data(catalogue, result, visible=["idlib"], have=everything)
    assert third["data"] == {} and third["files"] == {} and third["visible"] == ["idlib"]


def test_a_new_date_sends_only_the_layers_that_changed(loaded):
    catalogue, result = loaded
    first = _data(catalogue, result, visible=["idlib", "military_police"], day=dt.date(2017, 7, 20))
    held = list(first["data"]) + list(_data(catalogue, result, visible=[], have=list(first["data"]),
                                             day=dt.date(2017, 7, 20))["data"])
    later = _data(catalogue, result, visible=["idlib", "military_police"], have=held,
                  day=dt.date(2017, 7, 25))
    changed = {entry["id"] for entry in later["layers"] if entry["version"] in later["data"]}
    assert "military_police" in changed and "idlib" not in changed


def test_hostile_text_reaches_the_browser_escaped(sample_dir):
    from tests.test_hostile import HOSTILE_ATTRIBUTION, HOSTILE_JINJA, HOSTILE_TITLE, make_hostile
    from zones.data.catalogue import load_catalogue

    catalogue = load_catalogue(make_hostile(sample_dir, text=HOSTILE_JINJA))
    result = load_layers(catalogue)
    data = _data(catalogue, result, visible=[spec.id for spec in catalogue.layers])
    # decoded: the JSON text itself writes every "<" as \u003c
    layers = "".join(json.dumps(json.loads(text), ensure_ascii=False) for text in data["data"].values())
    assert "<div" in layers
    for sent in (layers, data["base"]["legend"], json.dumps(data["layers"])):
        assert "<script" not in sent and "<img" not in sent
    assert "&lt;script&gt;" in layers
    assert "Idlib &lt;script&gt;window.pwned=1&lt;/script&gt;" in data["base"]["legend"]
    assert "{{ 7*7 }}" in layers  # Jinja in data is text, never evaluated on the server
    assert HOSTILE_TITLE not in data["base"]["legend"]
    assert HOSTILE_ATTRIBUTION not in json.dumps(data["layers"])
    assert HOSTILE_ATTRIBUTION not in data["data"][data["info"]]


def test_a_large_layer_goes_by_file_written_once_and_small_ones_inline(loaded, tmp_path, monkeypatch):
    import zones.map.carrier_data as carrier_data

    catalogue, result = loaded

    def size(layer):
        return len(carrier_data.feature_json(layer, lang="en", day=dt.date(2017, 7, 25)))

    small, large = min(result.layers.values(), key=size), max(result.layers.values(), key=size)
    assert size(small) < size(large)
    monkeypatch.setattr(carrier_data, "INLINE_MAX_CHARS", size(large) - 1)
    base = cached_base(catalogue, tiles="offline", lang="en", minimap=None)
    data = map_data(base, _layers(catalogue, result), visible=[large.spec.id, small.spec.id], lang="en",
                    day=dt.date(2017, 7, 25), have=None, target=TARGET, module="m.js", height=640,
                    static_url="/app/static", static_dir=tmp_path)
    version = layer_version(large, lang="en", day=dt.date(2017, 7, 25))
    assert data["files"] == {version: f"/app/static/cache/layers/{version}.json"}
    small_version = layer_version(small, lang="en", day=dt.date(2017, 7, 25))
    assert set(data["data"]) == {small_version, data["info"]}  # the small layer stays inline
    written = tmp_path / "cache" / "layers" / f"{version}.json"
    assert json.loads(written.read_text(encoding="utf-8"))["features"]
    stamp = written.stat().st_mtime_ns
    map_data(base, _layers(catalogue, result), visible=[large.spec.id], lang="en", day=dt.date(2017, 7, 25),
             have=None, target=TARGET, module="m.js", height=640, static_dir=tmp_path)
    assert written.stat().st_mtime_ns == stamp
    assert not list(written.parent.glob("*.part"))


def test_an_unwritable_static_folder_sends_large_layers_inline(loaded, tmp_path, monkeypatch):
    import zones.map.carrier_data as carrier_data

    catalogue, result = loaded
    monkeypatch.setattr(carrier_data, "INLINE_MAX_CHARS", 10)
    blocked = tmp_path / "static"
    blocked.write_text("a file where the folder should be", encoding="utf-8")
    base = cached_base(catalogue, tiles="offline", lang="en", minimap=None)
    data = map_data(base, _layers(catalogue, result), visible=["events"], lang="en", day=None,
                    have=None, target=TARGET, module="m.js", height=640, static_dir=blocked)
    events = layer_version(result.layers["events"], lang="en", day=None)
    assert data["files"] == {} and set(data["data"]) == {events, data["info"]}


def test_the_base_map_scripts_go_only_to_a_browser_without_them(loaded):
    catalogue, result = loaded
    first = _data(catalogue, result, visible=["idlib"])
    assert "L.map(" in first["base"]["core"] and first["base"]["legend"]
    held = [first["base"]["version"], *first["data"]]
    later = _data(catalogue, result, visible=["idlib"], have=held)
    assert later["base"] == {"version": first["base"]["version"]}
    other_language = _data(catalogue, result, visible=["idlib"], have=held, lang="fr")
    assert "L.map(" in other_language["base"]["core"]


def test_town_names_travel_escaped_once_by_version(sample_catalogue, sample_result):
    base = cached_base(sample_catalogue, tiles="offline", lang="en",
                       minimap=minimap_layer(sample_result.layers))
    labels = labels_text([[33.57, 36.4, "<b>Douma</b> & co", 8]])
    data = map_data(base, _layers(sample_catalogue, sample_result), visible=["cities"], lang="en",
                    day=dt.date(2017, 7, 25), have=None, target=TARGET, module="/m.js", height=640,
                    labels=labels, labels_with="cities")
    entry = data["labels"]
    assert entry["with"] == "cities"
    sent = json.loads(data["data"][entry["version"]])
    assert sent == [[33.57, 36.4, "&lt;b&gt;Douma&lt;/b&gt; &amp; co", 8]]
    again = map_data(base, _layers(sample_catalogue, sample_result), visible=["cities"], lang="en",
                     day=dt.date(2017, 7, 25), have=[entry["version"]], target=TARGET, module="/m.js",
                     height=640, labels=labels, labels_with="cities")
    assert entry["version"] not in again["data"]  # the browser holds it: not sent again
