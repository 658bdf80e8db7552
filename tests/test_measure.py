import geopandas as gpd
import pytest
from pyproj import Geod
from shapely.geometry import LineString, box

from zones.measure import area_km2, length_km


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
