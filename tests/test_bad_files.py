"""The corpus of bad layer files (tests/fixtures/bad): each one, dropped into a copy of the sample
data in place of a layer file, is refused with a message that says what to do, or repaired in
memory with a warning, everywhere a user meets it: the loader, the page and ``python -m zones
check``. The other layers never notice, and the file on disk is never touched."""

from __future__ import annotations

import os
import shutil
import stat
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.conftest import SAMPLE_DIR, TESTS_DIR, drawn_layers, read_sample, run_page, sawtooth, write_json
from zones.__main__ import main
from zones.data.catalogue import DEFAULT_DATA_DIR, load_catalogue
from zones.data.layers import load_layers

BAD_DIR = TESTS_DIR / "fixtures" / "bad"
ZONES_FILE = "deescalation_zones.geojson"
ZONES = frozenset({"idlib", "northern_homs", "eastern_ghouta", "south"})
OVERSIZE = "(generated) over the size limit"
OVER_BUDGET = "(generated) over the vertex budget"
DEEP_PROPERTY = "(generated) arrays nested 100,000 deep in a property"
NAMED_PIPE = "(generated) a named pipe"
DEV_ZERO = "(generated) a link to /dev/zero"
OUTSIDE = "(generated) a link to a file outside the data folder"
FOLDER = "(generated) a folder"


@dataclass(frozen=True)
class Case:
    """A bad file, the layer file it stands in for, and what the app must make of it.

    ``outcome``: "refused" (the ``layers`` get an error), "repaired" (the ``layers`` load with a
    warning) or "accepted" (everything loads, no warning). ``phrases`` must all appear in each
    error or warning.
    """

    file: str
    outcome: str
    layers: frozenset[str] = ZONES
    phrases: tuple[str, ...] = ()
    target: str = ZONES_FILE

    def __str__(self) -> str:
        return self.file


CASES = (
    Case("truncated.geojson", "refused", phrases=("not valid JSON (line 102", "truncated",
                                                  "copy it again")),
    Case("not_json.geojson", "refused", phrases=("not valid JSON (line 1, column 1",
                                                 "not JSON at all", "as GeoJSON")),
    Case("html_page.geojson", "refused", phrases=("not valid JSON", "web page (HTML)",
                                                  "failed download")),
    Case("empty_file.geojson", "refused", phrases=("the file is empty", "GeoJSON")),
    Case("not_geojson.geojson", "refused", phrases=("JSON but not GeoJSON", "FeatureCollection",
                                                    "Export it as GeoJSON")),
    Case("empty_collection.geojson", "refused", phrases=("has no features", "Add at least one")),
    Case("null_geometry.geojson", "refused", phrases=("feature 0 (zone-idlib) has no geometry",)),
    Case("wrong_geometry_type.geojson", "refused", frozenset({"idlib"}),
         ("Point geometries", "zone layer cannot draw", "Allowed: Polygon, MultiPolygon")),
    Case("self_intersecting.geojson", "repaired", frozenset({"idlib"}),
         ("zone-idlib", "Self-intersection", "repaired in memory")),
    Case("unclosed_ring.geojson", "repaired", frozenset({"idlib"}),
         ("zone-idlib", "unclosed ring", "closed in memory")),
    Case("metres_as_degrees.geojson", "refused",
         phrases=("too large for degrees", "metres", "Reproject the file to EPSG:4326")),
    Case("swapped_lat_lon.geojson", "refused",
         phrases=("latitude and longitude look swapped", "[longitude, latitude]")),
    Case("nan_coordinates.geojson", "refused",
         phrases=("zone-northern-homs", "not finite numbers", "Fix or remove")),
    Case("infinite_coordinates.geojson", "refused",
         phrases=("zone-northern-homs", "not finite numbers", "Fix or remove")),
    Case("missing_crs.geojson", "accepted", frozenset()),
    Case("crs84_declared.geojson", "accepted", frozenset()),
    Case("foreign_crs_epsg3857.geojson", "repaired",
         phrases=("reprojected in memory from EPSG:3857 to EPSG:4326", "file is unchanged")),
    Case("unknown_crs.geojson", "refused", phrases=("unknown CRS", "EPSG:999999",
                                                    "Remove the “crs” member")),
    Case("missing_property.geojson", "refused", frozenset({"south"}),
         ("feature 0 (zone-south) lacks “sources”", "Fix these properties")),
    Case("wrong_property_types.geojson", "refused", frozenset({"eastern_ghouta"}),
         ("“approximate” must be true or false", "“valid_from” must be a date written YYYY-MM-DD",
          "'6 July 2017'")),
    Case("duplicate_ids.geojson", "refused", frozenset({"events"}),
         ("ids must be unique", "repeated: event-su22"), target="events.geojson"),
    Case("duplicate_ids_across_layers.geojson", "refused", frozenset({"idlib", "south"}),
         ("ids must be unique in the file", "zone-idlib")),
    Case("invalid_utf8.geojson", "refused", phrases=("not valid UTF-8 (byte 402)",
                                                     "Save it with UTF-8")),
    Case("utf16.geojson", "refused", phrases=("UTF-16", "Save it with UTF-8")),
    Case(OVERSIZE, "refused", phrases=("1.1 MB, over the limit of 1 MB", "max_file_megabytes")),
    Case("lone_surrogate.geojson", "refused", phrases=("zone-idlib", "ud800” escape",
                                                       "half of a UTF-16 pair")),
    Case("deep_coordinates.geojson", "refused", phrases=("nested too deeply",)),
    Case(DEEP_PROPERTY, "refused", phrases=("nested too deeply",)),
    Case(OVER_BUDGET, "refused", phrases=("2,018 vertices", "over the budget of 1,000",
                                          "raise max_vertices")),
    Case(NAMED_PIPE, "refused", phrases=("a named pipe, not a regular file",)),
    Case(DEV_ZERO, "refused", frozenset({"events"}), ("a character device, not a regular file",),
         target="events.geojson"),
    Case(OUTSIDE, "refused", phrases=("outside the data folder",)),
    Case(FOLDER, "refused", phrases=("a folder, not a regular file",)),
)


def install(case: Case, folder: Path) -> dict[str, tuple[bytes, int]]:
    """Put the case's file in place in ``folder``; return every file's bytes and mtime."""
    target = folder / case.target
    if case.file == OVERSIZE:
        # A valid file padded past a 1 MB limit: megabytes are made here, not committed.
        text = (SAMPLE_DIR / case.target).read_bytes() + b" " * int(1.1 * 1024 * 1024)
        target.write_bytes(text)
        toml = folder / "layers.toml"
        toml.write_text(toml.read_text(encoding="utf-8").replace("max_file_megabytes = 20",
                                                                 "max_file_megabytes = 1"),
                        encoding="utf-8")
    elif case.file == OVER_BUDGET:  # a per-layer budget, below the region's
        collection = read_sample(case.target)
        collection["features"][0]["geometry"]["coordinates"] = sawtooth(2_000)
        write_json(target, collection)
        toml = folder / "layers.toml"  # a budget of 1,000 vertices for the four zone layers
        toml.write_text(toml.read_text(encoding="utf-8").replace(
            f'file = "{case.target}"\n', f'file = "{case.target}"\nmax_vertices = 1000\n'), encoding="utf-8")
    elif case.file == DEEP_PROPERTY:
        # About 200 kB: made here rather than committed.
        text = (SAMPLE_DIR / case.target).read_text(encoding="utf-8")
        deep = "[" * 100_000 + "]" * 100_000
        target.write_text(text.replace('"confidence_note": "Sample data for tests."',
                                       f'"confidence_note": "Sample data for tests.", "deep": {deep}', 1),
                          encoding="utf-8")
    elif case.file == NAMED_PIPE:
        target.unlink()
        os.mkfifo(target)  # with no writer: reading it would wait for ever
    elif case.file == DEV_ZERO:
        target.unlink()
        target.symlink_to("/dev/zero")  # endless: reading it would fill the memory
    elif case.file == OUTSIDE:
        outside = folder.parent / "elsewhere" / case.target
        outside.parent.mkdir()
        shutil.copy(SAMPLE_DIR / case.target, outside)
        target.unlink()
        target.symlink_to(outside)
    elif case.file == FOLDER:
        target.unlink()
        target.mkdir()
    else:
        shutil.copy(BAD_DIR / case.file, target)
    return files_on_disk(folder)


def files_on_disk(folder: Path) -> dict[str, tuple[bytes, int]]:
    """Every entry's content (a link's target, a special file's type) and modification time,
    read without following a link or opening anything but a regular file."""
    entries = {}
    for path in sorted(folder.iterdir()):
        status = path.lstat()
        if stat.S_ISREG(status.st_mode):
            content = path.read_bytes()
        elif stat.S_ISLNK(status.st_mode):
            content = os.readlink(path).encode()
        else:
            content = str(stat.S_IFMT(status.st_mode)).encode()
        entries[path.name] = (content, status.st_mtime_ns)
    return entries


def plain(text: str) -> str:
    """Page text without the Markdown escapes :func:`zones.page_text.literal` adds."""
    return text.replace("\\", "")


def assert_says(text: str, case: Case) -> None:
    for phrase in case.phrases:
        assert phrase in text, f"{phrase!r} not in {text!r}"


@pytest.fixture(scope="module")
def clean_frames(tmp_path_factory) -> dict:
    """Every layer of the untouched sample data (id → GeoDataFrame), to compare against."""
    folder = tmp_path_factory.mktemp("clean")
    for path in DEFAULT_DATA_DIR.glob("*"):
        if path.name in ("layers.toml", "places.csv") or path.name.startswith("basemap_"):
            shutil.copy(path, folder / path.name)
    for path in SAMPLE_DIR.glob("*.geojson"):
        shutil.copy(path, folder / path.name)
    result = load_layers(load_catalogue(folder))
    assert result.errors == ()
    return {layer_id: layer.frame for layer_id, layer in result.layers.items()}


def test_every_corpus_file_has_a_case_and_a_line_in_the_readme():
    files = sorted(path.name for path in BAD_DIR.glob("*.geojson"))
    assert len(files) >= 15
    assert files == sorted(case.file for case in CASES if not case.file.startswith("(generated)"))
    readme = (BAD_DIR / "README.md").read_text(encoding="utf-8")
    for case in CASES:
        generated = case.file.removeprefix("(generated) ").lower()
        line = next((line for line in readme.splitlines() if line.startswith("- ")
                     and (line.startswith(f"- `{case.file}`")
                          or (case.file.startswith("(generated)") and generated in line.lower()))),
                    None)
        assert line is not None, case.file
        assert case.outcome in line.lower(), line


@pytest.mark.parametrize("case", CASES, ids=str)
def test_loading_says_what_is_wrong_and_leaves_the_rest_alone(sample_dir, clean_frames, case):
    before = install(case, sample_dir)
    result = load_layers(load_catalogue(sample_dir))
    errors = {error.layer.id: error.message for error in result.errors}
    warned = {layer_id: layer.warnings for layer_id, layer in result.layers.items() if layer.warnings}
    if case.outcome == "refused":
        assert set(errors) == case.layers
        for message in errors.values():
            assert case.target in message
            assert_says(message, case)
        assert warned == {}
    else:
        assert errors == {}
        assert set(warned) == case.layers
        for warnings in warned.values():
            assert len(warnings) == 1
            assert warnings[0].startswith(case.target)
            assert_says(warnings[0], case)
    # (b) the other layers load exactly as from the clean data
    for layer_id, expected in clean_frames.items():
        if layer_id not in case.layers:
            assert result.layers[layer_id].frame.to_json() == expected.to_json(), layer_id
    # (c) nothing on disk changed, not even a modification time
    assert files_on_disk(sample_dir) == before


def test_a_reprojected_file_lands_where_the_clean_one_does(sample_dir, clean_frames):
    install(next(case for case in CASES if case.file == "foreign_crs_epsg3857.geojson"), sample_dir)
    result = load_layers(load_catalogue(sample_dir))
    for layer_id in ZONES:
        got = result.layers[layer_id].frame.geometry.iloc[0]
        assert got.equals_exact(clean_frames[layer_id].geometry.iloc[0], tolerance=1e-6), layer_id


@pytest.mark.parametrize("case", CASES, ids=str)
def test_the_page_names_the_file_and_draws_every_other_layer(monkeypatch, sample_dir, case):
    before = install(case, sample_dir)
    page = run_page(monkeypatch, sample_dir)
    errors = plain(" ".join(error.value for error in page.error))
    warnings = plain(" ".join(warning.value for warning in page.warning))
    default = set(load_catalogue(sample_dir).default_visible)
    if case.outcome == "refused":
        assert case.target in errors
        assert_says(errors, case)
        assert drawn_layers(page) == default - case.layers
        for layer_id in case.layers:
            assert page.checkbox(key=f"layer_{layer_id}").disabled
    else:
        assert not page.error, errors
        assert drawn_layers(page) == default
        if case.outcome == "repaired":
            assert case.target in warnings
            assert_says(warnings, case)
        else:
            assert "Repaired" not in warnings
    assert files_on_disk(sample_dir) == before


@pytest.mark.parametrize("case", CASES, ids=str)
def test_zones_check_exits_non_zero_for_refused_files_only(sample_dir, case, monkeypatch, capsys):
    before = install(case, sample_dir)
    monkeypatch.setenv("ZONES_DATA_DIR", str(sample_dir))
    code = main(["check"])
    out, err = capsys.readouterr()
    if case.outcome == "refused":
        assert code == 1, err
        for line in err.splitlines():
            assert line.startswith("error"), line
        assert {line.split()[1] for line in err.splitlines()} == case.layers
        assert case.target in err
        assert_says(err, case)
    else:
        assert code == 0, err
        assert err == ""
        warning_lines = [line for line in out.splitlines() if line.startswith("warning")]
        assert {line.split()[1] for line in warning_lines} == case.layers
        for line in warning_lines:
            assert case.target in line
            assert_says(line, case)
    assert files_on_disk(sample_dir) == before
