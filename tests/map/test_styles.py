from zones.data.catalogue import DEFAULT_DATA_DIR, load_catalogue
from zones.map.styles import layer_class, leaflet_style


def test_catalogue_style_becomes_leaflet_options():
    spec = load_catalogue(DEFAULT_DATA_DIR).get("idlib")
    style = leaflet_style(spec, {})
    assert style["fillColor"] == spec.style["fill_color"]
    assert style["dashArray"] == "6 4"
    assert style["fill"] is True
    assert style["className"] == layer_class("idlib") == "zones-layer-idlib"


def test_variant_overrides_the_layer_style():
    spec = load_catalogue(DEFAULT_DATA_DIR).get("military_police")
    line = leaflet_style(spec, {"feature_type": "demarcation_line"})
    checkpoint = leaflet_style(spec, {"feature_type": "checkpoint"})
    assert line["fillColor"] != checkpoint["fillColor"] == "#ffffff"
    assert checkpoint["radius"] == 6


def test_every_hand_drawn_layer_is_dashed():
    for spec in load_catalogue(DEFAULT_DATA_DIR).layers:
        if spec.kind.name in ("zone", "area", "line"):
            assert spec.style.get("dash_array"), spec.id


def test_lines_are_never_filled():
    spec = load_catalogue(DEFAULT_DATA_DIR).get("military_police")
    assert leaflet_style(spec, {"feature_type": "demarcation_line"}, "LineString")["fill"] is False
    assert leaflet_style(spec, {"feature_type": "demarcation_line"}, "MultiLineString")["fill"] is False
    assert leaflet_style(spec, {"feature_type": "checkpoint"}, "Point")["fill"] is True


def test_variants_of_several_properties_apply_in_order(sample_catalogue):
    from zones.map.styles import leaflet_style

    raqqa = sample_catalogue.get("raqqa")
    held = leaflet_style(raqqa, {"feature_type": "district_control", "control": "isis"})
    outline = raqqa.style_for("district_control")
    assert held["weight"] == outline["weight"]  # from the district outline
    assert held["fillColor"] == raqqa.variants["isis"]["fill_color"]  # from who held it
    assert leaflet_style(raqqa, {"feature_type": "district_control", "control": "sdf"})["fillColor"] \
        != held["fillColor"]
