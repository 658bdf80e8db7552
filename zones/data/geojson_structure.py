"""Checks on a parsed GeoJSON file before any geometry is built: coordinates nested as their
type requires, finite and counted (for the vertex budget); properties not nested absurdly deep;
no lone UTF-16 surrogates. Each is iterative, so no input can exhaust Python's stack, and each
failure is a :class:`~zones.data.errors.LayerError` naming the feature.
"""

from __future__ import annotations

import re
from pathlib import Path

from zones.core import is_finite_number
from zones.data.errors import LayerError

# How deeply each geometry type nests its coordinates: a Point holds one position (depth 1).
COORDINATE_DEPTH = {"Point": 1, "MultiPoint": 2, "LineString": 2, "MultiLineString": 3,
                    "Polygon": 3, "MultiPolygon": 4}
# A JSON escape can name half of a UTF-16 pair ("\\ud800"): Python keeps it as a lone
# surrogate, which no page or file can encode. Only an escape can make one in UTF-8 text.
SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")
SURROGATE = re.compile("[\ud800-\udfff]")


def feature_label(index: int, feature: dict) -> str:
    """“feature N”, with the feature's id or English name when it has one, for messages."""
    properties = feature.get("properties") or {}
    properties = properties if isinstance(properties, dict) else {}
    name = properties.get("id") or properties.get("name_en")
    # The name is data: a lone surrogate in it could not be shown, so it is replaced.
    shown = SURROGATE.sub("\ufffd", str(name)[:60]) if name else ""
    return f"feature {index}" + (f" ({shown})" if shown else "")


def nesting_depth(value: object) -> int:
    """How deeply lists and objects nest in ``value`` (0 for a plain value); iterative, so that
    any nesting the JSON parser accepted can be measured."""
    deepest, stack = 0, [(value, 1)]
    while stack:
        node, level = stack.pop()
        children = node.values() if isinstance(node, dict) else node if isinstance(node, list) else None
        if children is None:
            continue
        deepest = max(deepest, level)
        stack.extend((child, level + 1) for child in children)
    return deepest


def refuse_surrogates(path: Path, collection: object) -> None:
    features = collection.get("features") if isinstance(collection, dict) else None
    parts = list(enumerate(features)) if isinstance(features, list) else [(None, collection)]
    for index, part in parts:
        stack = [part]
        while stack:
            node = stack.pop()
            if isinstance(node, dict):
                stack.extend(node.keys())
                stack.extend(node.values())
            elif isinstance(node, list):
                stack.extend(node)
            elif isinstance(node, str) and SURROGATE.search(node):
                where = "the file" if index is None else feature_label(index, part)
                raise LayerError(None, path, f"{where} holds a “\\u{ord(SURROGATE.search(node).group()):x}” "
                                 "escape, half of a UTF-16 pair, which is not a character.",
                                 "Fix the escape (write the character itself, in UTF-8).")


def checked_positions(path: Path, index: int, feature: dict) -> int:
    """The number of positions (vertices) of the feature's geometry, after checking that its
    coordinates nest as its type requires and are finite numbers. Iterative, never recursive."""
    label = feature_label(index, feature)
    geometry = feature.get("geometry")
    if not isinstance(geometry, dict) or "coordinates" not in geometry:
        raise LayerError(None, path, f"{label} has no geometry.",
                         "Every feature needs a geometry with coordinates.")
    kind = geometry.get("type")
    if kind not in COORDINATE_DEPTH:
        raise LayerError(None, path, f"{label} has an unknown geometry type ({str(kind)[:40]!r}).",
                         f"Allowed: {', '.join(COORDINATE_DEPTH)}.")
    count, stack = 0, [(geometry["coordinates"], COORDINATE_DEPTH[kind])]
    while stack:
        node, depth = stack.pop()
        if depth == 0 and is_finite_number(node):
            continue
        if not isinstance(node, list):
            if depth == 0:
                raise LayerError(None, path, f"{label} has coordinates that are not finite numbers "
                                 "(NaN, Infinity or text).", "Fix or remove those coordinates.")
            raise LayerError(None, path, f"{label} has a malformed {kind} geometry (its coordinates "
                             "are not nested as the type requires).", "Check its coordinate nesting.")
        if depth == 0:
            raise LayerError(None, path, f"{label} has a malformed {kind} geometry (its coordinates "
                             "are nested too deeply).", "Check its coordinate nesting.")
        if depth == 1:
            count += 1
        stack.extend((item, depth - 1) for item in node)
    return count
