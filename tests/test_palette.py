"""The catalogue's palette separates meanings, also for readers with red-green colour blindness.

Each thematic colour (a layer's, and each styled variant's: the fill of filled shapes and dots,
the stroke of lines) is simulated as seen with protanopia and deuteranopia (Machado, Oliveira
and Fernandes 2009, severity 1, applied to linear RGB) and compared by CIEDE2000 (Sharma, Wu and
Dalal 2005). No colour science package is in the environment; the formulas are short, and the
CIEDE2000 code is checked against Sharma's published test pairs.
"""

from __future__ import annotations

import itertools

import numpy as np
import pytest

from zones.data.catalogue import DEFAULT_DATA_DIR, load_catalogue

MIN_DELTA_E = 10.0
MACHADO_2009 = {
    "normal": np.eye(3),
    "protanopia": np.array([[0.152286, 1.052583, -0.204868], [0.114503, 0.786281, 0.099216],
                            [-0.003882, -0.048116, 1.051998]]),
    "deuteranopia": np.array([[0.367322, 0.860646, -0.227968], [0.280085, 0.672501, 0.047413],
                              [-0.011820, 0.042940, 0.968881]]),
}
SRGB_TO_XYZ = np.array([[0.4124564, 0.3575761, 0.1804375], [0.2126729, 0.7151522, 0.0721750],
                        [0.0193339, 0.1191920, 0.9503041]])
D65 = np.array([0.95047, 1.0, 1.08883])
# Layers whose colours are not ours to choose: the town-control record keeps the colours of
# Wikipedia's detailed map (government red, opposition green, SDF yellow...), the convention its
# readers know, and its own legend gives the key.
RECORD_KINDS = frozenset({"control", "control_area", "disagreement"})


def _meaning(item: str) -> str:
    """What an item (``layer`` or ``layer.variant``) stands for: the SDF's front, positions and
    districts are one meaning (the SDF); the military police's lines and its two kinds of post are
    one (told apart by shape and fill); every other item is its own."""
    layer, _, variant = item.partition(".")
    if variant == "sdf" or variant.startswith("sdf_"):
        return "sdf"
    return layer if layer == "military_police" else item


def _lab(hex_colour: str, vision: str) -> np.ndarray:
    srgb = np.array([int(hex_colour.lstrip("#")[index:index + 2], 16) for index in (0, 2, 4)]) / 255
    linear = np.where(srgb <= 0.04045, srgb / 12.92, ((srgb + 0.055) / 1.055) ** 2.4)
    xyz = SRGB_TO_XYZ @ np.clip(MACHADO_2009[vision] @ linear, 0, 1) / D65
    f = np.where(xyz > (6 / 29) ** 3, np.cbrt(xyz), xyz / (3 * (6 / 29) ** 2) + 4 / 29)
    return np.array([116 * f[1] - 16, 500 * (f[0] - f[1]), 200 * (f[1] - f[2])])


def delta_e_2000(lab1, lab2) -> float:
    """CIEDE2000 colour difference of two CIELAB colours."""
    (l1, a1, b1), (l2, a2, b2) = lab1, lab2
    c_bar = (np.hypot(a1, b1) + np.hypot(a2, b2)) / 2
    g = 0.5 * (1 - np.sqrt(c_bar**7 / (c_bar**7 + 25**7)))
    a1p, a2p = (1 + g) * a1, (1 + g) * a2
    c1p, c2p = np.hypot(a1p, b1), np.hypot(a2p, b2)
    h1p, h2p = np.degrees(np.arctan2(b1, a1p)) % 360, np.degrees(np.arctan2(b2, a2p)) % 360
    dh = 0.0 if c1p * c2p == 0 else (h2p - h1p + 180) % 360 - 180
    d_h = 2 * np.sqrt(c1p * c2p) * np.sin(np.radians(dh / 2))
    l_bar, cp_bar = (l1 + l2) / 2, (c1p + c2p) / 2
    if c1p * c2p == 0:
        h_bar = h1p + h2p
    elif abs(h1p - h2p) <= 180:
        h_bar = (h1p + h2p) / 2
    else:
        h_bar = (h1p + h2p + 360) / 2 if h1p + h2p < 360 else (h1p + h2p - 360) / 2
    t = (1 - 0.17 * np.cos(np.radians(h_bar - 30)) + 0.24 * np.cos(np.radians(2 * h_bar))
         + 0.32 * np.cos(np.radians(3 * h_bar + 6)) - 0.20 * np.cos(np.radians(4 * h_bar - 63)))
    r_c = 2 * np.sqrt(cp_bar**7 / (cp_bar**7 + 25**7))
    rotation = -np.sin(np.radians(60 * np.exp(-(((h_bar - 275) / 25) ** 2)))) * r_c
    s_l = 1 + 0.015 * (l_bar - 50) ** 2 / np.sqrt(20 + (l_bar - 50) ** 2)
    s_c, s_h = 1 + 0.045 * cp_bar, 1 + 0.015 * cp_bar * t
    terms = ((l2 - l1) / s_l, (c2p - c1p) / s_c, d_h / s_h)
    return float(np.sqrt(terms[0] ** 2 + terms[1] ** 2 + terms[2] ** 2 + rotation * terms[1] * terms[2]))


@pytest.mark.parametrize(("lab1", "lab2", "expected"), [  # Sharma, Wu and Dalal (2005), table 1
    ((50, 2.6772, -79.7751), (50, 0, -82.7485), 2.0425),
    ((50, -1.3802, -84.2814), (50, 0, -82.7485), 1.0000),
    ((50, 2.5, 0), (50, 0, -2.5), 4.3065),
    ((60.2574, -34.0099, 36.2677), (60.4626, -34.1751, 39.4387), 1.2644),
    ((22.7233, 20.0904, -46.6940), (23.0331, 14.9730, -42.5619), 2.0373),
])
def test_the_colour_difference_matches_the_published_values(lab1, lab2, expected):
    assert delta_e_2000(lab1, lab2) == pytest.approx(expected, abs=1e-4)


def thematic_colours() -> dict[str, str]:
    """``layer`` or ``layer.variant`` → the colour that identifies it on the map, for the
    project's own layers (not the basemap, not the town-control record)."""
    colours = {}
    for spec in load_catalogue(DEFAULT_DATA_DIR).layers:
        if spec.is_basemap or spec.kind.name in RECORD_KINDS:
            continue
        for variant in (None, *spec.variants):
            style = spec.style_for(variant)
            filled = float(style.get("fill_opacity", 0)) > 0
            colour = style.get("fill_color", style.get("color")) if filled else style.get("color")
            colours[spec.id if variant is None else f"{spec.id}.{variant}"] = str(colour)
    return colours


@pytest.mark.parametrize("vision", ["normal", "protanopia", "deuteranopia"])
def test_every_pair_of_meanings_stays_apart(vision):
    colours = thematic_colours()
    assert len(colours) >= 9
    close = [(round(delta_e_2000(_lab(colours[a], vision), _lab(colours[b], vision)), 1), a, b)
             for a, b in itertools.combinations(colours, 2) if _meaning(a) != _meaning(b)]
    close = [pair for pair in close if pair[0] < MIN_DELTA_E]
    assert not close, close


def test_events_and_the_sdf_never_share_a_colour():
    colours = thematic_colours()
    assert colours["events"] not in (colours["raqqa.sdf_front"], colours["raqqa.sdf_position"])


def test_only_lines_and_outlines_are_dashed():
    for spec in load_catalogue(DEFAULT_DATA_DIR).layers:
        for variant in (None, *spec.variants):
            style = spec.style_for(variant)
            dotted = "radius" in (spec.variants.get(variant, {}) if variant else {})
            if spec.is_basemap or dotted or spec.kind.name == "events":
                assert not style.get("dash_array"), (spec.id, variant)
