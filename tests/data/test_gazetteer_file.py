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


def test_a_field_over_the_csv_limit_is_a_named_problem(tmp_path):
    (tmp_path / "places.csv").write_text("name,lat,lon,governorate\nA,1,2,G\n"
                                         f"{'x' * 200_000},1,2,G\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"places\.csv, line 3: not readable as CSV \(field larger"):
        load_places(tmp_path)


def test_a_places_file_that_is_a_named_pipe_is_refused_without_waiting(tmp_path):
    import os

    os.mkfifo(tmp_path / "places.csv")
    with pytest.raises(ValueError, match="a named pipe, not a regular file"):
        load_places(tmp_path)


def test_a_places_file_over_its_limit_is_refused_unread(tmp_path, monkeypatch):
    monkeypatch.setattr("zones.data.gazetteer_file.MAX_PLACES_BYTES", 100)
    (tmp_path / "places.csv").write_text("name,lat,lon,governorate\n" + "A,1,2,G\n" * 20)
    with pytest.raises(ValueError, match="over the limit"):
        load_places(tmp_path)


def test_a_places_file_linked_from_outside_is_refused(tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    (data / "places.csv").symlink_to(DEFAULT_DATA_DIR / "places.csv")
    with pytest.raises(ValueError, match="outside the data folder"):
        load_places(data)


def test_a_places_file_that_is_not_utf8_names_the_byte(tmp_path):
    (tmp_path / "places.csv").write_bytes(b"name,lat,lon,governorate\n\xe9,1,2,G\n")
    with pytest.raises(ValueError, match="not UTF-8 text .byte 25"):
        load_places(tmp_path)
