"""The zone-edge review: does each town-control mark near a zone edge lie on the side it should?

A mark is *judged* when it lies within :data:`REVIEW_DISTANCE_M` of a zone's edge (the nearest
zone decides), is not a border-crossing arrow (its spot already has a mark of its own) and all
its sides belong to one camp:

- the **zone camp**: ``opp`` and ``JaN`` (the opposition and HTS, whose territory the zones
  enclose; ``stable_opp_JaN`` counts here) must be *inside*;
- the **outside camp**: ``gov``, ``SDF`` and ``IS`` (``stable_gov_SDF`` counts here) must be
  *outside*.

Marks contested or split between the two camps (``gov_opp``, …) and marks of other forces
(Turkish, local, other) are not judged: they lie on a line of contact by definition, so either
side of our edge is consistent with them. They are counted apart, never as agreement.

The decisions taken on the remaining disagreements (edge kept, with a reason) are data, in
``geodata/control_decisions.toml``; :func:`disagreement_features` turns them into the
``control_disagreements`` layer.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import shapely
from shapely.geometry import shape

from zones.data.control_areas import to_metres

REVIEW_DISTANCE_M = 10_000
ZONE_CAMP = frozenset({"opp", "JaN"})
OUTSIDE_CAMP = frozenset({"gov", "SDF", "IS"})
DECISIONS_FILE = "control_decisions.toml"


def camp(properties: dict) -> str | None:
    """``"zone"``, ``"outside"`` or None (not judged) for a mark's properties."""
    if properties.get("symbol") == "pass":
        return None
    sides = set(properties["sides"])
    if sides <= ZONE_CAMP:
        return "zone"
    if sides <= OUTSIDE_CAMP:
        return "outside"
    return None


@dataclass(frozen=True)
class JudgedMark:
    """One mark near a zone edge: where it lies and whether that agrees with its side."""

    feature: dict
    zone_id: str
    inside: bool
    distance_m: float
    camp: str
    point: tuple[float, float]  # LAEA metres

    @property
    def agrees(self) -> bool:
        return self.inside == (self.camp == "zone")

    @property
    def id(self) -> str:
        return self.feature["properties"]["id"]


@dataclass(frozen=True)
class Review:
    """Every judged mark, and how many near-edge marks were left unjudged."""

    judged: tuple[JudgedMark, ...]
    unjudged: int

    @property
    def disagreements(self) -> tuple[JudgedMark, ...]:
        return tuple(mark for mark in self.judged if not mark.agrees)

    @property
    def agreement(self) -> float:
        """Share of judged marks on the right side (0–1)."""
        return 1 - len(self.disagreements) / len(self.judged) if self.judged else 1.0


def review_edges(marks: list[dict], zones: list[dict]) -> Review:
    """Judge every mark feature within :data:`REVIEW_DISTANCE_M` (LAEA metres) of a zone edge.

    ``marks`` are ``control`` features, ``zones`` the features of ``deescalation_zones.geojson``.
    """
    shapes = {zone["properties"]["zone_id"]: to_metres(shape(zone["geometry"])) for zone in zones}
    points = to_metres(shapely.points([feature["geometry"]["coordinates"] for feature in marks]))
    zone_ids = list(shapes)
    distances = np.column_stack([shapely.distance(shapes[zone_id].boundary, points) for zone_id in zone_ids])
    nearest = distances.argmin(axis=1)
    judged, unjudged = [], 0
    for index, feature in enumerate(marks):
        zone_id, distance = zone_ids[nearest[index]], float(distances[index, nearest[index]])
        if distance > REVIEW_DISTANCE_M:
            continue
        side_camp = camp(feature["properties"])
        if side_camp is None:
            unjudged += feature["properties"].get("symbol") != "pass"
            continue
        judged.append(JudgedMark(feature=feature, zone_id=zone_id,
                                 inside=bool(shapes[zone_id].contains(points[index])),
                                 distance_m=distance, camp=side_camp,
                                 point=(points[index].x, points[index].y)))
    return Review(judged=tuple(judged), unjudged=unjudged)


def held_inside(marks: list[dict], zones: list[dict]) -> dict[str, dict[str, int]]:
    """For each zone, how many marked places inside it each primary side held (``stable_opp_JaN``
    counts for ``opp``; border-crossing arrows are left out): zone_id → side → count."""
    points = shapely.points([feature["geometry"]["coordinates"] for feature in marks])
    counts = {}
    for zone in zones:
        inside = shapely.contains(shape(zone["geometry"]), points)
        sides = [feature["properties"]["side"] for feature, hit in zip(marks, inside, strict=True)
                 if hit and feature["properties"]["symbol"] != "pass"]
        counts[zone["properties"]["zone_id"]] = {side: sides.count(side) for side in sorted(set(sides))}
    return counts


def read_decisions(directory: Path) -> dict:
    """The review decisions: ``kept`` (mark id → reason) and the per-zone texts."""
    return tomllib.loads((Path(directory) / DECISIONS_FILE).read_text(encoding="utf-8"))


def disagreement_features(review: Review, kept: dict[str, dict], zones: list[dict]) -> list[dict]:
    """One provenance-complete Point feature per remaining disagreement.

    Raises ``ValueError`` naming any disagreement without a recorded decision: every one must be
    explained.
    """
    from zones.data.control_build import ATTRIBUTION, LICENCE

    zone_dates = {zone["properties"]["zone_id"]: zone["properties"] for zone in zones}
    missing = [mark.id for mark in review.disagreements if mark.id not in kept]
    if missing:
        raise ValueError(f"disagreements without a decision in {DECISIONS_FILE}: {', '.join(missing)}")
    features = []
    for mark in review.disagreements:
        properties, decision = mark.feature["properties"], kept[mark.id]
        zone = zone_dates[mark.zone_id]
        position = "inside" if mark.inside else "outside"
        name = properties["name_en"]
        features.append({"type": "Feature", "properties": {
            "id": f"disagreement-{mark.id}",
            "mark_id": mark.id,
            "name_en": name, "name_fr": name, "name_ar": decision.get("name_ar", name),
            "zone_id": mark.zone_id,
            "mark_side": properties["side"],
            "mark": properties["mark"],
            "position": position,
            "distance_km": round(mark.distance_m / 1000, 2),
            "reason": decision["reason"],
            "decision": "kept",
            "valid_from": zone["valid_from"],
            "valid_to": zone["valid_to"],
            "confidence": decision.get("confidence", "low"),
            "confidence_note": f"Wikipedia's detailed map (c. July 2017) marks {name} "
                               f"“{properties['mark']}”, {position} our {mark.zone_id} outline, "
                               f"{mark.distance_m / 1000:.1f} km from its edge; the edge was kept "
                               f"for the reason given.",
            "sources": [*decision.get("sources", []), WIKIPEDIA_SOURCE],
            "approximate": True,
            "method": "Point of the Wikipedia mark; found by the zone-edge review (marks within "
                      f"{REVIEW_DISTANCE_M // 1000} km of a zone edge on the wrong side), decided by hand.",
            "licence": LICENCE,
            "attribution": ATTRIBUTION,
        }, "geometry": mark.feature["geometry"]})
    return features


WIKIPEDIA_SOURCE = {
    "publisher": "Wikipedia contributors (CC BY-SA 3.0)",
    "title": "Module:Syrian Civil War detailed map, revision of about July 2017 (copy kept in the "
             "Chinese Wikipedia dump of 20 August 2019)",
    "date": "2019-08-20",
    "url": "https://en.wikipedia.org/wiki/Module:Syrian_Civil_War_detailed_map",
}
