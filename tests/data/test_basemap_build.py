import json
import re

from zones.data.basemap_build import BasemapPart, build_part
from zones.data.catalogue import DEFAULT_DATA_DIR


def test_shipped_basemap_is_small_rounded_and_sourced():
    total = 0
    for path in DEFAULT_DATA_DIR.glob("basemap_*.geojson"):
        total += path.stat().st_size
        data = json.loads(path.read_text(encoding="utf-8"))
        assert data["features"], path.name
        for feature in data["features"]:
            assert feature["properties"]["source"]
            numbers = re.findall(r"-?\d+\.(\d+)", json.dumps(feature["geometry"]["coordinates"]))
            assert all(len(decimals) <= 3 for decimals in numbers), path.name
    assert total < 100_000


def test_build_part_simplifies_and_keeps_the_name(tmp_path):
    ring = [[36 + i / 1000, 33 + (i % 2) / 100000] for i in range(1000)]
    ring += [[37, 34], [36, 34], [36, 33]]
    feature = {"type": "Feature", "properties": {"nom": "Test"},
               "geometry": {"type": "Polygon", "coordinates": [ring]}}
    source = {"type": "FeatureCollection", "features": [feature]}
    (tmp_path / "in.geojson").write_text(json.dumps(source))
    part = BasemapPart("out.geojson", "in.geojson", "nom", 0.01, "Test source")
    result = build_part(part, tmp_path)
    feature = result["features"][0]
    assert feature["properties"] == {"id": "out-00", "name_en": "Test", "source": "Test source"}
    assert len(feature["geometry"]["coordinates"][0]) < 20


def _geonames_source(folder):
    """A one-place GeoNames extract, as the shared folder holds it (no French or Arabic names)."""
    source = folder / "source.csv"
    source.write_text("name,lat,lon,governorate\nDūmā,33.57,36.40,Rif-dimashq\n", encoding="utf-8")
    return source


def test_rebuilding_the_gazetteer_keeps_the_added_translations(tmp_path):
    from zones.data.basemap_build import _copy_gazetteer

    source = _geonames_source(tmp_path)
    target = tmp_path / "places.csv"
    target.write_text("name,lat,lon,governorate,name_fr,name_ar\nDūmā,33.57,36.40,Rif-dimashq,Douma,دوما\n",
                      encoding="utf-8")
    _copy_gazetteer(source, target)
    assert "Douma,دوما" in target.read_text(encoding="utf-8")


def test_rebuilding_the_gazetteer_appends_the_project_places(tmp_path):
    from zones.data.basemap_build import _copy_gazetteer

    source = _geonames_source(tmp_path)
    additions = tmp_path / "places_added.csv"
    additions.write_text("name,lat,lon,governorate,name_fr,name_ar\nJawbar,33.528,36.333,Damascus,Jobar,جوبر\n",
                         encoding="utf-8")
    target = tmp_path / "places.csv"
    _copy_gazetteer(source, target, additions=additions)
    lines = target.read_text(encoding="utf-8").splitlines()
    assert lines[1].startswith("Dūmā,") and lines[2] == "Jawbar,33.528,36.333,Damascus,Jobar,جوبر"


def test_the_shipped_gazetteer_holds_the_project_places():
    text = (DEFAULT_DATA_DIR / "places.csv").read_text(encoding="utf-8")
    for name in ("Al Fū‘ah", "Jawbar", "At Tanf"):
        assert f"\n{name}," in text


def test_cities_take_their_french_and_arabic_names_from_the_gazetteer_place_at_that_spot(tmp_path):
    from zones.data.basemap_build import name_cities
    from zones.data.gazetteer_file import load_places

    gazetteer = tmp_path / "places.csv"
    gazetteer.write_text("name,lat,lon,governorate,name_fr,name_ar\n"
                         "Damascus,33.5102,36.29128,Damascus,Damas,دمشق\n"
                         "Ḩamāh,35.13179,36.75783,Hama,Hama,حماة\n", encoding="utf-8")
    def city(name, lon, lat):
        return {"properties": {"name_en": name}, "geometry": {"type": "Point", "coordinates": [lon, lat]}}

    cities = {"features": [
        city("Damascus", 36.2913, 33.5102),
        city("Hama", 36.7578, 35.1318),
        city("Elsewhere", 36.8128, 35.1318),  # 5 km from the gazetteer's Hama: another place
    ]}
    named = [feature["properties"] for feature in name_cities(cities, load_places(tmp_path))["features"]]
    assert named[0] == {"name_en": "Damascus", "name_fr": "Damas", "name_ar": "دمشق"}
    assert named[1]["name_ar"] == "حماة"
    assert named[2] == {"name_en": "Elsewhere"}


def test_the_shipped_cities_are_named_in_arabic():
    cities = json.loads((DEFAULT_DATA_DIR / "basemap_cities.geojson").read_text(encoding="utf-8"))
    assert all(feature["properties"].get("name_ar") for feature in cities["features"])
