"""Where things fall on a figure: the ground a view covers, which features are in it, which town
names fit without overlapping, and the locator inset's drawing.

All in Python, before the figure is rendered, so that what the legend lists and which labels
show can be tested without a browser. The view's ground is computed the way Leaflet does it:
Web Mercator with 256-pixel tiles, the centre in the middle of the figure.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from html import escape

import shapely
from shapely.geometry import box, shape

from zones.core import View

TILE_PX = 256
LABEL_MIN_ZOOM = 9  # below it, town names crowd each other and hide the zones
LABEL_FONT_PX = 12
# A label's box, estimated (no font metrics in Python): the dot, a gap and about 0.6 em per
# character, one line high, with a margin so that neighbours do not touch.
LABEL_CHAR_PX = 0.6 * LABEL_FONT_PX
LABEL_HEIGHT_PX = LABEL_FONT_PX + 4
LABEL_MARGIN_PX = 3
INSET_WIDTH_PX = 120
SYMBOL_PX = 8  # half the side of the box a post or event symbol takes (radius 6 and its outline)


def _world_px(zoom: float) -> float:
    return TILE_PX * 2.0 ** zoom


def to_pixel(lat: float, lon: float, zoom: float) -> tuple[float, float]:
    """The Web Mercator pixel (x right, y down) of a point (degrees) at ``zoom``, as Leaflet
    counts them from the world's top-left corner."""
    size = _world_px(zoom)
    lat = max(min(lat, 85.0511287798), -85.0511287798)
    sin = math.sin(math.radians(lat))
    x = (lon + 180.0) / 360.0 * size
    y = (0.5 - math.log((1 + sin) / (1 - sin)) / (4 * math.pi)) * size
    return x, y


def to_degrees(x: float, y: float, zoom: float) -> tuple[float, float]:
    """(lat, lon) in degrees of a Web Mercator pixel at ``zoom``; the inverse of :func:`to_pixel`."""
    size = _world_px(zoom)
    lon = x / size * 360.0 - 180.0
    lat = math.degrees(math.atan(math.sinh(math.pi * (1 - 2 * y / size))))
    return lat, lon


def view_bounds(view: View, width: int, height: int) -> tuple[float, float, float, float]:
    """The ground (west, south, east, north, degrees) a ``width`` × ``height`` CSS-px map shows
    centred on ``view`` at its zoom."""
    x, y = to_pixel(view.lat, view.lon, view.zoom)
    north, west = to_degrees(x - width / 2, y - height / 2, view.zoom)
    south, east = to_degrees(x + width / 2, y + height / 2, view.zoom)
    return west, south, east, north


def features_in_view(collection: dict, bounds: Sequence[float]) -> list[dict]:
    """The features of a GeoJSON ``collection`` whose geometry touches ``bounds``
    (west, south, east, north, degrees)."""
    frame = box(*bounds)
    return [feature for feature in collection.get("features", ())
            if feature.get("geometry") and shape(feature["geometry"]).intersects(frame)]


@dataclass(frozen=True)
class PlaceLabel:
    """A town name placed on a figure, at ``lat``/``lon`` (degrees), written on the ``side``
    (``right`` or ``left``) of its dot."""

    text: str
    lat: float
    lon: float
    side: str = "right"
    gap: int = 0  # px between the place and the name: room for a data symbol drawn on the place


def label_box(x: float, y: float, text: str, side: str = "right",
              gap: float = 0) -> tuple[float, float, float, float]:
    """The pixel box (left, top, right, bottom) a label takes: a dot at (x, y), the name on
    ``side`` of it ``gap`` px further out, centred vertically, with a margin."""
    width = 8 + gap + LABEL_CHAR_PX * len(text)
    half = LABEL_HEIGHT_PX / 2
    if side == "left":
        return (x - width - LABEL_MARGIN_PX, y - half - LABEL_MARGIN_PX,
                x + 4 + LABEL_MARGIN_PX, y + half + LABEL_MARGIN_PX)
    return (x - 4 - LABEL_MARGIN_PX, y - half - LABEL_MARGIN_PX,
            x + width + LABEL_MARGIN_PX, y + half + LABEL_MARGIN_PX)


def _overlaps(a: Sequence[float], b: Sequence[float]) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def place_labels(candidates: Iterable[PlaceLabel], view: View, width: int, height: int, *,
                 taken: Iterable[PlaceLabel] = (),
                 symbols: Iterable[tuple[float, float]] = (),
                 reserved: Iterable[tuple[float, float, float, float]] = ()) -> list[PlaceLabel]:
    """The ``candidates`` (most important first) whose label fits inside the figure without
    overlapping an earlier one or any of ``taken`` (labels already drawn, such as the basemap
    cities), greedily, on the right of the dot or else on its left; none below zoom
    :data:`LABEL_MIN_ZOOM`.

    A candidate at the same place as a ``taken`` label (within 12 px) is its duplicate and left
    out. No label covers one of the data's point ``symbols`` ((lat, lon), degrees; a box of
    :data:`SYMBOL_PX` around each) or a ``reserved`` pixel box (left, top, right, bottom: the
    title, legend, inset, scale bar and attribution). The figure is ``width`` × ``height`` CSS px
    centred on ``view``.
    """
    if view.zoom < LABEL_MIN_ZOOM:
        return []
    centre_x, centre_y = to_pixel(view.lat, view.lon, view.zoom)
    left, top = centre_x - width / 2, centre_y - height / 2

    taken = list(taken)

    def position(label: PlaceLabel) -> tuple[float, float]:
        x, y = to_pixel(label.lat, label.lon, view.zoom)
        return x - left, y - top

    taken_points = [position(label) for label in taken]
    fixed = [label_box(x, y, label.text) for (x, y), label in zip(taken_points, taken, strict=True)]
    fixed += list(reserved)
    symbol_points = [position(PlaceLabel("", lat, lon)) for lat, lon in symbols]
    symbol_boxes = [(x - SYMBOL_PX, y - SYMBOL_PX, x + SYMBOL_PX, y + SYMBOL_PX) for x, y in symbol_points]
    chosen, chosen_boxes = [], []
    for label in candidates:
        x, y = position(label)
        if any(math.hypot(x - tx, y - ty) < 12 for tx, ty in taken_points):
            continue
        # A symbol on the place itself (an event in the town) is named: the text moves out of
        # its way instead of giving up.
        on_place = [abs(sx - x) < SYMBOL_PX and abs(sy - y) < SYMBOL_PX for sx, sy in symbol_points]
        others = fixed + chosen_boxes + [frame for frame, here in zip(symbol_boxes, on_place, strict=True)
                                         if not here]
        gap = SYMBOL_PX if any(on_place) else 0
        for side in ("right", "left"):
            frame = label_box(x, y, label.text, side, gap)
            if frame[0] < 0 or frame[1] < 0 or frame[2] > width or frame[3] > height:
                continue
            if any(_overlaps(frame, other) for other in others):
                continue
            chosen_boxes.append(frame)
            chosen.append(replace(label, side=side, gap=gap))
            break
    return chosen


def locator_svg(outline, bounds: Sequence[float], *, label: str = "", width: int = INSET_WIDTH_PX) -> str:
    """A small SVG map: ``outline`` (a shapely geometry in degrees, the country) in grey and the
    figure's ``bounds`` (west, south, east, north) as a red rectangle, in an equirectangular
    projection true to scale at the middle latitude. When the view is larger than the outline,
    the drawing covers the view. ``label`` is its accessible name."""
    view = box(*bounds)
    extent = shapely.union_all([outline.envelope, view]).bounds if not outline.envelope.covers(view) \
        else outline.bounds
    west, south, east, north = extent
    stretch = math.cos(math.radians((south + north) / 2))
    pad = 4
    scale = (width - 2 * pad) / max((east - west) * stretch, 1e-9)
    height = round((north - south) * scale + 2 * pad)

    def point(lon: float, lat: float) -> str:
        return f"{pad + (lon - west) * stretch * scale:.1f},{pad + (north - lat) * scale:.1f}"

    simple = outline.simplify((east - west) / 200)
    polygons = getattr(simple, "geoms", [simple])
    rings = []
    for polygon in polygons:
        if polygon.geom_type != "Polygon":
            continue
        coordinates = polygon.exterior.coords
        rings.append("M" + " L".join(point(lon, lat) for lon, lat in coordinates) + " Z")
    view_west, view_south, view_east, view_north = (max(bounds[0], west), max(bounds[1], south),
                                                    min(bounds[2], east), min(bounds[3], north))
    x1, y1 = point(view_west, view_north).split(",")
    x2, y2 = point(view_east, view_south).split(",")
    rect_width, rect_height = max(float(x2) - float(x1), 2.0), max(float(y2) - float(y1), 2.0)
    return (f'<svg class="zones-locator" width="{width}" height="{height}" '
            f'viewBox="0 0 {width} {height}" role="img" aria-label="{escape(label, quote=True)}">'
            f'<path d="{" ".join(rings)}" fill="#e5e1d8" stroke="#6b6459" stroke-width="0.8"/>'
            f'<rect x="{x1}" y="{y1}" width="{rect_width:.1f}" height="{rect_height:.1f}" '
            f'fill="none" stroke="#d7191c" stroke-width="1.5"/></svg>')


LEGEND_ROW_PX = 18
LEGEND_COLUMN_PX = 360
# What the legend's column must leave free: the inset and north arrow above it, the attribution
# below it, and its own heading and note.
LEGEND_CLEARANCE_PX = 200 + 90 + 50


def legend_columns(rows: int, height: int) -> int:
    """How many columns the figure's legend needs so that it stays below the locator inset and
    above the attribution (at most three; at least one)."""
    fit = max(4, (height - LEGEND_CLEARANCE_PX) // LEGEND_ROW_PX)
    return max(1, min(3, math.ceil(rows / fit)))


def control_boxes(width: int, height: int, *, title_chars: int, source_chars: int,
                  legend_rows: int) -> list[tuple[float, float, float, float]]:
    """The pixel boxes (left, top, right, bottom) the figure's boxes cover, estimated from their
    content (the browser lays them out; these are generous): the title top left, the north
    arrow and locator inset top right, the legend and the attribution bottom right, the scale
    bar bottom left."""
    title_width = min(width, 40 + max(9 * title_chars, 6.5 * source_chars))
    columns = legend_columns(legend_rows, height)
    legend_height = 60 + LEGEND_ROW_PX * math.ceil(legend_rows / columns)
    return [
        (0, 0, title_width, 95),
        (width - INSET_WIDTH_PX - 30, 0, width, 200),
        (width - LEGEND_COLUMN_PX * columns, height - 70 - legend_height, width, height),
        (width * 0.35, height - 70, width, height),
        (0, height - 60, 110, height),
    ]
