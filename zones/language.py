"""The languages of the map: English, French and Arabic (right to left).

Every word the page, the map and the figures show around the data lives in one file,
``translations.toml``, one table per language with the same keys (a test checks that none is
missing). Dates and numbers are formatted by Babel with each language's conventions.
Names of places and features come from the data itself (``name_en``, ``name_fr``, ``name_ar``).
"""

from __future__ import annotations

import datetime as dt
import tomllib
from collections.abc import Mapping
from functools import lru_cache
from pathlib import Path

LANGUAGES = ("en", "fr", "ar")
DEFAULT_LANGUAGE = "en"
RIGHT_TO_LEFT = frozenset({"ar"})
TRANSLATIONS_FILE = Path(__file__).resolve().parent / "translations.toml"
# Babel locales: British English writes "6 July 2017"; Syrian Arabic names the months as
# Syrians do (tammuz for July).
LOCALES = {"en": "en_GB", "fr": "fr_FR", "ar": "ar_SY"}


def require_language(lang: object) -> str:
    """``lang`` when it is one of :data:`LANGUAGES`; raises ValueError naming them otherwise."""
    if lang not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r}; choose one of {', '.join(LANGUAGES)}")
    return lang  # type: ignore[return-value]


@lru_cache(maxsize=1)
def _all_words() -> Mapping[str, Mapping[str, str]]:
    return tomllib.loads(TRANSLATIONS_FILE.read_text(encoding="utf-8"))


def words(lang: str) -> Mapping[str, str]:
    """Every translated word and sentence for ``lang``; raises ValueError for an unknown one."""
    return _all_words()[require_language(lang)]


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


def long_date(day: dt.date, lang: str) -> str:
    """``day`` written out in ``lang``: "6 July 2017", "6 juillet 2017", "6 تموز 2017"."""
    from babel.dates import format_date  # Babel's locale data is loaded only when a date is shown

    text = format_date(day, format="long", locale=LOCALES[require_language(lang)])
    # French writes the first of the month as an ordinal ("1er juillet"); CLDR's pattern does not.
    return "1er" + text[1:] if lang == "fr" and day.day == 1 else text


def short_date(day: dt.date, lang: str) -> str:
    """``day`` with an abbreviated month in ``lang``: "6 Jul 2017", "6 juil. 2017"."""
    from babel.dates import format_date

    return format_date(day, format="d MMM y", locale=LOCALES[require_language(lang)])


def number(value: float, decimals: int, lang: str) -> str:
    """``value`` with ``decimals`` decimals, grouped and punctuated as ``lang`` writes numbers."""
    from babel.numbers import format_decimal

    pattern = "#,##0" + ("." + "0" * decimals if decimals > 0 else "")
    return format_decimal(value, format=pattern, locale=LOCALES[require_language(lang)])


def side_name(code: str, lang: str) -> str:
    """A side of the record (gov, opp, SDF, JaN, IS, Trk, lcl, spc, unknown) in words; a
    shared holding (``split:opp+JaN``, ``contested:gov+opp``) as a phrase."""
    status, _, sides = code.partition(":")
    if sides:
        names = " – ".join(side_name(side, lang) for side in sides.split("+"))
        return words(lang)[f"held_{status}"].format(sides=names)
    return words(lang).get(f"side_{code}", code)
