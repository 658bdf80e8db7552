"""The package's floors: imports run one way, and the light modules stay light."""

import ast
import subprocess
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "zones"
# Each floor may import from the floors before it, never from those after it.
FLOORS = ("core", "language", "data", "analysis", "map", "export", "page")


def _floor(module: str) -> int:
    part = module.split(".")[1]
    return FLOORS.index(part)


def _zones_imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("zones."):
            found.add(node.module)
        elif isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names if alias.name.startswith("zones.")}
    return found


@pytest.mark.parametrize("path", sorted(PACKAGE.rglob("*.py")),
                         ids=lambda path: str(path.relative_to(PACKAGE)))
def test_no_floor_imports_from_a_floor_above_it(path):
    relative = path.relative_to(PACKAGE).with_suffix("")
    if relative.parts[0] in ("__init__", "__main__"):
        return  # the command line stands on every floor
    own = FLOORS.index(relative.parts[0])
    for module in _zones_imports(path):
        assert _floor(module) <= own, f"{relative} imports {module}"


@pytest.mark.parametrize(("module", "absent"), [
    ("zones", ("zones.core", "folium", "geopandas", "streamlit")),
    ("zones.page.share_link", ("folium", "geopandas", "shapely", "streamlit")),
    ("zones.export.snapshot", ("folium", "geopandas")),
])
def test_light_modules_load_no_map_library(module, absent):
    code = f"import sys, {module}; print(','.join(name for name in {absent!r} if name in sys.modules))"
    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                            cwd=PACKAGE.parent).stdout.strip()
    assert loaded == ""
