"""The catalogue's layers, loaded: each layer's features selected from its file and checked.

A broken file never stops the others: :func:`load_layers` returns every layer that loaded and a
:class:`~zones.data.errors.LayerError` for each one that did not.
"""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Callable, Hashable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TypeVar

import geopandas as gpd

from zones.core import ZONE_KIND
from zones.data.catalogue import Catalogue, LayerSpec
from zones.data.errors import LayerError
from zones.data.geojson_file import read_geojson
from zones.data.phases_file import PHASES_FILE, Phase, PhasesError, load_phases
from zones.data.properties import validate_properties

T = TypeVar("T")


@dataclass(frozen=True)
class LayerData:
    """A layer ready to draw: its catalogue entry, its features and any in-memory repairs."""

    spec: LayerSpec
    frame: gpd.GeoDataFrame
    warnings: tuple[str, ...] = ()
    # The phases of the zones this layer draws, by zone_id (empty for other layers).
    phases: Mapping[str, tuple[Phase, ...]] = field(default_factory=dict)
    # What the map builder derives from the frame (per language and date), kept with the data
    # it came from so that it is computed once, not on every rerun.
    derived: dict = field(default_factory=dict, compare=False, repr=False)

    def derive(self, key: Hashable, compute: Callable[[], T]) -> T:
        """``derived[key]``, computed by ``compute()`` the first time it is asked for.

        Every session shares the loaded layers, so twenty readers opening the page at once would
        otherwise each work out the same megabytes at the same time (memory grew by gigabytes
        and the first picture timed out); one computes while the others wait, then all share it.
        """
        if key in self.derived:
            return self.derived[key]
        with _DERIVING:
            if key not in self.derived:
                self.derived[key] = compute()
            return self.derived[key]


# One lock for every layer: derived values nest (a layer's JSON is made from its collection),
# and the work is Python-bound, so running two at once would not be faster anyway.
_DERIVING = threading.RLock()


@dataclass(frozen=True)
class LoadResult:
    """Every layer of a catalogue that loaded, and an error for each one that did not."""

    layers: dict[str, LayerData]
    errors: tuple[LayerError, ...]
    # Each zone's phases by zone_id (zone_phases.json; empty when the folder has none).
    phases: Mapping[str, tuple[Phase, ...]] = field(default_factory=dict)

    def of_kind(self, kind: str) -> list[LayerData]:
        """The loaded layers whose catalogue kind is ``kind``, in drawing order."""
        return [layer for layer in self.layers.values() if layer.spec.kind.name == kind]

    @property
    def repairs(self) -> list[str]:
        """Every in-memory repair, once: a repair of a file that several layers share is one."""
        return list(dict.fromkeys(text for layer in self.layers.values() for text in layer.warnings))


def load_layers(catalogue: Catalogue) -> LoadResult:
    """Load every catalogue layer; a broken file never stops the others."""
    layers, errors = {}, []
    try:
        phases = load_phases(catalogue.directory)
    except PhasesError as error:
        phases = {}
        errors.append(LayerError(None, catalogue.directory / PHASES_FILE, str(error),
                                 "The zones are drawn without their phases until it is fixed."))
    for spec in catalogue.layers:
        try:
            layer = load_layer(spec, catalogue)
        except LayerError as error:
            errors.append(error)
            continue
        layers[spec.id] = replace(layer, phases=phases) if spec.kind.name == ZONE_KIND else layer
    return LoadResult(layers=layers, errors=tuple(errors), phases=phases)


def load_layer(spec: LayerSpec, catalogue: Catalogue) -> LayerData:
    """Load one layer: read its file, keep the features ``spec.where`` selects, validate them.

    Raises :class:`LayerError` with a message that names the file and what to do.
    """
    path = catalogue.directory / spec.file
    try:
        frame, repairs = read_geojson(path, catalogue.region, spec.max_vertices)
    except LayerError as error:
        raise LayerError(spec, path, error.problem, error.hint) from None
    shared_ids = _repeated_ids(frame)
    for key, value in spec.where.items():
        if key not in frame.columns:
            raise LayerError(spec, path, f"no feature has the property “{key}”.",
                             f"The catalogue selects features with {key} = {value!r}.")
        frame = frame[frame[key] == value]
    if frame.empty:
        selection = ", ".join(f"{key} = {value!r}" for key, value in spec.where.items())
        raise LayerError(spec, path, "the file has no features for this layer.",
                         f"Add features with {selection}." if selection else "Add features to it.")
    _check_geometry_types(spec, path, frame)
    problems = validate_properties(frame.drop(columns="geometry").to_dict("records"),
                                   spec.kind.properties)
    # Ids this layer holds once but another layer of the same file also uses (repeats within
    # the layer are reported by validate_properties).
    clashes = sorted((set(_text_ids(frame)) & shared_ids) - _repeated_ids(frame))
    if clashes:
        problems.append(f"ids must be unique in the file; also used by another feature: "
                        f"{', '.join(clashes[:5])}")
    if problems:
        raise LayerError(spec, path, "; ".join(problems[:5]) + ("; …" if len(problems) > 5 else "."),
                         "Fix these properties in the file.")
    # A repair of one feature concerns only the layer that holds it; a file-wide one, every layer.
    warnings = tuple(text for index, text in repairs if index is None or index in frame.index)
    return LayerData(spec=spec, frame=frame.reset_index(drop=True), warnings=warnings)


def _text_ids(frame: gpd.GeoDataFrame) -> list[str]:
    if "id" not in frame.columns:
        return []
    return [value for value in frame["id"] if isinstance(value, str) and value]


def _repeated_ids(frame: gpd.GeoDataFrame) -> set[str]:
    return {value for value, count in Counter(_text_ids(frame)).items() if count > 1}


def _check_geometry_types(spec: LayerSpec, path: Path, frame: gpd.GeoDataFrame) -> None:
    wrong = sorted(set(frame.geom_type) - set(spec.kind.geometry_types))
    if wrong:
        raise LayerError(spec, path,
                         f"it holds {', '.join(wrong)} geometries, which a {spec.kind.name} layer "
                         f"cannot draw.",
                         f"Allowed: {', '.join(spec.kind.geometry_types)}.")
