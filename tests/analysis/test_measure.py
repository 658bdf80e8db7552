import geopandas as gpd
import pytest
from pyproj import Geod
from shapely.geometry import LineString, box, shape

from tests.conftest import read_sample
from zones.analysis.measure import area_km2, length_km, measurements_table

GEOD = Geod(ellps="WGS84")


def test_area_matches_a_geodesic_computation():
    square = box(36.0, 33.0, 37.0, 34.0)
    frame = gpd.GeoDataFrame(geometry=[square], crs=4326)
    geodesic_area, _ = Geod(ellps="WGS84").geometry_area_perimeter(square)
    assert area_km2(frame)[0] == pytest.approx(abs(geodesic_area) / 1e6, rel=0.001)


def test_length_matches_a_geodesic_computation():
    line = LineString([(36.2, 33.5), (36.5, 33.6), (36.6, 33.4)])
    frame = gpd.GeoDataFrame(geometry=[line], crs=4326)
    geodesic = Geod(ellps="WGS84").geometry_length(line)
    assert length_km(frame)[0] == pytest.approx(geodesic / 1e3, rel=0.005)


def test_measurements_match_geodesic_areas_and_lengths(sample_result):
    rows = measurements_table(sample_result, "en")
    assert [row["layer"] for row in rows] == ["idlib", "northern_homs", "eastern_ghouta", "south",
                                              "military_police", *["control_areas"] * 3]
    features = {feature["properties"]["id"]: feature for name in ("deescalation_zones.geojson",
                "military_police.geojson", "control_areas.geojson")
                for feature in read_sample(name)["features"]}
    for row in rows:
        geometry = shape(features[row["id"]]["geometry"])
        if row["area_km2"] is not None:
            expected = abs(GEOD.geometry_area_perimeter(geometry)[0]) / 1e6
            assert row["area_km2"] == pytest.approx(expected, rel=0.01)
            assert row["length_km"] is None
        else:
            assert row["length_km"] == pytest.approx(GEOD.geometry_length(geometry) / 1e3, rel=0.01)
    assert rows[0]["valid_to"] == "2017-09-15" and rows[1]["valid_to"] is None
    assert measurements_table(sample_result, "fr")[2]["name"] == "FR zone-eastern-ghouta"


def test_areas_of_control_are_named_by_side_in_the_page_language(sample_result):
    control = [row for row in measurements_table(sample_result, "fr") if row["layer"] == "control_areas"]
    assert control and all("zone approximative (juillet 2017)" in row["name"] for row in control)
