"""The error a layer that cannot be drawn raises, shared by every step of reading it."""

from __future__ import annotations

from pathlib import Path

from zones.data.catalogue import LayerSpec


class LayerError(Exception):
    """A layer that cannot be drawn. ``problem`` says what is wrong, ``hint`` what to do."""

    def __init__(self, layer: LayerSpec | None, path: Path, problem: str, hint: str = ""):
        self.layer = layer
        self.path = path
        self.problem = problem
        self.hint = hint
        super().__init__(self.message)

    @property
    def message(self) -> str:
        title = f"Layer “{self.layer.title}” ({self.path.name})" if self.layer else self.path.name
        return f"{title}: {self.problem}" + (f" {self.hint}" if self.hint else "")
