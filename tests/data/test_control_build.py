"""The town-control build step, on a 17-row fixture (tests/fixtures/control/marks.csv)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
import shapely
from shapely.geometry import shape

from zones.__main__ import main
from zones.data.catalogue import DEFAULT_DATA_DIR
from zones.data.control_areas import to_metres
from zones.data.control_build import (
    ATTRIBUTION,
    LICENCE,
    MarkCode,
    build_control,
    coordinate_problem,
    parse_mark,
)

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "control"


@pytest.fixture
def built(tmp_path):
    shutil.copy(DEFAULT_DATA_DIR / "basemap_countries.geojson", tmp_path)
    report = build_control(FIXTURE, tmp_path)
    marks = json.loads((tmp_path / "control_marks.geojson").read_text(encoding="utf-8"))
    areas = json.loads((tmp_path / "control_areas.geojson").read_text(encoding="utf-8"))
    return report, marks, areas


@pytest.mark.parametrize("code,expected", [
    ("gov", MarkCode(("gov",), "held", "settlement")),
    ("SDF_hill", MarkCode(("SDF",), "held", "hill")),
    ("JaN_base", MarkCode(("JaN",), "held", "base")),
    ("IS_oil", MarkCode(("IS",), "held", "oil")),
    ("gov_opp", MarkCode(("gov", "opp"), "contested", "settlement")),
    ("SDF_IS", MarkCode(("SDF", "IS"), "contested", "settlement")),
    ("stable_opp_JaN", MarkCode(("opp", "JaN"), "split", "settlement")),
    ("stable_gov_SDF", MarkCode(("gov", "SDF"), "split", "settlement")),
    ("pass_N", MarkCode((), "held", "pass")),
])
def test_parse_mark(code, expected):
    assert parse_mark(code) == expected


@pytest.mark.parametrize("code", ["gov_castle", "stable_gov", "red", "gov_opp_SDF", ""])
def test_a_code_outside_the_key_is_refused(code):
    with pytest.raises(ValueError, match="not in the module's key"):
        parse_mark(code)


@pytest.mark.parametrize("lat,lon,fragment", [
    ("36.7400", "366514.", "outside Syria"),
    ("36", "38.695", "latitude written as a whole number"),
    ("35.5", "38", "longitude written as a whole number"),
    ("35.5", "x", "not a number"),
])
def test_broken_coordinates_are_named(lat, lon, fragment):
    assert fragment in coordinate_problem(lat, lon)


def test_good_coordinates_pass():
    assert coordinate_problem("36.7400", "36.6514") is None


def test_report_counts_every_dropped_row(built):
    report, marks, _ = built
    assert report.rows_read == 17
    assert [row.row for row in report.decorations] == [1, 2]
    assert [row.label for row in report.commented_out] == ["Tal Khazneh"]
    assert [row.label for row in report.broken_coordinates] == ["Kharab Suluq", "Mushayrifat al-Miftah"]
    assert [row.row for row in report.duplicates] == [10]
    assert "row 3" in report.duplicates[0].why
    assert sorted(row.mark for row in report.unreadable) == ["gov_castle", "pass_NW"]
    assert report.marks_written == len(marks["features"]) == 17 - report.dropped == 9
    assert marks["build_report"] == report.counts()


def test_report_lines_name_the_broken_rows(built):
    text = "\n".join(built[0].lines())
    assert "broken coordinates flagged and left out: 2" in text
    assert "Kharab Suluq" in text and "366514." in text


def test_marks_keep_source_order_ids_sides_and_symbols(built):
    _, marks, _ = built
    by_id = {feature["properties"]["id"]: feature["properties"] for feature in marks["features"]}
    assert list(by_id) == [f"control-{row:04d}" for row in (3, 4, 5, 6, 11, 12, 13, 14, 15)]
    assert by_id["control-0004"]["sides"] == ["opp", "JaN"] and by_id["control-0004"]["status"] == "split"
    assert by_id["control-0005"]["side"] == "SDF" and by_id["control-0005"]["status"] == "contested"
    assert by_id["control-0006"]["symbol"] == "hill" and by_id["control-0006"]["side"] == "JaN"
    assert by_id["control-0014"]["symbol"] == "air"
    # A border-crossing arrow takes the side of the mark on its spot.
    assert by_id["control-0011"]["symbol"] == "pass" and by_id["control-0011"]["side"] == "opp"
    assert by_id["control-0013"]["name_en"] == "Unnamed place"


def test_every_file_and_feature_carries_the_share_alike_licence(built):
    _, marks, areas = built
    for collection in (marks, areas):
        assert collection["licence"] == LICENCE and collection["attribution"] == ATTRIBUTION
        assert all(feature["properties"]["licence"] == LICENCE for feature in collection["features"])
    assert all(feature["properties"]["snapshot_from"] == "2017-07-04" for feature in marks["features"])
    assert not any("valid_from" in feature["properties"] for feature in marks["features"])


def test_areas_cover_syria_once_by_class(built):
    _, _, areas = built
    classes = {(f["properties"]["side"], f["properties"]["status"]) for f in areas["features"]}
    # Settlements only: gov (Aleppo), opp+JaN split (Idlib), opp (Bab al-Hawa, unnamed), contested.
    assert classes == {("gov", "held"), ("opp", "split"), ("opp", "held"), ("contested", "contested"),
                       ("unknown", "unmarked")}
    geometries = [to_metres(shape(feature["geometry"])) for feature in areas["features"]]
    assert all(geometry.is_valid for geometry in geometries)
    total = sum(feature["properties"]["area_km2"] for feature in areas["features"])
    syria = json.loads((DEFAULT_DATA_DIR / "basemap_countries.geojson").read_text(encoding="utf-8"))
    outline = next(shape(f["geometry"]) for f in syria["features"]
                   if f["properties"]["name_en"] == "Syria")
    assert total == pytest.approx(to_metres(outline).area / 1e6, rel=0.001)
    overlap = shapely.union_all(geometries).area
    assert overlap == pytest.approx(sum(geometry.area for geometry in geometries), rel=0.01)
    # A capped cell: no settlement claims more than a 12 km disc.
    gov = next(f for f in areas["features"] if f["properties"]["side"] == "gov")
    assert gov["properties"]["area_km2"] <= 3.1416 * 12**2


def test_command_line_builds_into_the_data_folder(tmp_path, monkeypatch, capsys):
    shutil.copy(DEFAULT_DATA_DIR / "basemap_countries.geojson", tmp_path)
    monkeypatch.setenv("ZONES_DATA_DIR", str(tmp_path))
    assert main(["build-control", str(FIXTURE)]) == 0
    output = capsys.readouterr().out
    assert "marks written: 9" in output
    assert "decorations dropped (the mark is an image file name): 2" in output
    assert (tmp_path / "control_marks.geojson").exists()
    assert (tmp_path / "control_areas.geojson").exists()


def test_command_line_names_a_wrong_source(tmp_path, capsys):
    assert main(["build-control", str(tmp_path)]) == 2
    assert "has no marks.csv" in capsys.readouterr().err
