"""The layer catalogue: which layers exist, where their files are and how they look.

The catalogue is data (``geodata/layers.toml``); this module only reads it into typed,
immutable objects and checks that it is coherent, so that the rest of the code can trust it.
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType

from zones.core import BASEMAP_KIND, CITY_KIND

PROJECT_DIR = Path(__file__).resolve().parents[2]
DEFAULT_DATA_DIR = PROJECT_DIR / "geodata"
CATALOGUE_FILE = "layers.toml"
DATA_DIR_VARIABLE = "ZONES_DATA_DIR"

PROPERTY_TYPES = frozenset({"text", "date", "optional_date", "confidence", "sources", "boolean"})
STYLE_KEYS = frozenset(
    {"color", "weight", "opacity", "fill_color", "fill_opacity", "dash_array", "radius"}
)


class CatalogueError(ValueError):
    """The catalogue file is missing or incoherent; the message says what to fix."""


@dataclass(frozen=True)
class KindSpec:
    """What every layer of one kind must hold."""

    name: str
    geometry_types: tuple[str, ...]
    properties: Mapping[str, str]


@dataclass(frozen=True)
class LayerSpec:
    """One catalogue entry. ``style`` and ``variants`` hold Leaflet path options."""

    id: str
    title: str
    file: str
    kind: KindSpec
    order: int
    visible: bool
    attribution: str
    style: Mapping[str, object]
    where: Mapping[str, object] = field(default_factory=dict)
    # Properties whose values pick a variant style, applied in this order (a district's
    # feature_type, then who held it).
    variant_properties: tuple[str, ...] = ()
    variants: Mapping[str, Mapping[str, object]] = field(default_factory=dict)
    titles: Mapping[str, str] = field(default_factory=dict)

    @property
    def is_basemap(self) -> bool:
        return self.kind.name in (BASEMAP_KIND, CITY_KIND)

    def title_for(self, lang: str) -> str:
        """The title in ``lang`` when the catalogue gives one, else the English title."""
        return self.titles.get(lang) or self.title

    def style_for(self, *variants: object) -> dict[str, object]:
        """The layer style, overridden by each variant's style in turn where there is one."""
        style = dict(self.style)
        for variant in variants:
            style.update(self.variants.get(str(variant), {}))
        return style


@dataclass(frozen=True)
class Region:
    """Where the map's data may lie (degrees) and how large a layer file may be (bytes)."""

    bounds: tuple[float, float, float, float]
    max_file_bytes: int
    outline_file: Path | None = None
    outline_name: str | None = None


@dataclass(frozen=True)
class Catalogue:
    """All layers in drawing order, looked up by id, with the region they must lie in."""

    layers: tuple[LayerSpec, ...]
    region: Region
    directory: Path

    @property
    def ids(self) -> tuple[str, ...]:
        return tuple(layer.id for layer in self.layers)

    @property
    def default_visible(self) -> tuple[str, ...]:
        return tuple(layer.id for layer in self.layers if layer.visible)

    def get(self, layer_id: str) -> LayerSpec:
        for layer in self.layers:
            if layer.id == layer_id:
                return layer
        raise KeyError(f"unknown layer {layer_id!r}; known layers: {', '.join(self.ids)}")


def data_dir() -> Path:
    """The data directory: ``$ZONES_DATA_DIR`` when set, else the shipped ``geodata/``."""
    override = os.environ.get(DATA_DIR_VARIABLE)
    return Path(override).expanduser().resolve() if override else DEFAULT_DATA_DIR


def load_catalogue(directory: Path | None = None) -> Catalogue:
    """Read ``layers.toml`` from ``directory`` (default: :func:`data_dir`).

    Raises :class:`CatalogueError` naming the file and the entry at fault.
    """
    path = Path(directory or data_dir()) / CATALOGUE_FILE
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise CatalogueError(f"{path}: the layer catalogue is missing.") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        raise CatalogueError(f"{path}: the layer catalogue cannot be read ({error}).") from None
    kinds = _read_kinds(raw, path)
    layers = tuple(
        sorted((_read_layer(entry, kinds, path) for entry in raw.get("layers", [])),
               key=lambda layer: layer.order)
    )
    if not layers:
        raise CatalogueError(f"{path}: the catalogue lists no [[layers]].")
    ids = [layer.id for layer in layers]
    duplicates = sorted({layer_id for layer_id in ids if ids.count(layer_id) > 1})
    if duplicates:
        raise CatalogueError(f"{path}: layer ids must be unique; repeated: {', '.join(duplicates)}.")
    region = raw.get("region", {})
    outline = region.get("outline", {})
    return Catalogue(
        layers=layers,
        region=Region(
            bounds=tuple(float(value) for value in region.get("bounds", (-180, -90, 180, 90))),
            max_file_bytes=int(float(region.get("max_file_megabytes", 20)) * 1024 * 1024),
            outline_file=path.parent / outline["file"] if "file" in outline else None,
            outline_name=outline.get("name_en"),
        ),
        directory=path.parent,
    )


def _read_kinds(raw: dict, path: Path) -> dict[str, KindSpec]:
    provenance = dict(raw.get("provenance", {}))
    kinds = {}
    for name, entry in raw.get("kinds", {}).items():
        properties = {**(provenance if entry.get("provenance") else {}), **entry.get("properties", {})}
        unknown = sorted(set(properties.values()) - PROPERTY_TYPES)
        if unknown:
            raise CatalogueError(
                f"{path}: kind {name!r} uses unknown property types {unknown}; "
                f"allowed: {', '.join(sorted(PROPERTY_TYPES))}."
            )
        kinds[name] = KindSpec(
            name=name,
            geometry_types=tuple(entry.get("geometry_types", ())),
            properties=MappingProxyType(properties),
        )
    return kinds


def _read_layer(entry: dict, kinds: dict[str, KindSpec], path: Path) -> LayerSpec:
    layer_id = entry.get("id", "?")
    missing = [key for key in ("id", "title", "file", "kind", "order") if key not in entry]
    if missing:
        raise CatalogueError(f"{path}: layer {layer_id!r} lacks {', '.join(missing)}.")
    if entry["kind"] not in kinds:
        raise CatalogueError(
            f"{path}: layer {layer_id!r} has kind {entry['kind']!r}; "
            f"allowed: {', '.join(sorted(kinds))}."
        )
    styles = [entry.get("style", {}), *entry.get("variants", {}).values()]
    unknown_style = sorted({key for style in styles for key in style} - STYLE_KEYS)
    if unknown_style:
        raise CatalogueError(
            f"{path}: layer {layer_id!r} has unknown style keys {unknown_style}; "
            f"allowed: {', '.join(sorted(STYLE_KEYS))}."
        )
    return LayerSpec(
        id=entry["id"],
        title=entry["title"],
        file=entry["file"],
        kind=kinds[entry["kind"]],
        order=int(entry["order"]),
        visible=bool(entry.get("visible", True)),
        attribution=entry.get("attribution", ""),
        style=MappingProxyType(dict(entry.get("style", {}))),
        where=MappingProxyType(dict(entry.get("where", {}))),
        variant_properties=_names(entry.get("variant_property")),
        titles=MappingProxyType({str(key): str(value) for key, value in entry.get("titles", {}).items()}),
        variants=MappingProxyType(
            {key: MappingProxyType(dict(value)) for key, value in entry.get("variants", {}).items()}
        ),
    )


def _names(value: object) -> tuple[str, ...]:
    """``variant_property`` as a tuple: one property name or a list of them."""
    if value is None:
        return ()
    return (value,) if isinstance(value, str) else tuple(str(name) for name in value)


def data_signature(directory: Path) -> tuple[tuple[str, int, int], ...]:
    """Name, size and modification time of every file in ``directory``: a cache key that
    changes whenever a layer file or the catalogue is edited, added or removed."""
    entries = []
    for path in sorted(Path(directory).glob("*")):
        try:
            stat = path.stat()
        except OSError:
            continue
        entries.append((path.name, stat.st_size, stat.st_mtime_ns))
    return tuple(entries)
