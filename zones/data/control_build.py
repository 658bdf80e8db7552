"""Build the town-control layers in ``geodata/`` from Wikipedia's detailed map of July 2017.

The source is ``marks.csv`` of ``../shared/data/reference/wikipedia-town-control-2017-07/``: the
marks of "Module:Syrian Civil War detailed map" as it stood between about 4 July and 6 August
2017 (see that folder's README). This step reads the rows as written, drops what is not a mark
(map decorations, commented-out rows, exact duplicates), flags coordinates it cannot trust
instead of guessing them, and writes

- ``control_marks.geojson``: one Point per mark, with its side(s), status and symbol;
- ``control_areas.geojson``: approximate areas of control derived from the settlements
  (see :mod:`zones.data.control_areas`).

Both are CC BY-SA 3.0 (share-alike) and carry the licence and attribution in the file and in
every feature. Run it with ``python -m zones build-control SOURCE``; the output is committed.
"""

from __future__ import annotations

import csv
import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

SOURCE_FILE = "marks.csv"
MARKS_OUTPUT = "control_marks.geojson"
AREAS_OUTPUT = "control_areas.geojson"
OUTLINE_FILE = "basemap_countries.geojson"
OUTLINE_NAME = "Syria"

SIDES = ("gov", "opp", "SDF", "JaN", "IS", "Trk", "lcl", "spc")
SYMBOLS = ("hill", "base", "air", "heli", "naval", "industry", "oil")
SETTLEMENT, PASS = "settlement", "pass"
IMAGE_SUFFIXES = (".svg", ".png", ".jpg", ".jpeg", ".gif")
# Syria with its borderlands (degrees): a mark beyond this is a typing error, not a place.
MARK_BOUNDS = (34.5, 31.5, 43.0, 38.0)  # west, south, east, north

SNAPSHOT_FROM, SNAPSHOT_TO = "2017-07-04", "2017-08-06"
LICENCE = "CC BY-SA 3.0"
ATTRIBUTION = ("Town control c. July 2017: Wikipedia contributors, Module:Syrian Civil War "
               "detailed map (CC BY-SA 3.0)")
# What kind of site a symbol marks, so that the map can tell military sites from settlements
# without a style for each symbol.
SITES = {SETTLEMENT: "settlement", "hill": "military", "base": "military", "air": "military",
         "heli": "military", "naval": "military", "industry": "economic", "oil": "economic",
         PASS: "crossing"}
UNNAMED = {SETTLEMENT: "Unnamed place", "hill": "Unnamed hill", "base": "Unnamed base",
           "air": "Unnamed airbase", "heli": "Unnamed helipad", "naval": "Unnamed naval base",
           "industry": "Unnamed industrial site", "oil": "Unnamed oil or gas field",
           PASS: "Border crossing"}


@dataclass(frozen=True)
class MarkCode:
    """What a mark code says: the side(s), whether it is held, contested or split, the symbol."""

    sides: tuple[str, ...]
    status: str
    symbol: str


def parse_mark(code: str) -> MarkCode:
    """Read a code such as ``gov``, ``SDF_hill``, ``gov_opp``, ``stable_opp_JaN`` or ``pass_N``.

    ``X_Y`` is contested between X and Y, ``stable_X_Y`` split between them without fighting, one
    side is held. A border-crossing arrow (``pass_*``) has no side of its own: ``sides`` is empty.
    Raises ``ValueError`` for a code that does not follow the module's key.
    """
    tokens = code.split("_")
    if tokens[0] == PASS and len(tokens) == 2:
        return MarkCode(sides=(), status="held", symbol=PASS)
    split = tokens[0] == "stable"
    tokens = tokens[1:] if split else tokens
    sides = []
    while tokens and tokens[0] in SIDES:
        sides.append(tokens.pop(0))
    symbol = tokens.pop(0) if tokens and tokens[0] in SYMBOLS else SETTLEMENT
    if tokens or not 1 <= len(sides) <= 2 or (split and len(sides) != 2):
        raise ValueError(f"mark code {code!r} is not in the module's key (sides: {', '.join(SIDES)})")
    status = "split" if split else "contested" if len(sides) == 2 else "held"
    return MarkCode(sides=tuple(sides), status=status, symbol=symbol)


@dataclass(frozen=True)
class DroppedRow:
    """A source row left out of the layers, and why."""

    row: int
    label: str
    lat: str
    lon: str
    mark: str
    why: str


@dataclass
class ControlReport:
    """What the build read, dropped, flagged and wrote. ``row`` numbers count data rows from 1."""

    rows_read: int = 0
    decorations: list[DroppedRow] = field(default_factory=list)
    commented_out: list[DroppedRow] = field(default_factory=list)
    broken_coordinates: list[DroppedRow] = field(default_factory=list)
    unreadable: list[DroppedRow] = field(default_factory=list)
    duplicates: list[DroppedRow] = field(default_factory=list)
    marks_written: int = 0
    per_side: dict[str, int] = field(default_factory=dict)
    per_status: dict[str, int] = field(default_factory=dict)
    area_km2: dict[str, float] = field(default_factory=dict)
    written: list[Path] = field(default_factory=list)

    @property
    def dropped(self) -> int:
        return sum(len(rows) for rows in (self.decorations, self.commented_out,
                                           self.broken_coordinates, self.unreadable, self.duplicates))

    def counts(self) -> dict[str, int]:
        """The counts of the report, as written into the marks file (``build_report``)."""
        return {"rows_read": self.rows_read, "decorations": len(self.decorations),
                "commented_out": len(self.commented_out),
                "broken_coordinates": len(self.broken_coordinates),
                "unreadable": len(self.unreadable), "duplicates": len(self.duplicates),
                "marks_written": self.marks_written}

    def lines(self) -> list[str]:
        """The report as printable lines."""
        text = [f"rows read: {self.rows_read}",
                f"decorations dropped (the mark is an image file name): {len(self.decorations)}",
                f"commented-out rows dropped (not shown on Wikipedia's map): {len(self.commented_out)}",
                f"broken coordinates flagged and left out: {len(self.broken_coordinates)}"]
        text += [f"  row {row.row} {row.label!r} lat={row.lat!r} lon={row.lon!r}: {row.why}"
                 for row in self.broken_coordinates]
        text.append(f"unreadable marks left out: {len(self.unreadable)}")
        text += [f"  row {row.row} {row.label!r} {row.mark!r}: {row.why}" for row in self.unreadable]
        text.append(f"exact duplicates dropped: {len(self.duplicates)}")
        text += [f"  row {row.row} {row.label!r}: {row.why}" for row in self.duplicates]
        text.append(f"marks written: {self.marks_written}")
        text.append("per side (primary side): " + ", ".join(f"{side} {count}"
                                                            for side, count in self.per_side.items()))
        text.append("per status: " + ", ".join(f"{status} {count}"
                                              for status, count in self.per_status.items()))
        text.append("area km² per side: " + ", ".join(f"{side} {area:,.0f}"
                                                     for side, area in self.area_km2.items()))
        text += [f"wrote {path}" for path in self.written]
        return text


def coordinate_problem(lat: str, lon: str) -> str | None:
    """Why a mark's coordinates as written cannot be trusted, or None when they can.

    A value that is not a number, that lies outside Syria and its borderlands
    (:data:`MARK_BOUNDS`) or that is written as a whole number of degrees (its fraction lost)
    is broken; we never guess the intended value.
    """
    try:
        lat_value, lon_value = float(lat), float(lon)
    except ValueError:
        return "not a number"
    west, south, east, north = MARK_BOUNDS
    if not (west <= lon_value <= east and south <= lat_value <= north):
        return f"outside Syria and its borderlands ({west}–{east} E, {south}–{north} N)"
    for name, text in (("latitude", lat), ("longitude", lon)):
        if "." not in text or not text.split(".", 1)[1].strip():
            return f"{name} written as a whole number of degrees: its fraction is missing"
    return None


def read_marks(source: Path, report: ControlReport) -> list[dict]:
    """The usable marks of ``marks.csv`` in source order, each a dict with ``row``, ``lat``,
    ``lon`` (degrees), ``label``, ``link``, ``mark``, ``source_offset`` and its :class:`MarkCode`.

    Everything left out is recorded in ``report`` with the reason.
    """
    with source.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    report.rows_read = len(rows)
    marks, seen = [], {}
    for number, row in enumerate(rows, start=1):
        dropped = DroppedRow(number, row["label"], row["lat"], row["lon"], row["mark"], "")
        if row["mark"].strip().lower().endswith(IMAGE_SUFFIXES):
            report.decorations.append(_because(dropped, "map decoration (image file)"))
            continue
        if row["commented_out"].strip() == "1":
            report.commented_out.append(_because(dropped, "commented out in the module"))
            continue
        problem = coordinate_problem(row["lat"].strip(), row["lon"].strip())
        if problem:
            report.broken_coordinates.append(_because(dropped, problem))
            continue
        try:
            code = parse_mark(row["mark"].strip())
        except ValueError as error:
            report.unreadable.append(_because(dropped, str(error)))
            continue
        mark = {"row": number, "lat": float(row["lat"]), "lon": float(row["lon"]),
                "label": row["label"].strip(), "link": row["link"].strip(), "mark": row["mark"].strip(),
                "source_offset": int(row["source_offset"]), "code": code}
        key = (mark["lat"], mark["lon"], mark["mark"], mark["label"], mark["link"])
        if key in seen:
            report.duplicates.append(_because(dropped, f"same place, code and label as row {seen[key]}"))
            continue
        seen[key] = number
        marks.append(mark)
    return _resolve_passes(marks, report)


def _because(row: DroppedRow, why: str) -> DroppedRow:
    return DroppedRow(row.row, row.label, row.lat, row.lon, row.mark, why)


def _resolve_passes(marks: list[dict], report: ControlReport) -> list[dict]:
    """Give each border-crossing arrow the side of the mark on the same spot (the module's rule);
    an arrow with no such mark is unreadable."""
    by_spot = {}
    for mark in marks:
        if mark["code"].symbol != PASS:
            by_spot.setdefault((mark["lat"], mark["lon"]), mark["code"])
    resolved = []
    for mark in marks:
        if mark["code"].symbol == PASS:
            owner = by_spot.get((mark["lat"], mark["lon"]))
            if owner is None:
                report.unreadable.append(DroppedRow(mark["row"], mark["label"], str(mark["lat"]),
                                                    str(mark["lon"]), mark["mark"],
                                                    "border-crossing arrow with no mark on its spot"))
                continue
            mark = {**mark, "code": MarkCode(owner.sides, owner.status, PASS)}
        resolved.append(mark)
    return resolved


def mark_feature(mark: dict) -> dict:
    """One mark as a GeoJSON Point feature (the ``control`` layer's properties)."""
    code = mark["code"]
    return {
        "type": "Feature",
        "properties": {
            "id": f"control-{mark['row']:04d}",
            "name_en": mark["label"] or UNNAMED[code.symbol],
            "side": code.sides[0],
            "sides": list(code.sides),
            "status": code.status,
            "symbol": code.symbol,
            "site": SITES[code.symbol],
            "mark": mark["mark"],
            "link": mark["link"],
            "source_offset": mark["source_offset"],
            "snapshot_from": SNAPSHOT_FROM,
            "snapshot_to": SNAPSHOT_TO,
            "licence": LICENCE,
        },
        "geometry": {"type": "Point", "coordinates": [mark["lon"], mark["lat"]]},
    }


def share_alike_collection(features: list[dict], **members: object) -> dict:
    """A FeatureCollection that carries the share-alike licence and attribution at file level."""
    return {"type": "FeatureCollection", "licence": LICENCE, "attribution": ATTRIBUTION,
            **members, "features": features}


def write_geojson(path: Path, collection: dict) -> Path:
    """Write ``collection`` compactly (one feature per line, so diffs stay readable)."""
    members = {key: value for key, value in collection.items() if key != "features"}
    head = json.dumps(members, ensure_ascii=False, separators=(",", ":"))[:-1]
    features = ",\n".join(json.dumps(feature, ensure_ascii=False, separators=(",", ":"))
                          for feature in collection["features"])
    path.write_text(f'{head},"features":[\n{features}\n]}}\n', encoding="utf-8")
    return path


def build_control(source_dir: Path, output_dir: Path) -> ControlReport:
    """Read ``source_dir/marks.csv``; write ``control_marks.geojson`` and ``control_areas.geojson``
    into ``output_dir`` (which must hold ``basemap_countries.geojson`` for Syria's outline).

    Returns the report of what was read, dropped, flagged and written.
    """
    from zones.data.control_areas import build_areas

    report = ControlReport()
    marks = read_marks(Path(source_dir) / SOURCE_FILE, report)
    features = [mark_feature(mark) for mark in marks]
    report.marks_written = len(features)
    report.per_side = dict(Counter(feature["properties"]["side"] for feature in features).most_common())
    report.per_status = dict(Counter(feature["properties"]["status"] for feature in features).most_common())
    output_dir = Path(output_dir)
    report.written.append(write_geojson(output_dir / MARKS_OUTPUT, share_alike_collection(
        features, snapshot_from=SNAPSHOT_FROM, snapshot_to=SNAPSHOT_TO, build_report=report.counts())))
    areas = build_areas(features, output_dir / OUTLINE_FILE, OUTLINE_NAME)
    report.area_km2 = {feature["properties"]["id"].removeprefix("control-area-"):
                       feature["properties"]["area_km2"] for feature in areas}
    report.written.append(write_geojson(output_dir / AREAS_OUTPUT, share_alike_collection(areas)))
    return report
