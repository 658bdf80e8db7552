"""The zones' status through time, ``zone_phases.json`` beside the layers (optional).

The file is a JSON object: for each ``zone_id``, the list of its phases in order, each with
``phase`` (an id), ``from`` and ``to`` (ISO dates, inclusive; ``to`` null = still in force),
``name_en``/``name_fr``/``name_ar`` and ``sources``. See geodata/SOURCES.md.
"""

from __future__ import annotations

import json
from pathlib import Path

PHASES_FILE = "zone_phases.json"


def load_zone_phases(directory: Path) -> dict[str, list[dict]]:
    """The phases per zone id from ``directory``; an empty mapping when the file is absent.

    Raises ValueError naming the file when it is not an object of lists of phases with text
    ``from`` dates.
    """
    path = Path(directory) / PHASES_FILE
    if not path.is_file():
        return {}
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise ValueError(f"{path}: cannot be read as JSON ({error}).") from None
    if not isinstance(data, dict) or not all(
            isinstance(phases, list) and all(isinstance(phase, dict) and isinstance(phase.get("from"), str)
                                             for phase in phases)
            for phases in data.values()):
        raise ValueError(f"{path}: expected an object of zone ids, each a list of phases with "
                         "“from” dates.")
    return data
