"""The command line: ``python -m zones check``, ``python -m zones build-basemap SOURCE`` and
``python -m zones snapshot --out FILE``.

Each subcommand imports what it needs when it runs, so ``--help`` and ``check`` never load the
map or the browser."""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
from pathlib import Path

from zones.core import DEFAULT_DATE, ZOOM_MAX, ZOOM_MIN, View, is_lat_lon
from zones.export.snapshot import DEFAULT_TITLE, FORMATS, SCALES, SIDE_RANGE
from zones.map.tiles import TILES

EXTENSIONS = {".png": "png", ".pdf": "pdf", ".html": "html", ".htm": "html", ".geojson": "geojson",
              ".json": "geojson"}


def _load_data():
    """The catalogue and its layers, or None after saying why the catalogue cannot be read."""
    from zones.data.catalogue import CatalogueError, load_catalogue
    from zones.data.layers import load_layers

    try:
        catalogue = load_catalogue()
    except CatalogueError as error:
        print(f"error: {error}", file=sys.stderr)
        return None
    return catalogue, load_layers(catalogue)


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
    fmt = arguments.format or EXTENSIONS.get(out.suffix.lower())
    if fmt is None:
        return fail("format", f"cannot tell the format from {out.name!r}; give --format "
                    f"{'|'.join(FORMATS)} or a file ending in {', '.join(EXTENSIONS)}")
    from zones.export.files import is_folder

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

    layers = (tuple(part.strip() for part in arguments.layers.split(",") if part.strip())
              if arguments.layers is not None else catalogue.default_visible)
    view = View()
    lat, lon = arguments.center or (view.lat, view.lon)
    snapshot = Snapshot(layers=layers, view=View(lat=lat, lon=lon, zoom=arguments.zoom or view.zoom),
                        day=arguments.date, title=arguments.title, width=arguments.width,
                        height=arguments.height, scale=arguments.scale, tiles=arguments.tiles)
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
                          help="file to write (an existing folder: a meaningful name inside it)")
    snapshot.add_argument("--format", choices=FORMATS, help="default: from the file's extension")
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
    snapshot.add_argument("--title", default=DEFAULT_TITLE, help="title shown on the figure")
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
    _add_snapshot(commands)
    arguments = parser.parse_args(argv)
    return arguments.run(arguments)


if __name__ == "__main__":
    sys.exit(main())
