"""The declared schema of ``layers.toml``: every field's type and allowed values.

pydantic checks the parsed TOML against these models; :func:`schema_problems` turns its errors
into one line per problem naming the layer (or section), the field and what is allowed, for the
page and ``python -m zones check``. The models only validate: :mod:`zones.data.catalogue` builds
its own immutable objects from the checked data.
"""

from __future__ import annotations

import json
import math
import re
from importlib.resources import files
from pathlib import PurePosixPath, PureWindowsPath
from typing import Annotated, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    StrictBool,
    StrictFloat,
    StrictInt,
    StrictStr,
    ValidationError,
    field_validator,
)

from zones.core import DEFAULT_MAX_VERTICES

PropertyType = Literal["text", "date", "optional_date", "confidence", "sources", "boolean"]
GeometryType = Literal["Point", "MultiPoint", "LineString", "MultiLineString", "Polygon",
                       "MultiPolygon"]
# The CSS colour names, as branca (folium's own library) lists them.
CSS_COLOUR_NAMES = frozenset(json.loads(files("branca").joinpath("_cnames.json").read_text()))
_HEX_COLOUR = re.compile(r"#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})")
_DASH_ARRAY = re.compile(r"[0-9]+(?: [0-9]+)*")
LAYER_ID = r"^[a-z0-9_]+$"
# A number: an int is taken as a float, a bool or text is refused.
Number = StrictFloat


def _colour(value: str) -> str:
    # Nothing but a hex code or a name reaches a style: `url(…)` would make the map fetch it.
    if _HEX_COLOUR.fullmatch(value) or value.lower() in CSS_COLOUR_NAMES:
        return value
    raise ValueError("must be a colour written #rgb, #rrggbb or a CSS colour name such as "
                     "“navy”")


def _dash_array(value: str) -> str:
    # "" undoes a layer's dashes for a variant (a point is never dashed).
    if value == "" or _DASH_ARRAY.fullmatch(value):
        return value
    raise ValueError("must be whole numbers of pixels separated by spaces, such as “6 4”, or "
                     "empty for a solid line")


def _relative_file(value: str) -> str:
    """A path relative to the data folder that cannot climb out of it (links are checked when
    the file is read)."""
    posix, windows = PurePosixPath(value), PureWindowsPath(value)
    if not value or posix.is_absolute() or windows.is_absolute() or windows.drive \
            or ".." in posix.parts or ".." in windows.parts or "\x00" in value:
        raise ValueError("must be a file name relative to the data folder, inside it "
                         "(no absolute path, no “..”)")
    return value


Colour = Annotated[StrictStr, AfterValidator(_colour)]
DataFile = Annotated[StrictStr, AfterValidator(_relative_file)]
Text = Annotated[StrictStr, Field(min_length=1, max_length=500)]
Opacity = Annotated[Number, Field(ge=0, le=1, allow_inf_nan=False)]
Vertices = Annotated[StrictInt, Field(gt=0, le=10_000_000)]


class _Strict(BaseModel):
    # Unknown keys are refused: a misspelt option must not be silently ignored.
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


class StyleModel(_Strict):
    """Leaflet path options: colours, widths in pixels, opacities 0–1."""

    color: Colour | None = None
    fill_color: Colour | None = None
    weight: Annotated[Number, Field(ge=0, le=50, allow_inf_nan=False)] | None = None
    opacity: Opacity | None = None
    fill_opacity: Opacity | None = None
    dash_array: Annotated[StrictStr, AfterValidator(_dash_array)] | None = None
    radius: Annotated[Number, Field(gt=0, le=100, allow_inf_nan=False)] | None = None


class OutlineModel(_Strict):
    file: DataFile
    name_en: Text | None = None


class RegionModel(_Strict):
    bounds: Annotated[list[Number], Field(min_length=4, max_length=4)] = [-180, -90, 180, 90]
    outline: OutlineModel | None = None
    max_file_megabytes: Annotated[Number, Field(gt=0, le=1024, allow_inf_nan=False)] = 20
    max_vertices: Vertices = DEFAULT_MAX_VERTICES

    @field_validator("bounds")
    @classmethod
    def _ordered(cls, bounds):
        west, south, east, north = bounds
        finite = all(map(math.isfinite, bounds))
        if not (finite and -180 <= west < east <= 180 and -90 <= south < north <= 90):
            raise ValueError("must be [min lon, min lat, max lon, max lat] in degrees, min below max")
        return bounds


class KindModel(_Strict):
    geometry_types: list[GeometryType] = Field(min_length=1)
    provenance: StrictBool = False
    properties: dict[StrictStr, PropertyType] = {}


class LayerModel(_Strict):
    id: Annotated[StrictStr, Field(pattern=LAYER_ID, max_length=64)]
    title: Text
    titles: dict[StrictStr, Text] = {}
    file: DataFile
    kind: StrictStr
    order: StrictInt
    visible: StrictBool = True
    attribution: Annotated[StrictStr, Field(max_length=500)] = ""
    style: StyleModel = StyleModel()
    where: dict[StrictStr, StrictStr | StrictInt | StrictBool] = {}
    variant_property: StrictStr | list[StrictStr] | None = None  # one property, or several in order
    variants: dict[StrictStr, StyleModel] = {}
    max_vertices: Vertices | None = None


class CatalogueModel(BaseModel):
    # Other top-level tables are left to other readers of the file.
    model_config = ConfigDict(extra="ignore", strict=True, frozen=True)

    region: RegionModel = RegionModel()
    provenance: dict[StrictStr, PropertyType] = {}
    kinds: dict[StrictStr, KindModel] = {}
    layers: list[LayerModel] = Field(min_length=1)


ALLOWED = {
    "id": "lower-case letters, digits and _ only",
    "order": "a whole number",
    "visible": "true or false (not text)",
}


def schema_problems(raw: dict, error: ValidationError) -> list[str]:
    """One line per schema problem: where (layer id or section), the field, what is allowed and
    what was given."""
    return [_describe(raw, item) for item in error.errors()]


def _describe(raw: dict, item: dict) -> str:
    location = list(item["loc"])
    where = location[0] if location else "catalogue"
    if location[:1] == ["layers"] and len(location) > 1 and isinstance(location[1], int):
        entry = raw["layers"][location[1]] if location[1] < len(raw.get("layers", [])) else {}
        layer_id = entry.get("id") if isinstance(entry, dict) else None
        where = (f"layer {layer_id[:40]!r}" if isinstance(layer_id, str)
                 else f"layer {location[1] + 1} (counting from 1)")
        location = location[2:]
    elif location[:1] == ["kinds"] and len(location) > 2:
        where, location = f"[kinds.{location[1]}]", location[2:]
    elif len(location) == 1:  # a whole section: [[layers]], [region]…
        where = "the catalogue"
    else:
        location = location[1:]
        where = f"[{where}]"
    field = ".".join(str(part) for part in location) or "entry"
    message = item["msg"].removeprefix("Value error, ")
    if item["type"] == "extra_forbidden":
        message = "is not a known option"
    elif item["type"] == "missing":
        message = "is required"
    elif location and location[-1] in ALLOWED:
        message = f"{message} ({ALLOWED[location[-1]]})"
    given = item.get("input")
    shown = "" if item["type"] in ("missing",) or isinstance(given, dict) else f"; given {given!r:.60}"
    return f"{where}, field “{field}”: {message}{shown}"
