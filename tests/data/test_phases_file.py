import datetime as dt
import json

import pytest

from zones.data.phases_file import PHASES_FILE, PhasesError, load_phases

SOURCE = {"publisher": "Test Agency", "title": "A report", "date": "2017-05-04"}


def _write(folder, data) -> None:
    (folder / PHASES_FILE).write_text(json.dumps(data), encoding="utf-8")


def test_phases_are_read_oldest_first_with_their_names(tmp_path):
    _write(tmp_path, {"south": [
        {"phase": "ceasefire", "from": "2017-07-09", "to": None, "name_en": "ceasefire in force",
         "name_fr": "cessez-le-feu", "sources": [SOURCE]},
        {"phase": "memorandum", "from": "2017-05-04", "to": "2017-05-05", "name_en": "memorandum signed",
         "sources": [SOURCE]},
    ]})
    phases = load_phases(tmp_path)["south"]
    assert [phase.phase for phase in phases] == ["memorandum", "ceasefire"]
    assert phases[0].end == dt.date(2017, 5, 5) and phases[1].end is None
    assert phases[1].name("fr") == "cessez-le-feu" and phases[0].name("ar") == "memorandum signed"


def test_a_folder_without_phases_has_none(tmp_path):
    assert load_phases(tmp_path) == {}


@pytest.mark.parametrize(("data", "words"), [
    ([1, 2], "object mapping zone ids"),
    ({"south": {"phase": "x"}}, "must be a list"),
    ({"south": [{"phase": "x", "from": "4 May", "name_en": "x", "sources": [SOURCE]}]}, "“from”"),
    ({"south": [{"phase": "x", "from": "2017-05-04", "name_en": "x", "sources": []}]}, "“sources”"),
    ({"south": [{"phase": "x", "from": "2017-05-04", "to": "2017-05-01", "name_en": "x",
                 "sources": [SOURCE]}]}, "before"),
])
def test_a_broken_phases_file_says_what_is_wrong(tmp_path, data, words):
    _write(tmp_path, data)
    with pytest.raises(PhasesError, match=words):
        load_phases(tmp_path)


def test_a_broken_phases_file_is_named_and_every_layer_still_loads(sample_dir):
    from zones.data.catalogue import load_catalogue
    from zones.data.layers import load_layers

    (sample_dir / PHASES_FILE).write_text("{", encoding="utf-8")
    result = load_layers(load_catalogue(sample_dir))
    assert [error.path.name for error in result.errors] == [PHASES_FILE]
    assert "idlib" in result.layers and result.phases == {}
