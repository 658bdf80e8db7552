from zones.map.payload import feature_collection


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
