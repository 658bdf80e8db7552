"""Shared fixtures: the shipped data, throw-away data folders built from it with the tiny sample
layers, and the page run headless by Streamlit's AppTest."""

from __future__ import annotations

import io
import json
import shutil
from pathlib import Path

import pytest

from zones.data.catalogue import DEFAULT_DATA_DIR, load_catalogue
from zones.data.layers import load_layers
from zones.map.assets import STATIC_DIR

TESTS_DIR = Path(__file__).resolve().parent
FIXTURES_DIR = TESTS_DIR / "fixtures"
SAMPLE_DIR = FIXTURES_DIR / "sample"
APP = str(DEFAULT_DATA_DIR.parent / "app.py")


@pytest.fixture
def sample_dir(tmp_path: Path) -> Path:
    """A data folder with the shipped catalogue and basemap, and the tiny sample layers."""
    folder = tmp_path / "geodata"
    folder.mkdir()
    for path in DEFAULT_DATA_DIR.glob("*"):
        if path.name in ("layers.toml", "places.csv") or path.name.startswith("basemap_"):
            shutil.copy(path, folder / path.name)
    for path in SAMPLE_DIR.glob("*.geojson"):
        shutil.copy(path, folder / path.name)
    return folder


@pytest.fixture
def sample_catalogue(sample_dir: Path):
    """The catalogue of :func:`sample_dir`."""
    return load_catalogue(sample_dir)


@pytest.fixture
def sample_result(sample_catalogue):
    """The sample layers, loaded from :func:`sample_catalogue`."""
    return load_layers(sample_catalogue)


@pytest.fixture
def out_dir(tmp_path) -> Path:
    """An empty folder for exports (``tmp_path`` also holds the sample data)."""
    folder = tmp_path / "out"
    folder.mkdir()
    return folder


@pytest.fixture(scope="session")
def shipped_result():
    """The shipped data in ``geodata/``, loaded once for the whole run (read-only)."""
    return load_layers(load_catalogue(DEFAULT_DATA_DIR))


def write_json(path: Path, data: object) -> Path:
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def read_sample(name: str) -> dict:
    return json.loads((SAMPLE_DIR / name).read_text(encoding="utf-8"))


def png_image(data: bytes):
    """PNG bytes as an RGB Pillow image."""
    from PIL import Image

    return Image.open(io.BytesIO(data)).convert("RGB")


def sawtooth(vertices: int, *, tooth: float = 0.01, crossing: bool = False) -> list:
    """GeoJSON Polygon coordinates near Idlib: a saw of ``vertices`` points along 36.4–36.9° E,
    teeth ``tooth`` degrees high, closed by a base below it (valid), or, with ``crossing``, by
    an edge that cuts through every tooth (self-intersecting, slow to repair the usual way)."""
    step = 0.5 / max(vertices - 1, 1)
    teeth = [[36.4 + index * step, 35.9 + (tooth if index % 2 else 0.0)] for index in range(vertices)]
    base = [[36.9, 35.9 + tooth / 2], [36.4, 35.9 + tooth / 2]] if crossing else [[36.9, 35.8], [36.4, 35.8]]
    return [teeth + base + [teeth[0]]]


# ---------------------------------------------------------------- the page, headless


def run_page(monkeypatch, folder: Path | None = None):
    """Run the page once with AppTest (data from ``folder``, else the shipped data)."""
    from streamlit.testing.v1 import AppTest

    if folder is not None:
        monkeypatch.setenv("ZONES_DATA_DIR", str(folder))
    page = AppTest.from_file(APP, default_timeout=60).run()
    assert not page.exception, page.exception
    return page


def map_args(page) -> dict:
    """The data the map component receives (zones.map.carrier_data.map_data)."""
    maps = [element for element in page.get("bidi_component")
            if element.proto.component_name == "zones_map"]
    assert len(maps) == 1
    return json.loads(maps[0].proto.json)


def layer_text(args: dict) -> str:
    """Every layer's GeoJSON text sent in this run, inline or by file (AppTest never reports
    holding any)."""
    return "".join(_layer_texts(args).values())


def _layer_texts(args: dict) -> dict[str, str]:
    texts = dict(args.get("data") or {})
    for version, url in (args.get("files") or {}).items():
        relative = url.split("/static/", 1)[1].split("?", 1)[0]
        texts[version] = (STATIC_DIR / relative).read_text(encoding="utf-8")
    return texts


def drawn_layers(page) -> set[str]:
    """The visible layers whose data, as sent, has at least one feature."""
    args = map_args(page)
    texts = _layer_texts(args)
    versions = {entry["id"]: entry["version"] for entry in args["layers"]}
    return {layer_id for layer_id in args["visible"]
            if json.loads(texts[versions[layer_id]])["features"]}
