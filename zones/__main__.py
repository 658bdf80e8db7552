"""The command line: ``python -m zones check``, ``python -m zones build-basemap SOURCE``,
``python -m zones build-control SOURCE`` and
``python -m zones snapshot --out FILE|FOLDER [--lang en|fr|ar]``.

Each subcommand imports what it needs when it runs, so ``--help`` and ``check`` never load the
map or the browser."""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
from pathlib import Path

from zones.core import DEFAULT_DATE, ZOOM_MAX, ZOOM_MIN, View, is_lat_lon
from zones.export.snapshot import FORMATS, SCALES, SIDE_RANGE
from zones.language import DEFAULT_LANGUAGE, LANGUAGES
from zones.map.tiles import TILES

EXTENSIONS = {".png": "png", ".pdf": "pdf", ".html": "html", ".htm": "html", ".geojson": "geojson",
              ".json": "geojson"}
FOLDER_FORMAT = "png"  # what a figure exported into a folder is, unless --format says otherwise


def _load_data():
    """The catalogue and its layers, or None after saying why the catalogue cannot be read."""
    from zones.analysis.control import with_marks_inside
    from zones.data.catalogue import CatalogueError, load_catalogue
    from zones.data.layers import load_layers

    try:
        catalogue = load_catalogue()
    except CatalogueError as error:
        print(f"error: {error}", file=sys.stderr)
        return None
    return catalogue, with_marks_inside(load_layers(catalogue))


def _check(_arguments: argparse.Namespace) -> int:
    loaded = _load_data()
    if loaded is None:
        return 2
    _catalogue, result = loaded
    for layer in result.layers.values():
        print(f"ok      {layer.spec.id:<16} {len(layer.frame):>4} features  ({layer.spec.file})")
        for warning in layer.warnings:
            print(f"warning {layer.spec.id:<16} {warning}")
    for error in result.errors:
        print(f"error   {error.layer.id if error.layer else '?':<16} {error.message}", file=sys.stderr)
    return 1 if result.errors else 0


def _build_basemap(arguments: argparse.Namespace) -> int:
    from zones.data.basemap_build import build_basemap
    from zones.data.catalogue import data_dir

    source = Path(arguments.source)
    if not source.is_dir():
        print(f"error: {source} is not a folder; pass ../shared/data/basemap", file=sys.stderr)
        return 2
    for path in build_basemap(source, data_dir()):
        print(f"wrote {path}")
    return 0


def _build_control(arguments: argparse.Namespace) -> int:
    from zones.data.catalogue import data_dir
    from zones.data.control_build import SOURCE_FILE, build_control

    source = Path(arguments.source)
    if not (source / SOURCE_FILE).is_file():
        print(f"error: {source} has no {SOURCE_FILE}; pass "
              "../shared/data/reference/wikipedia-town-control-2017-07", file=sys.stderr)
        return 2
    for line in build_control(source, data_dir()).lines():
        print(line)
    return 0


def _center(text: str) -> tuple[float, float]:
    try:
        lat, lon = (float(part) for part in text.split(","))
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"{text!r} is not LAT,LON in degrees; for example 35.9,36.6") from None
    if not is_lat_lon(lat, lon):
        raise argparse.ArgumentTypeError(f"{text!r}: latitude must be -90 to 90, longitude -180 to 180")
    return lat, lon


def _bounded(name: str, low: int, high: int):
    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"{text!r} is not a whole number; allowed {low}–{high}") \
                from None
        if not low <= value <= high:
            raise argparse.ArgumentTypeError(f"{value} is outside the allowed {low}–{high}")
        return value

    parse.__name__ = name
    return parse


def _day(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date as YYYY-MM-DD; for example "
                                         f"{DEFAULT_DATE.isoformat()}") from None


def _snapshot(arguments: argparse.Namespace) -> int:
    def fail(option: str, message: str) -> int:
        print(f"error: --{option}: {message}", file=sys.stderr)
        return 2

    out = Path(arguments.out)
    from zones.export.files import is_folder

    fmt = arguments.format or (FOLDER_FORMAT if is_folder(out) else EXTENSIONS.get(out.suffix.lower()))
    if fmt is None:
        return fail("format", f"cannot tell the format from {out.name!r}; give --format "
                    f"{'|'.join(FORMATS)} or a file ending in {', '.join(EXTENSIONS)}")
    if not (is_folder(out) or out.parent.is_dir()):
        return fail("out", f"the folder {out.parent} does not exist; create it or choose another")
    if not os.access(out if is_folder(out) else out.parent, os.W_OK):
        return fail("out", f"cannot write in {out if is_folder(out) else out.parent}; choose a folder "
                    "you can write to")
    loaded = _load_data()
    if loaded is None:
        return 2
    catalogue, result = loaded
    from zones.export.files import export_snapshot
    from zones.export.snapshot import ExportError, Snapshot, check_snapshot
    from zones.language import words

    layers = (tuple(part.strip() for part in arguments.layers.split(",") if part.strip())
              if arguments.layers is not None else catalogue.default_visible)
    view = View()
    lat, lon = arguments.center or (view.lat, view.lon)
    snapshot = Snapshot(layers=layers, view=View(lat=lat, lon=lon, zoom=arguments.zoom or view.zoom),
                        day=arguments.date, width=arguments.width, height=arguments.height,
                        scale=arguments.scale, tiles=arguments.tiles, lang=arguments.lang,
                        title=words(arguments.lang)["figure_title"] if arguments.title is None
                        else arguments.title)
    try:
        check_snapshot(snapshot, catalogue, result, fmt)
    except ExportError as error:
        return fail(error.option or "out", str(error))
    try:
        written = export_snapshot(snapshot, fmt, catalogue, result, out)
    except ExportError as error:
        if error.option == "out":  # a place the file may not go: a usage error, like a bad option
            return fail("out", str(error))
        print(f"error: {error}", file=sys.stderr)
        return 1
    print(f"wrote {written}")
    return 0


def _add_snapshot(commands) -> None:
    snapshot = commands.add_parser(
        "snapshot", help="export the map as PNG, PDF, standalone HTML or GeoJSON",
        description="Export a view of the map to a file, offline. Example: python -m zones snapshot "
                    "--out zones.png --layers idlib,south --center 34.9,38.3 --zoom 7")
    snapshot.add_argument("--out", required=True, metavar="FILE",
                          help="file to write, or an existing folder: a file with a meaningful name "
                               f"inside it ({FOLDER_FORMAT.upper()} unless --format says otherwise)")
    snapshot.add_argument("--format", choices=FORMATS,
                          help=f"default: from the file's extension; {FOLDER_FORMAT} into a folder")
    snapshot.add_argument("--layers", metavar="ID,ID", help="layer ids (default: the default-visible ones)")
    snapshot.add_argument("--center", type=_center, metavar="LAT,LON", help="map centre in degrees")
    snapshot.add_argument("--zoom", type=_bounded("zoom", ZOOM_MIN, ZOOM_MAX), metavar="Z",
                          help=f"zoom level {ZOOM_MIN}–{ZOOM_MAX} (default {View().zoom})")
    snapshot.add_argument("--width", type=_bounded("width", *SIDE_RANGE), default=1280, metavar="W",
                          help=f"figure width in CSS px, {SIDE_RANGE[0]}–{SIDE_RANGE[1]} (default 1280)")
    snapshot.add_argument("--height", type=_bounded("height", *SIDE_RANGE), default=800, metavar="H",
                          help=f"figure height in CSS px, {SIDE_RANGE[0]}–{SIDE_RANGE[1]} (default 800)")
    snapshot.add_argument("--scale", type=int, choices=SCALES, default=1,
                          help="pixel density of a PNG (device pixels per CSS px)")
    snapshot.add_argument("--title", help="title shown on the figure (default: the language's "
                                          "“Syria, summer 2017: de-escalation zones”)")
    snapshot.add_argument("--lang", choices=LANGUAGES, default=DEFAULT_LANGUAGE,
                          help="language of the figure's words, names, dates and numbers "
                               f"(default {DEFAULT_LANGUAGE})")
    snapshot.add_argument("--date", type=_day, default=DEFAULT_DATE, metavar="YYYY-MM-DD",
                          help=f"as-of date: only features valid then (default {DEFAULT_DATE})")
    snapshot.add_argument("--tiles", choices=list(TILES), default="offline",
                          help="background; online tiles are the only requests a snapshot lets out")
    snapshot.set_defaults(run=_snapshot)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m zones", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    check = commands.add_parser("check", help="load every layer and report problems")
    check.set_defaults(run=_check)
    basemap = commands.add_parser("build-basemap", help="rebuild geodata/basemap_* from open data")
    basemap.add_argument("source", help="folder with the shared basemap files")
    basemap.set_defaults(run=_build_basemap)
    control = commands.add_parser("build-control", help="rebuild geodata/control_* from Wikipedia's "
                                  "town-control marks (CC BY-SA 3.0)")
    control.add_argument("source", help="folder with marks.csv")
    control.set_defaults(run=_build_control)
    _add_snapshot(commands)
    arguments = parser.parse_args(argv)
    return arguments.run(arguments)


if __name__ == "__main__":
    sys.exit(main())
