import datetime as dt

import pytest

from zones.browser_data import active_on, feature_collection
from zones.loading import load_layers


@pytest.fixture
def loaded(sample_catalogue):
    return sample_catalogue, load_layers(sample_catalogue)


def test_feature_collection_carries_only_escaped_text_and_rounded_coordinates(loaded):
    _, result = loaded
    collection = feature_collection(result.layers["idlib"])
    feature = collection["features"][0]
    assert set(feature["properties"]) == {"id", "style", "tooltip", "popup"}
    assert "km²" in feature["properties"]["popup"]
    for x, y in feature["geometry"]["coordinates"][0]:
        assert round(x, 4) == x and round(y, 4) == y


def test_lines_show_their_length(loaded):
    _, result = loaded
    features = feature_collection(result.layers["military_police"])["features"]
    popups = [feature["properties"]["popup"] for feature in features]
    assert any(" km<" in popup for popup in popups)


def test_active_on_keeps_features_valid_that_day(loaded):
    _, result = loaded
    frame = result.layers["idlib"].frame  # valid 2017-05-06 .. 2017-09-15
    assert len(active_on(frame, dt.date(2017, 7, 6))) == 1
    assert len(active_on(frame, dt.date(2017, 9, 15))) == 1
    assert len(active_on(frame, dt.date(2017, 9, 16))) == 0
    assert len(active_on(frame, dt.date(2017, 5, 5))) == 0
    assert len(active_on(frame, None)) == 1
