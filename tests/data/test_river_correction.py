"""The river correction: the named river is cut out of its box and the drawn line put in its place."""

from shapely.geometry import box, shape

from zones.data.river_correction import apply_river_corrections


def _river(name, coordinates, feature_id):
    return {"type": "Feature", "properties": {"id": feature_id, "name_en": name, "source": "NE"},
            "geometry": {"type": "LineString", "coordinates": coordinates}}


CORRECTION = {
    "type": "Feature",
    "properties": {"id": "fix-1", "name_en": "Big river (corrected)", "river": "Big",
                   "replaces_within": [1.0, -1.0, 2.0, 1.0], "licence": "CC BY 4.0"},
    "geometry": {"type": "LineString", "coordinates": [[1.0, 0.0], [1.5, 0.3], [2.0, 0.0]]},
}


def _collection(*features):
    return {"type": "FeatureCollection", "features": list(features)}


def test_the_named_river_is_cut_at_the_box_and_the_line_added():
    big = _river("Big", [[0.0, 0.0], [3.0, 0.0]], "r-00")
    result = apply_river_corrections(_collection(big), [CORRECTION], 3)
    cut, added = result["features"]
    remaining = shape(cut["geometry"])
    assert not remaining.intersection(box(1.0001, -1, 1.9999, 1)).length
    assert round(remaining.length, 6) == 2.0  # 0-1 and 2-3 kept
    assert added["properties"] == {"id": "fix-1", "name_en": "Big",
                                   "source": added["properties"]["source"]}
    assert "CC BY 4.0" in added["properties"]["source"]
    assert added["geometry"]["coordinates"][1] == (1.5, 0.3)


def test_other_rivers_and_rivers_outside_the_box_are_untouched():
    small = _river("Small", [[1.2, 0.0], [1.8, 0.0]], "r-01")
    far = _river("Big", [[5.0, 5.0], [6.0, 6.0]], "r-02")
    result = apply_river_corrections(_collection(small, far), [CORRECTION], 3)
    assert result["features"][:2] == [small, far]


def test_a_river_wholly_inside_the_box_is_dropped():
    inside = _river("Big", [[1.2, 0.0], [1.8, 0.0]], "r-03")
    result = apply_river_corrections(_collection(inside), [CORRECTION], 3)
    assert [f["properties"]["id"] for f in result["features"]] == ["fix-1"]


def test_cut_ends_are_rounded_like_the_basemap():
    slanted = _river("Big", [[0.0, 0.0], [3.0, 0.3333333]], "r-04")
    result = apply_river_corrections(_collection(slanted), [CORRECTION], 3)
    for part in shape(result["features"][0]["geometry"]).geoms:
        for x, y in part.coords:
            assert round(x, 3) == x and round(y, 3) == y
