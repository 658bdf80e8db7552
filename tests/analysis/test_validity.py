import datetime as dt

from zones.analysis.validity import active_on


def _valid_counts(result, day: dt.date) -> dict[str, int]:
    return {layer_id: len(active_on(layer.frame, day)) for layer_id, layer in result.layers.items()
            if not layer.spec.is_basemap}


def test_each_layer_keeps_the_features_valid_that_day(sample_result):
    assert _valid_counts(sample_result, dt.date(2017, 7, 1)) == {
        "idlib": 1, "northern_homs": 1, "eastern_ghouta": 1, "south": 1,
        "raqqa": 2, "military_police": 0, "events": 1,
    }
    assert _valid_counts(sample_result, dt.date(2017, 7, 24))["military_police"] == 2
    after_astana6 = _valid_counts(sample_result, dt.date(2017, 9, 16))
    assert after_astana6["idlib"] == 0 and after_astana6["eastern_ghouta"] == 1
    assert _valid_counts(sample_result, dt.date(2017, 5, 4))["raqqa"] == 0


def test_active_on_keeps_features_valid_that_day(sample_result):
    frame = sample_result.layers["idlib"].frame  # valid 2017-05-06 .. 2017-09-15
    assert len(active_on(frame, dt.date(2017, 7, 6))) == 1
    assert len(active_on(frame, dt.date(2017, 9, 15))) == 1
    assert len(active_on(frame, dt.date(2017, 9, 16))) == 0
    assert len(active_on(frame, dt.date(2017, 5, 5))) == 0
    assert len(active_on(frame, None)) == 1
