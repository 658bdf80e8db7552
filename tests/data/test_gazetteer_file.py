import pytest

from zones.data.catalogue import DEFAULT_DATA_DIR
from zones.data.gazetteer_file import Place, load_places

PLACES = load_places(DEFAULT_DATA_DIR)


def test_the_gazetteer_has_every_geonames_place_and_added_names():
    assert len(PLACES) == 314
    assert all(place.name and place.governorate for place in PLACES)
    douma = next(place for place in PLACES if place.name == "Dūmā")
    assert (douma.name_fr, douma.name_ar, douma.lat, douma.lon) == ("Douma", "دوما", 33.57175, 36.4027)
    assert sum(bool(place.name_ar) for place in PLACES) > 150


def test_a_gazetteer_without_translations_still_loads(tmp_path):
    (tmp_path / "places.csv").write_text("name,lat,lon,governorate\nDūmā,33.57175,36.4027,Rif\n",
                                         encoding="utf-8")
    assert load_places(tmp_path) == (Place("Dūmā", "", "", 33.57175, 36.4027, "Rif"),)


def test_a_bad_coordinate_names_its_line(tmp_path):
    (tmp_path / "places.csv").write_text("name,lat,lon,governorate\nA,1,2,G\nB,nan,2,G\n",
                                         encoding="utf-8")
    with pytest.raises(ValueError, match="line 3"):
        load_places(tmp_path)
