"""The catalogue's declared schema: each mistyped or out-of-range value is refused with the
layer, the field and what is allowed, and nothing legitimate is refused."""

from __future__ import annotations

from pathlib import Path

import pytest

from zones.data.catalogue import DEFAULT_DATA_DIR, CatalogueError, load_catalogue

GOOD = {
    "id": '"x"', "title": '"X"', "file": '"x.geojson"', "kind": '"zone"', "order": "1",
    "visible": "true", "attribution": '"Someone (CC BY 4.0)"', "titles": '{ fr = "Ex" }',
    "style": '{ color = "#abc", fill_color = "navy", weight = 2, opacity = 0.5, '
             'fill_opacity = 1.0, dash_array = "6 4", radius = 5 }',
}


def write_catalogue(folder: Path, *, region: dict | None = None, **fields: str) -> Path:
    """The shipped catalogue's head (region, provenance, kinds) with one layer, whose fields
    are GOOD overridden by ``fields`` (TOML text; None drops the field)."""
    text = (DEFAULT_DATA_DIR / "layers.toml").read_text(encoding="utf-8")
    head = text.split("[[layers]]")[0]
    for key, value in (region or {}).items():
        head = head.replace(f"\n{key} = ", f"\n{key} = {value}\n_replaced_{key} = ", 1) \
            if f"\n{key} = " in head else head.replace("[region]\n", f"[region]\n{key} = {value}\n", 1)
        head = "\n".join(line for line in head.splitlines() if not line.startswith("_replaced_"))
    entry = {**GOOD, **fields}
    layer = "\n".join(f"{key} = {value}" for key, value in entry.items() if value is not None)
    (folder / "layers.toml").write_text(head + "\n[[layers]]\n" + layer + "\n", encoding="utf-8")
    return folder


def problems_of(folder: Path) -> tuple[str, ...]:
    with pytest.raises(CatalogueError) as caught:
        load_catalogue(folder)
    return caught.value.problems


def test_the_good_entry_loads(tmp_path):
    layer = load_catalogue(write_catalogue(tmp_path)).get("x")
    assert dict(layer.style) == {"color": "#abc", "fill_color": "navy", "weight": 2, "opacity": 0.5,
                                 "fill_opacity": 1.0, "dash_array": "6 4", "radius": 5}
    assert layer.visible is True and layer.titles == {"fr": "Ex"}


# Each mistyped value the issue found taken silently, or crashing the page.
MISTYPED = [
    ("order", '"late"', "“order”", "whole number"),
    ("style", '{ weight = "thick" }', "“style.weight”", "number"),
    ("style", '{ fill_opacity = "full" }', "“style.fill_opacity”", "number"),
    ("style", "{ fill_opacity = 1.5 }", "“style.fill_opacity”", "less than or equal to 1"),
    ("style", "{ radius = 0 }", "“style.radius”", "greater than 0"),
    ("style", '{ dash_array = "6,4;x" }', "“style.dash_array”", "separated by spaces"),
    ("style", '{ fill_color = "url(https://evil.example/paint.svg#p)" }', "“style.fill_color”",
     "#rgb, #rrggbb or a CSS colour name"),
    ("style", '{ color = "red;background:url(x)" }', "“style.color”", "CSS colour name"),
    ("id", "7", "“id”", "valid string"),
    ("attribution", "1", "“attribution”", "valid string"),
    ("titles", '"x"', "“titles”", "dictionary"),
    ("visible", '"false"', "“visible”", "true or false (not text)"),
    ("file", "5", "“file”", "valid string"),
    ("file", '"../secret/x.geojson"', "“file”", "inside it"),
    ("file", '"/etc/passwd"', "“file”", "no absolute path"),
    ("file", '"C:\\\\data\\\\x.geojson"', "“file”", "no absolute path"),
    ("file", '"sub/../../x.geojson"', "“file”", "inside it"),
    ("title", '""', "“title”", "at least 1 character"),
    ("colour", '"red"', "“colour”", "not a known option"),
]


@pytest.mark.parametrize(("field", "value", "named", "allowed"), MISTYPED,
                         ids=[f"{field}={value}" for field, value, *_ in MISTYPED])
def test_a_mistyped_value_is_named_with_what_is_allowed(tmp_path, field, value, named, allowed):
    problems = problems_of(write_catalogue(tmp_path, **{field: value}))
    assert len(problems) == 1, problems
    layer = "layer 1 (counting from 1)" if field == "id" else "layer 'x'"
    assert problems[0].startswith(f"{layer}, field {named}"), problems
    assert allowed in problems[0], problems


@pytest.mark.parametrize("layer_id", ["ev&lat=0", "two words", "a.b", "it's", 'q"uote', "Idlib",
                                      "", "é"])
def test_a_layer_id_outside_the_pattern_is_refused(tmp_path, layer_id):
    problems = problems_of(write_catalogue(tmp_path, id=f"'{layer_id}'" if '"' in layer_id
                                           else f'"{layer_id}"'))
    assert "field “id”" in problems[0] and "[a-z0-9_]+" in problems[0], problems


@pytest.mark.parametrize("layer_id", ["constructor", "__proto__", "to_string", "has_own_property"])
def test_ids_that_are_javascript_names_are_legitimate(tmp_path, layer_id):
    # The schema refuses nothing legitimate; the legend must treat them as plain keys.
    assert load_catalogue(write_catalogue(tmp_path, id=f'"{layer_id}"')).ids == (layer_id,)


@pytest.mark.parametrize(("key", "value", "phrase"), [
    ("bounds", "[25.0, 28.0]", "at least 4 items"),
    ("bounds", "[50.0, 28.0, 25.0, 43.0]", "min below max"),
    ("max_file_megabytes", "nan", "finite number"),
    ("max_file_megabytes", "0", "greater than 0"),
    ("max_vertices", "-1", "greater than 0"),
])
def test_region_values_are_checked(tmp_path, key, value, phrase):
    problems = problems_of(write_catalogue(tmp_path, region={key: value}))
    assert problems[0].startswith(f"[region], field “{key}”"), problems
    assert phrase in problems[0], problems


def test_every_problem_is_listed_at_once(tmp_path):
    problems = problems_of(write_catalogue(tmp_path, order='"late"', visible='"false"'))
    assert [problem.split(":")[0] for problem in problems] == ["layer 'x', field “order”",
                                                               "layer 'x', field “visible”"]


def test_the_vertex_budget_defaults_to_the_region_and_a_layer_may_set_its_own(tmp_path):
    catalogue = load_catalogue(write_catalogue(tmp_path, region={"max_vertices": "5000"}))
    assert catalogue.get("x").max_vertices == 5000
    catalogue = load_catalogue(write_catalogue(tmp_path, max_vertices="300"))
    assert catalogue.get("x").max_vertices == 300
    assert load_catalogue(DEFAULT_DATA_DIR).get("idlib").max_vertices == 200_000


def test_the_message_names_the_file(tmp_path):
    with pytest.raises(CatalogueError, match=r"layers\.toml: the layer catalogue has 1 problem"):
        load_catalogue(write_catalogue(tmp_path, order='"late"'))


def test_a_catalogue_without_layers_says_so(tmp_path):
    text = (DEFAULT_DATA_DIR / "layers.toml").read_text(encoding="utf-8").split("[[layers]]")[0]
    (tmp_path / "layers.toml").write_text(text, encoding="utf-8")
    assert problems_of(tmp_path) == ("the catalogue, field “layers”: is required",)


def test_a_kind_with_an_unknown_geometry_or_property_type_is_named(tmp_path):
    folder = write_catalogue(tmp_path)
    toml = folder / "layers.toml"
    toml.write_text(toml.read_text(encoding="utf-8")
                    .replace('geometry_types = ["Polygon", "MultiPolygon"]\nprovenance = true',
                             'geometry_types = ["Blob"]\nprovenance = true')
                    .replace('properties = { zone_id = "text" }', 'properties = { zone_id = "colour" }'),
                    encoding="utf-8")
    problems = problems_of(folder)
    assert problems[0].startswith("[kinds.zone], field “geometry_types.0”: Input should be 'Point'")
    assert problems[1].startswith("[kinds.zone], field “properties.zone_id”: Input should be 'text'")
