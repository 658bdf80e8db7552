"""Shared fixtures: the shipped catalogue, and throw-away data folders built from it."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from zones.catalogue import DEFAULT_DATA_DIR, load_catalogue

TESTS_DIR = Path(__file__).resolve().parent
SAMPLE_DIR = TESTS_DIR / "data" / "sample"


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
    return load_catalogue(sample_dir)


def write_json(path: Path, data: object) -> Path:
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def read_sample(name: str) -> dict:
    return json.loads((SAMPLE_DIR / name).read_text(encoding="utf-8"))
