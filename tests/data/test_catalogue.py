from pathlib import Path

import pytest

from zones.data.catalogue import DEFAULT_DATA_DIR, CatalogueError, data_dir, data_signature, load_catalogue

PRODUCT_LAYER_IDS = {"idlib", "northern_homs", "eastern_ghouta", "south", "raqqa",
                     "military_police", "events"}


def test_shipped_catalogue_lists_every_product_layer_in_drawing_order():
    catalogue = load_catalogue(DEFAULT_DATA_DIR)
    assert set(catalogue.ids) >= PRODUCT_LAYER_IDS
    orders = [layer.order for layer in catalogue.layers]
    assert orders == sorted(orders)
    assert all(layer.attribution for layer in catalogue.layers)


def test_shipped_catalogue_names_files_that_exist():
    catalogue = load_catalogue(DEFAULT_DATA_DIR)
    for layer in catalogue.layers:
        assert (DEFAULT_DATA_DIR / layer.file).is_file(), layer.file


def test_zone_layers_select_their_zone_from_one_file():
    catalogue = load_catalogue(DEFAULT_DATA_DIR)
    for zone_id in ("idlib", "northern_homs", "eastern_ghouta", "south"):
        layer = catalogue.get(zone_id)
        assert layer.file == "deescalation_zones.geojson"
        assert dict(layer.where) == {"zone_id": zone_id}
        assert "sources" in layer.kind.properties


def test_unknown_layer_id_names_the_known_ones():
    catalogue = load_catalogue(DEFAULT_DATA_DIR)
    with pytest.raises(KeyError, match="idlib"):
        catalogue.get("nowhere")


def _catalogue_with(tmp_path: Path, layers: str) -> Path:
    text = (DEFAULT_DATA_DIR / "layers.toml").read_text(encoding="utf-8")
    head = text.split("[[layers]]")[0]
    (tmp_path / "layers.toml").write_text(head + layers, encoding="utf-8")
    return tmp_path


def test_unknown_kind_is_refused_with_the_allowed_kinds(tmp_path):
    folder = _catalogue_with(tmp_path, '[[layers]]\nid="x"\ntitle="X"\nfile="x.geojson"\n'
                                       'kind="volcano"\norder=1\n')
    with pytest.raises(CatalogueError, match="volcano.*allowed: area, basemap"):
        load_catalogue(folder)


def test_repeated_layer_id_is_refused(tmp_path):
    entry = '[[layers]]\nid="x"\ntitle="X"\nfile="x.geojson"\nkind="zone"\norder=1\n'
    with pytest.raises(CatalogueError, match="repeated: x"):
        load_catalogue(_catalogue_with(tmp_path, entry + entry))


def test_unknown_style_key_is_refused(tmp_path):
    entry = ('[[layers]]\nid="x"\ntitle="X"\nfile="x.geojson"\nkind="zone"\norder=1\n'
             'style = { colour = "red" }\n')
    with pytest.raises(CatalogueError, match="colour"):
        load_catalogue(_catalogue_with(tmp_path, entry))


def test_missing_catalogue_says_so(tmp_path):
    with pytest.raises(CatalogueError, match="missing"):
        load_catalogue(tmp_path)


def test_broken_toml_says_so(tmp_path):
    (tmp_path / "layers.toml").write_text("[[layers]\n", encoding="utf-8")
    with pytest.raises(CatalogueError, match="cannot be read"):
        load_catalogue(tmp_path)


def test_data_dir_follows_the_environment(monkeypatch, tmp_path):
    monkeypatch.delenv("ZONES_DATA_DIR", raising=False)
    assert data_dir() == DEFAULT_DATA_DIR
    monkeypatch.setenv("ZONES_DATA_DIR", str(tmp_path))
    assert data_dir() == tmp_path.resolve()


def test_signature_changes_when_a_file_changes(tmp_path):
    path = tmp_path / "a.geojson"
    path.write_text("{}")
    before = data_signature(tmp_path)
    path.write_text("{} ")
    assert data_signature(tmp_path) != before


def test_a_catalogue_that_is_a_named_pipe_is_refused_without_waiting(tmp_path):
    import os

    os.mkfifo(tmp_path / "layers.toml")
    with pytest.raises(CatalogueError, match="a named pipe, not a regular file"):
        load_catalogue(tmp_path)


def test_an_oversized_catalogue_is_refused_unread(tmp_path):
    (tmp_path / "layers.toml").write_bytes(b"#" * (1024 * 1024 + 1))
    with pytest.raises(CatalogueError, match="over the limit of 1 MB"):
        load_catalogue(tmp_path)


def test_a_catalogue_linked_from_outside_the_folder_is_refused(tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    (data / "layers.toml").symlink_to(DEFAULT_DATA_DIR / "layers.toml")
    with pytest.raises(CatalogueError, match="outside the data folder"):
        load_catalogue(data)


def test_a_deeply_nested_catalogue_is_named_not_a_crash(tmp_path):
    (tmp_path / "layers.toml").write_text("x = " + "[" * 100_000 + "]" * 100_000 + "\n")
    with pytest.raises(CatalogueError, match="nested too deeply"):
        load_catalogue(tmp_path)
