import math
from dataclasses import replace

import pytest
from shapely.geometry import box

from zones.core import View
from zones.export.figure_layout import (
    LABEL_MIN_ZOOM,
    PlaceLabel,
    features_in_view,
    label_box,
    locator_svg,
    place_labels,
    to_degrees,
    to_pixel,
    view_bounds,
)

GHOUTA = View(lat=33.55, lon=36.40, zoom=11)


def test_pixels_and_degrees_are_inverse():
    x, y = to_pixel(33.55, 36.40, 11)
    assert to_degrees(x, y, 11) == pytest.approx((33.55, 36.40))
    assert to_pixel(0, 0, 0) == pytest.approx((128, 128))


def test_the_view_covers_width_and_height_at_the_zoom():
    west, south, east, north = view_bounds(GHOUTA, 1280, 800)
    # At zoom 11 a pixel is 360 / (256 · 2^11) degrees of longitude.
    assert east - west == pytest.approx(1280 * 360 / (256 * 2**11))
    assert (west + east) / 2 == pytest.approx(36.40)
    assert south < 33.55 < north and north - 33.55 == pytest.approx(33.55 - south, rel=0.01)
    # Mercator stretches latitude by 1 / cos(lat): 800 px span fewer degrees than 800 px of longitude.
    expected = 800 * 360 / (256 * 2**11) * math.cos(math.radians(33.55))
    assert (north - south) == pytest.approx(expected, rel=0.01)


def test_features_in_view_keep_only_what_touches_the_bounds():
    collection = {"features": [
        {"geometry": {"type": "Point", "coordinates": [36.4, 33.55]}},
        {"geometry": {"type": "Point", "coordinates": [38.0, 35.9]}},
        {"geometry": {"type": "LineString", "coordinates": [[30, 33.5], [40, 33.5]]}},  # crosses
        {"geometry": None},
    ]}
    kept = features_in_view(collection, view_bounds(GHOUTA, 1280, 800))
    assert [feature["geometry"]["type"] for feature in kept] == ["Point", "LineString"]


def test_labels_do_not_overlap_and_the_first_wins():
    west, south, east, north = view_bounds(GHOUTA, 1280, 800)
    first = PlaceLabel("Douma", 33.5717, 36.4027)
    crowding = PlaceLabel("Next door", 33.5717, 36.4040)  # 2 px to the right
    far = PlaceLabel("Far", 33.45, 36.2)
    chosen = place_labels([first, crowding, far], GHOUTA, 1280, 800)
    assert chosen == [first, far]
    origin = to_pixel(north, west, GHOUTA.zoom)
    pixels = [to_pixel(label.lat, label.lon, GHOUTA.zoom) for label in chosen]
    boxes = [label_box(x - origin[0], y - origin[1], label.text)
             for (x, y), label in zip(pixels, chosen, strict=True)]
    assert not (boxes[0][0] < boxes[1][2] and boxes[1][0] < boxes[0][2]
                and boxes[0][1] < boxes[1][3] and boxes[1][1] < boxes[0][3])


def test_labels_avoid_cities_symbols_and_the_figure_edge_and_small_zooms():
    douma = PlaceLabel("Douma", 33.5717, 36.4027)
    assert place_labels([douma], GHOUTA, 1280, 800, taken=[PlaceLabel("Dūmā", 33.5717, 36.4027)]) == []
    pixel = 360 / (256 * 2**GHOUTA.zoom)  # degrees of longitude per pixel
    beside = [(33.5717, 36.4027 + 20 * pixel), (33.5717, 36.4027 - 20 * pixel)]
    assert place_labels([douma], GHOUTA, 1280, 800, symbols=beside) == []
    assert place_labels([douma], GHOUTA, 1280, 800, symbols=beside[:1]) == [replace(douma, side="left")]
    # a symbol on the town itself (an event in Douma): the name is written beside it, not dropped
    assert place_labels([douma], GHOUTA, 1280, 800, symbols=[(33.5717, 36.4027)]) == [replace(douma, gap=8)]
    west, _, east, _ = view_bounds(GHOUTA, 1280, 800)
    assert place_labels([PlaceLabel("Edge", 33.55, east - 0.001)], GHOUTA, 1280, 800) == []
    low = View(lat=33.55, lon=36.40, zoom=LABEL_MIN_ZOOM - 1)
    assert place_labels([douma], low, 1280, 800) == []
    assert place_labels([douma], View(lat=33.55, lon=36.40, zoom=LABEL_MIN_ZOOM), 1280, 800) == [douma]


def test_the_locator_draws_the_country_and_the_view_inside_it():
    country = box(35.7, 32.3, 42.4, 37.3)
    svg = locator_svg(country, view_bounds(GHOUTA, 1280, 800), label="Where <this> is")
    assert svg.startswith('<svg class="zones-locator" width="120"') and "<path d=\"M" in svg
    assert 'aria-label="Where &lt;this&gt; is"' in svg
    rect = dict(part.split("=") for part in svg.split("<rect ")[1].split("/>")[0].replace('"', "").split()
                if "=" in part)
    x, width = float(rect["x"]), float(rect["width"])
    # Ghouta lies in the south-west of Syria: the rectangle is in the left part of the inset.
    assert 0 < x < 40 and 2 <= width < 20


def test_a_long_legend_takes_columns_to_stay_clear_of_the_inset_and_the_attribution():
    from zones.export.figure_layout import legend_columns

    assert legend_columns(10, 800) == 1
    assert legend_columns(30, 640) == 2  # 300 px free: 16 rows a column
    assert legend_columns(200, 300) == 3  # never more than three
    assert legend_columns(0, 800) == 1
