"""Moving zone edges to agree with the town-control record, and re-deriving the lines from them.

The review (:mod:`zones.data.control_review`) lists the marks near a zone edge on the wrong side.
For each one not *kept* in ``geodata/control_decisions.toml``, the edge is moved locally:

- a government, SDF or ISIS mark inside a zone: its **Voronoi cell** among all judged marks
  near the zones, capped to :data:`CELL_CAP_M` around it, is cut out of the zone;
- an opposition or HTS mark outside: its capped cell is added, and gaps narrower than
  2 × :data:`BRIDGE_M` between the addition and the zone are closed, never over a cell of a
  government, SDF or ISIS mark.

So the new edge runs halfway between neighbouring marks of the two camps, which is as precise as
the record allows. The result is clipped to the Natural Earth 10m outline of Syria (which leaves
out the Golan), kept apart from the other zones, simplified and rounded.

The military-police demarcation lines are then re-derived from the new outlines the way they
were first made (see :func:`derive_line`) and each post is snapped back onto its line.

Run it with ``python -m zones.data.zone_edges`` after ``build-control``, on the hand-drawn
outline and lines (commit 34c292a: ``git show 34c292a:geodata/deescalation_zones.geojson``, the
same for ``military_police.geojson``); it rewrites ``deescalation_zones.geojson``,
``military_police.geojson`` and ``control_disagreements.geojson``, and the same inputs give the
same files. (Run on an already moved outline it finds nothing to move but simplifies again.)
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import shapely
from shapely.geometry import MultiPoint, mapping, shape

from zones.data.catalogue import PROJECT_DIR, data_dir
from zones.data.control_areas import to_degrees, to_metres
from zones.data.control_build import LICENCE, MARKS_OUTPUT, share_alike_collection, write_geojson
from zones.data.control_review import (
    WIKIPEDIA_SOURCE,
    camp,
    disagreement_features,
    read_decisions,
    review_edges,
)

CELL_CAP_M = 5_000
NEAR_MIN_M = 3_000
NEAR_MARGIN_M = 2_000
BRIDGE_M = 3_000
CUT_MARGIN_M = 500
# Places whose towns or districts Wikipedia's main map leaves to an inset map (its "Rif
# Damashq.svg" and "Battle_of_Daraa_City.svg" decorations), so that the cell of one of the few
# marks there would claim towns the record does not list: there, a misplaced mark is only cut
# out, close around it. (name, longitude, latitude in degrees, radius in metres)
SPARSE_AREAS = (("Eastern Ghouta", 36.42, 33.55, 15_000), ("Daraa city", 36.11, 32.62, 4_000))
SLIVER_M = 250
SEED_DISTANCE_M = 25_000
SIMPLIFY_M = 60
MIN_PART_M2 = 500_000
ROUNDS = 4
LINE_BORDER_GAP_M = 1_500
LINE_MIN_PIECE_M = 2_000
# Natural Earth 10m outline of Syria (leaves out the Golan), from the shared open data.
OUTLINE = PROJECT_DIR.parent / "shared" / "data" / "basemap" / "syria_adm0_naturalearth10m.geojson"
ZONES_FILE, LINES_FILE, DISAGREEMENTS_FILE = ("deescalation_zones.geojson", "military_police.geojson",
                                              "control_disagreements.geojson")


def mark_cells(marks: list[dict], zones_m: dict) -> dict[str, tuple[object, object]]:
    """(Voronoi cell, mark point), in metres, of every judged mark within
    :data:`SEED_DISTANCE_M` of a zone edge, by mark id. Marks on one spot share the first's cell."""
    edges = shapely.union_all([geometry.boundary for geometry in zones_m.values()])
    shapely.prepare(edges)
    seeds, spots = [], {}
    for feature in marks:
        if camp(feature["properties"]) is None:
            continue
        point = to_metres(shape(feature["geometry"]))
        if edges.distance(point) > SEED_DISTANCE_M:
            continue
        spots.setdefault((point.x, point.y), []).append(feature["properties"]["id"])
        if len(spots[(point.x, point.y)]) == 1:
            seeds.append(point)
    cells = shapely.voronoi_polygons(MultiPoint(seeds), extend_to=edges.envelope.buffer(50_000),
                                     ordered=True)
    by_id = {}
    for seed, cell in zip(seeds, cells.geoms, strict=True):
        for mark_id in spots[(seed.x, seed.y)]:
            by_id[mark_id] = (cell, seed)
    return by_id


def camp_cells(cells: dict, marks: list[dict], kept: set[str]) -> dict[str, object]:
    """Union of the cells (capped to :data:`CELL_CAP_M`) of each camp, ``"zone"`` and
    ``"outside"``; a kept mark counts for the camp of the side of the edge where it stays."""
    camps = {feature["properties"]["id"]: camp(feature["properties"]) for feature in marks}
    flip = {"zone": "outside", "outside": "zone"}
    parts = {"zone": [], "outside": []}
    for mark_id, (cell, seed) in cells.items():
        side_camp = flip[camps[mark_id]] if mark_id in kept else camps[mark_id]
        parts[side_camp].append(shapely.intersection(cell, seed.buffer(CELL_CAP_M)))
    return {name: shapely.union_all(geometries) for name, geometries in parts.items()}


def move_zone(zone, disagreements, camps: dict, cells: dict, cut_only: bool = False):
    """``zone`` (metres) with its edge moved to the cells' boundary near each of ``disagreements``.

    Near a disagreeing mark (within :func:`neighbourhood`), the zone becomes its old extent minus
    the outside camp's cells, plus the zone camp's cells; gaps narrower than 2 × :data:`BRIDGE_M`
    are closed and slivers narrower than 2 × :data:`SLIVER_M` dropped, there only.

    ``cut_only`` (where the record leaves the towns to an inset, see :data:`SPARSE_AREAS`):
    only cut out each misplaced mark's cell, within :data:`CUT_MARGIN_M` beyond its depth.
    """
    if not disagreements:
        return zone
    if cut_only:
        cuts = [shapely.intersection(cells[mark.id][0], shapely.Point(mark.point).buffer(
            mark.distance_m + CUT_MARGIN_M)) for mark in disagreements if mark.inside]
        return shapely.difference(zone, shapely.union_all(cuts))
    near = shapely.union_all([shapely.Point(mark.point).buffer(neighbourhood(mark))
                              for mark in disagreements])
    local = shapely.union(shapely.difference(zone, camps["outside"]), camps["zone"])
    result = shapely.union(shapely.difference(zone, near), shapely.intersection(local, near))
    closed = result.buffer(BRIDGE_M).buffer(-BRIDGE_M)
    gaps = shapely.intersection(shapely.difference(closed, result), near)
    bridges = shapely.difference(gaps, camps["outside"])
    result = shapely.union(result, bridges)
    opened = result.buffer(-SLIVER_M).buffer(SLIVER_M)
    return shapely.difference(result, shapely.intersection(shapely.difference(result, opened), near))


def neighbourhood(mark) -> float:
    """Radius (metres) around a disagreeing mark inside which the edge may move: enough to
    reach the old edge from the mark, at least :data:`NEAR_MIN_M`."""
    return max(NEAR_MIN_M, mark.distance_m + NEAR_MARGIN_M)


def _clean(geometry, zone_points, outside_points, outline, others):
    """Clip, keep apart from ``others``, fill holes that hold no outside-camp mark, drop small
    parts without a zone-camp mark, simplify and round."""
    geometry = shapely.difference(shapely.intersection(geometry, outline), others)
    parts = [_fill_empty_holes(part, outside_points)
             for part in getattr(geometry, "geoms", [geometry]) if part.geom_type == "Polygon"]
    kept = [part for part in parts if part.area >= MIN_PART_M2 or shapely.intersects(part, zone_points)]
    geometry = shapely.union_all(kept).simplify(SIMPLIFY_M, preserve_topology=True)
    degrees = shapely.set_precision(shapely.make_valid(to_degrees(geometry)), 1e-4)
    polygons = [part for part in getattr(degrees, "geoms", [degrees])
                if part.geom_type in ("Polygon", "MultiPolygon")]
    return shapely.union_all(polygons)


def _fill_empty_holes(polygon, outside_points):
    holes = [ring for ring in polygon.interiors
             if shapely.intersects(shapely.Polygon(ring), outside_points)]
    return shapely.Polygon(polygon.exterior, holes)


def move_edges(zones: list[dict], marks: list[dict], kept: set[str]) -> list[dict]:
    """The zone features with edges moved (see the module docstring); properties unchanged.

    Repeats the review up to :data:`ROUNDS` times, as a moved edge brings new marks within reach.
    """
    outline = to_metres(_outline())
    points = {name: shapely.union_all([to_metres(shape(feature["geometry"])) for feature in marks
                                       if camp(feature["properties"]) == name])
              for name in ("zone", "outside")}
    for _ in range(ROUNDS):
        todo = [mark for mark in review_edges(marks, zones).disagreements if mark.id not in kept]
        if not todo:
            break
        zones_m = {zone["properties"]["zone_id"]: to_metres(shape(zone["geometry"])) for zone in zones}
        cells = mark_cells(marks, zones_m)
        camps = camp_cells(cells, marks, kept)
        sparse = shapely.union_all([to_metres(shapely.Point(lon, lat)).buffer(radius)
                                    for _, lon, lat, radius in SPARSE_AREAS])
        moved = {}
        for zone_id, geometry in zones_m.items():
            here = [mark for mark in todo if mark.zone_id == zone_id]
            in_sparse = [mark for mark in here if sparse.contains(shapely.Point(mark.point))]
            geometry = move_zone(geometry, in_sparse, camps, cells, cut_only=True)
            moved[zone_id] = move_zone(geometry, [mark for mark in here if mark not in in_sparse],
                                       camps, cells)
        for zone in zones:
            zone_id = zone["properties"]["zone_id"]
            others = shapely.union_all([geometry for other, geometry in moved.items() if other != zone_id])
            zone["geometry"] = mapping(_clean(moved[zone_id], points["zone"], points["outside"],
                                                outline, others))
    return zones


def _outline():
    raw = json.loads(OUTLINE.read_text(encoding="utf-8"))
    return shape(raw["geometry"] if raw.get("type") == "Feature" else raw["features"][0]["geometry"])


def derive_line(zone_m, old_line_m, old_zone_m, outline_m):
    """The demarcation line of a zone (metres): its outer edge minus the parts within
    :data:`LINE_BORDER_GAP_M` of the international border or Golan line, and minus the parts
    near edges the old line left out (the edge facing the Yarmouk pocket); pieces shorter than
    :data:`LINE_MIN_PIECE_M` are dropped."""
    exterior = shapely.union_all([shapely.LineString(part.exterior.coords)
                                  for part in getattr(zone_m, "geoms", [zone_m])])
    left_out = shapely.difference(old_zone_m.exterior if old_zone_m.geom_type == "Polygon"
                                  else shapely.union_all([p.exterior for p in old_zone_m.geoms]),
                                  old_line_m.buffer(10))
    gap = shapely.union(outline_m.boundary.buffer(LINE_BORDER_GAP_M),
                        left_out.buffer(LINE_BORDER_GAP_M))
    line = shapely.line_merge(shapely.difference(exterior, gap))
    pieces = [piece for piece in getattr(line, "geoms", [line]) if piece.length >= LINE_MIN_PIECE_M]
    return shapely.MultiLineString(pieces) if len(pieces) > 1 else pieces[0]


def rederive_lines(features: list[dict], old_zones: dict, new_zones: dict) -> list[dict]:
    """Military-police features with each line re-derived and each post snapped onto it."""
    outline = to_metres(_outline())
    lines = {}
    for feature in features:
        properties = feature["properties"]
        if properties["feature_type"] == "demarcation_line":
            zone_id = properties["zone_id"]
            line = derive_line(to_metres(new_zones[zone_id]), to_metres(shape(feature["geometry"])),
                               to_metres(old_zones[zone_id]), outline)
            lines[zone_id] = line
            degrees = shapely.set_precision(to_degrees(line), 1e-4)
            feature["geometry"] = mapping(degrees)
    for feature in features:
        properties = feature["properties"]
        if properties["feature_type"] != "demarcation_line":
            line = lines[properties["zone_id"]]
            point = to_metres(shape(feature["geometry"]))
            snapped = to_degrees(line.interpolate(line.project(point)))
            feature["geometry"] = {"type": "Point", "coordinates": [round(snapped.x, 4), round(snapped.y, 4)]}
    return features


def main(directory: Path | None = None) -> int:
    """Move the edges, re-derive the lines and write the disagreements layer; print the review."""
    directory = Path(directory or data_dir())
    marks = json.loads((directory / MARKS_OUTPUT).read_text(encoding="utf-8"))["features"]
    zones_collection = json.loads((directory / ZONES_FILE).read_text(encoding="utf-8"))
    decisions = read_decisions(directory)
    kept = decisions.get("kept", {})
    before = review_edges(marks, zones_collection["features"])
    old = {zone["properties"]["zone_id"]: shape(zone["geometry"]) for zone in zones_collection["features"]}
    zones = move_edges(zones_collection["features"], marks, set(kept))
    for zone in zones:
        zone["properties"].update(decisions.get("zones", {}).get(zone["properties"]["zone_id"], {}))
    after = review_edges(marks, zones)
    write_geojson(directory / ZONES_FILE, _adapted(zones_collection))
    lines_collection = json.loads((directory / LINES_FILE).read_text(encoding="utf-8"))
    rederive_lines(lines_collection["features"], old,
                   {zone["properties"]["zone_id"]: shape(zone["geometry"]) for zone in zones})
    write_geojson(directory / LINES_FILE, _adapted(lines_collection))
    write_geojson(directory / DISAGREEMENTS_FILE, share_alike_collection(
        disagreement_features(after, kept, zones)))
    for label, review in (("before", before), ("after", after)):
        print(f"{label}: {len(review.judged)} judged marks, {len(review.disagreements)} disagree, "
              f"agreement {review.agreement:.1%} ({review.unjudged} near-edge marks not judged)")
    return 0


ADAPTED_ATTRIBUTION = ("Syria 2017 zones project, hand-drawn (CC BY 4.0), edges adapted to the town control "
                       "of c. July 2017: Wikipedia contributors, Module:Syrian Civil War detailed map "
                       "(CC BY-SA 3.0)")


def _adapted(collection: dict) -> dict:
    """``collection`` marked as adapted from the share-alike record: the file and every feature
    carry CC BY-SA 3.0 and the Wikipedia source is listed once in each feature's sources."""
    for feature in collection["features"]:
        properties = feature["properties"]
        if WIKIPEDIA_SOURCE not in properties["sources"]:
            properties["sources"].append(WIKIPEDIA_SOURCE)
        properties["licence"] = LICENCE
    members = {key: value for key, value in collection.items() if key not in ("features", "licence",
                                                                               "attribution")}
    return {**members, "licence": LICENCE, "attribution": ADAPTED_ATTRIBUTION,
            "features": collection["features"]}


if __name__ == "__main__":
    sys.exit(main())
