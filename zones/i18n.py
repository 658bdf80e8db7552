"""The languages of the map: English, French and Arabic (right to left)."""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from functools import lru_cache
from pathlib import Path

LANGUAGES = ("en", "fr", "ar")
RIGHT_TO_LEFT = frozenset({"ar"})
LABELS_FILE = Path(__file__).resolve().parent / "labels.toml"


@lru_cache(maxsize=1)
def _all_labels() -> Mapping[str, Mapping[str, str]]:
    return tomllib.loads(LABELS_FILE.read_text(encoding="utf-8"))


def labels(lang: str) -> Mapping[str, str]:
    """The label words for ``lang``; raises ValueError for a language we do not have."""
    if lang not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r}; choose one of {', '.join(LANGUAGES)}")
    return _all_labels()[lang]


def direction(lang: str) -> str:
    """``rtl`` for right-to-left languages, else ``ltr``."""
    return "rtl" if lang in RIGHT_TO_LEFT else "ltr"


def feature_name(properties: Mapping[str, object], lang: str) -> str:
    """The feature's name in ``lang``, falling back to English, then to its id."""
    for key in (f"name_{lang}", "name_en", "id"):
        value = properties.get(key)
        if isinstance(value, str) and value.strip():
            return value
    return "?"
