import datetime as dt

from zones.map.payload import day_that_matters, feature_collection


def test_feature_collection_carries_only_escaped_text_and_rounded_coordinates(sample_result):
    collection = feature_collection(sample_result.layers["idlib"])
    feature = collection["features"][0]
    assert set(feature["properties"]) == {"id", "style", "tooltip", "popup"}
    assert "km²" in feature["properties"]["popup"]
    for x, y in feature["geometry"]["coordinates"][0]:
        assert round(x, 4) == x and round(y, 4) == y


def test_lines_show_their_length(sample_result):
    features = feature_collection(sample_result.layers["military_police"])["features"]
    popups = [feature["properties"]["popup"] for feature in features]
    assert any("\u00a0km</bdi>" in popup for popup in popups)


def test_the_json_is_safe_inside_a_script_tag(sample_catalogue, sample_result):
    from zones.map.payload import feature_json

    text = feature_json(sample_result.layers["events"])
    assert "<" not in text and ">" not in text and "&" not in text
    assert feature_json(sample_result.layers["events"]) is text  # computed once, then reused


def test_a_zone_popup_names_its_phase_on_the_day(sample_dir):
    import datetime as dt
    import json

    from zones.data.catalogue import load_catalogue
    from zones.data.layers import load_layers

    source = {"publisher": "Test Agency", "title": "A report", "date": "2017-07-09"}
    (sample_dir / "zone_phases.json").write_text(json.dumps({"south": [
        {"phase": "in_force", "from": "2017-05-06", "to": None, "name_en": "memorandum in force",
         "sources": [source]},
        {"phase": "ceasefire", "from": "2017-07-09", "to": None, "name_en": "ceasefire in force",
         "name_fr": "cessez-le-feu en vigueur", "sources": [source]}]}), encoding="utf-8")
    south = load_layers(load_catalogue(sample_dir)).layers["south"]

    def popup(day, lang="en"):
        return feature_collection(south, lang=lang, day=day)["features"][0]["properties"]["popup"]

    assert "memorandum in force" in popup(dt.date(2017, 7, 8))
    assert "ceasefire in force" in popup(dt.date(2017, 7, 9))
    assert "cessez-le-feu en vigueur" in popup(dt.date(2017, 7, 9), "fr")


def test_an_undated_layer_is_derived_once_for_every_day(sample_result):
    countries = sample_result.layers["countries"]
    assert day_that_matters(countries, dt.date(2017, 7, 1)) is None
    first = feature_collection(countries, day=dt.date(2017, 7, 1))
    assert feature_collection(countries, day=dt.date(2017, 9, 1)) is first  # one copy, not one a day


def test_a_dated_layer_is_derived_for_its_day(sample_result):
    events = sample_result.layers["events"]
    assert day_that_matters(events, dt.date(2017, 7, 1)) == dt.date(2017, 7, 1)
    assert feature_collection(events, day=dt.date(2017, 7, 1)) is not feature_collection(
        events, day=dt.date(2017, 9, 1))
