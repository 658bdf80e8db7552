"""The layer catalogue: which layers exist, where their files are and how they look.

The catalogue is data (``geodata/layers.toml``); this module reads it (bounded, from the data
folder only), checks it against the schema of :mod:`zones.data.catalogue_schema` and turns it
into typed, immutable objects, so that the rest of the code can trust it.
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType

from pydantic import ValidationError

from zones.core import BASEMAP_KIND, CITY_KIND, DEFAULT_MAX_VERTICES, MAX_CATALOGUE_BYTES
from zones.data.catalogue_schema import CatalogueModel, LayerModel, RegionModel, StyleModel, schema_problems
from zones.data.safe_read import RefusedFile, read_bounded

PROJECT_DIR = Path(__file__).resolve().parents[2]
DEFAULT_DATA_DIR = PROJECT_DIR / "geodata"
CATALOGUE_FILE = "layers.toml"
DATA_DIR_VARIABLE = "ZONES_DATA_DIR"



class CatalogueError(ValueError):
    """The catalogue file is missing or incoherent; the message says what to fix.

    ``problems`` lists each problem on its own (one line each, without the file name)."""

    def __init__(self, message: str, problems: tuple[str, ...] = ()):
        super().__init__(message)
        self.problems = tuple(problems) or (message,)

    @classmethod
    def listing(cls, path: Path, problems: list[str]) -> CatalogueError:
        """One error for all of ``problems`` found in the catalogue at ``path``."""
        noun = "problem" if len(problems) == 1 else "problems"
        return cls(f"{path}: the layer catalogue has {len(problems)} {noun}:\n"
                   + "\n".join(f"- {problem}" for problem in problems), tuple(problems))


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
    max_vertices: int = DEFAULT_MAX_VERTICES

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
    directory: Path | None = None  # the data folder every file read must lie in


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
    """Read ``layers.toml`` from ``directory`` (default: :func:`data_dir`) and check it against
    the declared schema (:mod:`zones.data.catalogue_schema`).

    Raises :class:`CatalogueError` naming the file and, for each problem, the entry and field
    at fault and what is allowed (``problems`` holds one line per problem).
    """
    folder = Path(directory or data_dir())
    path = folder / CATALOGUE_FILE
    try:
        raw = tomllib.loads(read_bounded(path, MAX_CATALOGUE_BYTES, directory=folder).decode("utf-8"))
    except FileNotFoundError:
        raise CatalogueError(f"{path}: the layer catalogue is missing. Put layers.toml in the data "
                             f"folder, or set {DATA_DIR_VARIABLE} to a folder that has one.") from None
    except RefusedFile as error:
        raise CatalogueError(f"{path}: the layer catalogue cannot be read: {error.reason}") from None
    except OSError as error:
        raise CatalogueError(f"{path}: the layer catalogue cannot be opened ({error.strerror}).") \
            from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        raise CatalogueError(f"{path}: the layer catalogue cannot be read ({error}).") from None
    except RecursionError:
        raise CatalogueError(f"{path}: the layer catalogue cannot be read (its arrays or tables "
                             "are nested too deeply).") from None
    try:
        model = CatalogueModel.model_validate(raw)
    except ValidationError as error:
        raise CatalogueError.listing(path, schema_problems(raw, error)) from None
    kinds = _read_kinds(model)
    problems = [f"layer {entry.id!r}, field “kind”: {entry.kind[:40]!r} is not one of the "
                f"kinds; allowed: {', '.join(sorted(kinds))}"
                for entry in model.layers if entry.kind not in kinds]
    ids = [entry.id for entry in model.layers]
    duplicates = sorted({layer_id for layer_id in ids if ids.count(layer_id) > 1})
    if duplicates:
        problems.append(f"layer ids must be unique; repeated: {', '.join(duplicates)}")
    if problems:
        raise CatalogueError.listing(path, problems)
    layers = tuple(sorted((_read_layer(entry, kinds, model.region) for entry in model.layers),
                          key=lambda layer: layer.order))
    region, outline = model.region, model.region.outline
    return Catalogue(
        layers=layers,
        region=Region(
            bounds=tuple(float(value) for value in region.bounds),
            max_file_bytes=int(region.max_file_megabytes * 1024 * 1024),
            outline_file=folder / outline.file if outline else None,
            outline_name=outline.name_en if outline else None,
            directory=folder,
        ),
        directory=folder,
    )


def _read_kinds(model: CatalogueModel) -> dict[str, KindSpec]:
    return {
        name: KindSpec(
            name=name,
            geometry_types=tuple(kind.geometry_types),
            properties=MappingProxyType({**(model.provenance if kind.provenance else {}),
                                         **kind.properties}),
        )
        for name, kind in model.kinds.items()
    }


def _style(style: StyleModel) -> MappingProxyType:
    return MappingProxyType(style.model_dump(exclude_none=True))


def _read_layer(entry: LayerModel, kinds: dict[str, KindSpec], region: RegionModel) -> LayerSpec:
    return LayerSpec(
        id=entry.id,
        title=entry.title,
        file=entry.file,
        kind=kinds[entry.kind],
        order=entry.order,
        visible=entry.visible,
        attribution=entry.attribution,
        style=_style(entry.style),
        where=MappingProxyType(dict(entry.where)),
        variant_properties=_names(entry.variant_property),
        titles=MappingProxyType(dict(entry.titles)),
        variants=MappingProxyType({key: _style(value) for key, value in entry.variants.items()}),
        max_vertices=entry.max_vertices or region.max_vertices,
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
