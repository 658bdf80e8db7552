"""The command line: ``python -m zones check`` and ``python -m zones build-basemap SOURCE``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from zones.basemap import build_basemap
from zones.catalogue import CatalogueError, data_dir, load_catalogue
from zones.loading import load_layers


def _check(_arguments: argparse.Namespace) -> int:
    try:
        catalogue = load_catalogue()
    except CatalogueError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    result = load_layers(catalogue)
    for layer in result.layers.values():
        print(f"ok      {layer.spec.id:<16} {len(layer.frame):>4} features  ({layer.spec.file})")
        for warning in layer.warnings:
            print(f"warning {layer.spec.id:<16} {warning}")
    for error in result.errors:
        print(f"error   {error.layer.id if error.layer else '?':<16} {error.message}", file=sys.stderr)
    return 1 if result.errors else 0


def _build_basemap(arguments: argparse.Namespace) -> int:
    source = Path(arguments.source)
    if not source.is_dir():
        print(f"error: {source} is not a folder; pass ../shared/data/basemap", file=sys.stderr)
        return 2
    for path in build_basemap(source, data_dir()):
        print(f"wrote {path}")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m zones", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    check = commands.add_parser("check", help="load every layer and report problems")
    check.set_defaults(run=_check)
    basemap = commands.add_parser("build-basemap", help="rebuild geodata/basemap_* from open data")
    basemap.add_argument("source", help="folder with the shared basemap files")
    basemap.set_defaults(run=_build_basemap)
    arguments = parser.parse_args(argv)
    return arguments.run(arguments)


if __name__ == "__main__":
    sys.exit(main())
