import pytest

from tests.conftest import write_json
from zones.data.zone_phases_file import PHASES_FILE, load_zone_phases


def test_no_file_means_no_phases(tmp_path):
    assert load_zone_phases(tmp_path) == {}


def test_the_phases_are_read_per_zone(tmp_path):
    phases = {"south": [{"phase": "in_force", "from": "2017-05-06", "to": None, "name_en": "in force"}]}
    write_json(tmp_path / PHASES_FILE, phases)
    assert load_zone_phases(tmp_path) == phases


@pytest.mark.parametrize("content", ["{not json", "[]", '{"south": {"from": "2017-05-06"}}',
                                     '{"south": [{"phase": "x"}]}'])
def test_a_bad_file_is_refused_naming_it(tmp_path, content):
    (tmp_path / PHASES_FILE).write_text(content, encoding="utf-8")
    with pytest.raises(ValueError, match=PHASES_FILE):
        load_zone_phases(tmp_path)
