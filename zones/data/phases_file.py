"""The zones' phases file, ``zone_phases.json`` beside the layers.

Its shape: an object mapping each ``zone_id`` to a list of phases, each with ``phase`` (an id),
``from`` and ``to`` (YYYY-MM-DD; ``to`` null while it lasted beyond the map's period),
``name_en``/``name_fr``/``name_ar`` and ``sources`` (as for features). The file is optional: a
data folder without it has zones without phases.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from pathlib import Path

from zones.data.properties import CHECKERS
from zones.data.safe_read import RefusedFile, read_bounded

PHASES_FILE = "zone_phases.json"
MAX_BYTES = 1024 * 1024


class PhasesError(ValueError):
    """The phases file cannot be used; the message says what is wrong (the caller names the file)."""


@dataclass(frozen=True)
class Phase:
    """One phase of a zone: its id, first and last day (None: still on), names and sources."""

    phase: str
    start: dt.date
    end: dt.date | None
    names: dict
    sources: tuple

    def name(self, lang: str) -> str:
        """The phase's name in ``lang``, else in English."""
        return self.names.get(lang) or self.names.get("en") or self.phase


def load_phases(directory: Path) -> dict[str, tuple[Phase, ...]]:
    """Every zone's phases, oldest first; an empty mapping when the file does not exist.

    Raises :class:`PhasesError` naming the entry at fault.
    """
    path = Path(directory) / PHASES_FILE
    try:
        raw = read_bounded(path, MAX_BYTES, directory=Path(directory))
    except FileNotFoundError:
        return {}
    except RefusedFile as refused:
        raise PhasesError(refused.reason) from None
    try:
        data = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError) as error:
        raise PhasesError(f"not readable as UTF-8 JSON ({error}).") from None
    if not isinstance(data, dict):
        raise PhasesError("expected an object mapping zone ids to lists of phases.")
    phases = {}
    for zone_id, entries in data.items():
        listed = [_phase(zone_id, entry) for entry in _list(zone_id, entries)]
        phases[str(zone_id)] = tuple(sorted(listed, key=lambda phase: phase.start))
    return phases


def _list(zone_id: str, entries: object) -> list:
    if not isinstance(entries, list):
        raise PhasesError(f"the phases of {zone_id!r} must be a list.")
    return entries


def _phase(zone_id: str, entry: object) -> Phase:
    where = f"a phase of {zone_id!r}"
    if not isinstance(entry, dict):
        raise PhasesError(f"{where} is not an object.")
    for key, type_name in (("phase", "text"), ("from", "date"), ("to", "optional_date"),
                           ("name_en", "text"), ("sources", "sources")):
        problem = CHECKERS[type_name](entry.get(key))
        if problem:
            raise PhasesError(f"{where}: “{key}” {problem}.")
    start = dt.date.fromisoformat(entry["from"])
    end = dt.date.fromisoformat(entry["to"]) if entry.get("to") else None
    if end is not None and end < start:
        raise PhasesError(f"{where} ({entry['phase']}): “to” is before “from”.")
    names = {lang: entry[f"name_{lang}"] for lang in ("en", "fr", "ar")
             if isinstance(entry.get(f"name_{lang}"), str) and entry[f"name_{lang}"].strip()}
    return Phase(phase=entry["phase"], start=start, end=end, names=names, sources=tuple(entry["sources"]))
