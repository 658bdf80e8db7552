"""The phases a de-escalation zone went through: signed, in force, its ceasefire, its boundary
agreed, observers posted. A zone does not vanish when its status changes; its phase does.

The phases are data (``zone_phases.json`` beside the layers, read by
:mod:`zones.data.phases_file`); this module only says which one applied on a day.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence

from zones.data.phases_file import Phase


def phase_on(phases: Mapping[str, Sequence[Phase]], zone_id: str, day: dt.date) -> Phase | None:
    """The latest phase of ``zone_id`` that had begun by ``day`` and not yet ended; None when
    the zone has no phase then (before the memorandum, or no phases recorded)."""
    begun = [phase for phase in phases.get(zone_id, ())
             if phase.start <= day and (phase.end is None or day <= phase.end)]
    return max(begun, key=lambda phase: phase.start, default=None)
