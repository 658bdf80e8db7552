"""Places and point questions: find a town by any spelling, and say where it stood on a date.

The gazetteer is ``places.csv`` beside the layers (GeoNames names, with French and Arabic names
added by the project). Search folds accents, case, the ayn/hamza marks, the Arabic article and
common transliteration variants (ou/u, ei/ay, q/k, doubled letters, final -ah), so "Douma",
"Dūmā", "Daraa", "Dar'a", "Dar‘ā", "al-Hasakah" and "Hasakah" find their town.

Point questions use the loaded layers and :func:`zones.map_builder.active_on` for the date;
distances and areas are computed in the equal-area projection of :mod:`zones.measure`.
"""

from __future__ import annotations

import csv
import datetime as dt
import math
import re
import unicodedata
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import lru_cache
from pathlib import Path

import geopandas as gpd
import pandas as pd
from shapely.geometry import Point

from zones.i18n import LANGUAGES, feature_name
from zones.loading import LoadResult
from zones.map_builder import active_on
from zones.measure import area_km2, length_km, to_equal_area

PLACES_FILE = "places.csv"
ZONE_KIND = "zone"
LINE_KIND = "line"
DEMARCATION_LINE = "demarcation_line"
MAX_QUERY_CHARS = 100


@dataclass(frozen=True)
class Place:
    """A gazetteer entry: names (French and Arabic may be empty) and position in degrees."""

    name: str
    name_fr: str
    name_ar: str
    lat: float
    lon: float
    governorate: str

    def label(self, lang: str) -> str:
        """The name in ``lang``, falling back to the gazetteer name."""
        return {"fr": self.name_fr, "ar": self.name_ar}.get(lang) or self.name


def load_places(directory: Path) -> tuple[Place, ...]:
    """Read ``places.csv`` from ``directory`` (columns name, lat, lon, governorate, and optional
    name_fr, name_ar), in file order.

    Raises FileNotFoundError when the file is missing and ValueError naming the line of a row
    whose lat or lon is not a finite number.
    """
    path = Path(directory) / PLACES_FILE
    places = []
    with path.open(newline="", encoding="utf-8") as handle:
        for line, row in enumerate(csv.DictReader(handle), start=2):
            try:
                lat, lon = float(row["lat"]), float(row["lon"])
            except (TypeError, ValueError, KeyError):
                lat = lon = math.nan
            if not (math.isfinite(lat) and math.isfinite(lon)):
                raise ValueError(f"{path}, line {line}: lat and lon must be numbers of degrees.")
            places.append(Place(
                name=(row.get("name") or "").strip(),
                name_fr=(row.get("name_fr") or "").strip(),
                name_ar=(row.get("name_ar") or "").strip(),
                lat=lat,
                lon=lon,
                governorate=(row.get("governorate") or "").strip(),
            ))
    return tuple(places)


# ---------------------------------------------------------------- search

_APOSTROPHES = frozenset("'‘’ʿʾʼʻ`´ʹ")
_ARABIC_MARKS = frozenset(chr(code) for code in (*range(0x064B, 0x0660), 0x0670, 0x0640))
_ARABIC_LETTERS = str.maketrans({"ٱ": "ا", "ى": "ي", "ة": "ه"})
# The Arabic article as transliterated before a word: al-, el-, as-, ash-, ad-, az-, ...
_ARTICLES = frozenset({"al", "el", "il", "ul", "as", "es", "ash", "esh", "at", "et", "ath", "ad",
                       "ed", "adh", "ar", "er", "az", "ez", "an", "en"})
_VARIANTS = (("ch", "sh"), ("dj", "j"), ("ph", "f"), ("q", "k"), ("c", "k"), ("x", "ks"))
_VOWELS = frozenset("aeiou")


def search_places(places: tuple[Place, ...] | list[Place], query: str, *, limit: int = 10) -> list[Place]:
    """The places whose English, French or Arabic name matches ``query``, best first.

    Ignores case, accents and the ayn/hamza marks. Order: the whole name equal to the query;
    then its transliteration skeleton equal to the query's (so "Douma" finds "Dūmā" and
    "Dayr az Zawr" finds "Deir ez-Zor"); then a word of the name starting with the query; then
    the query anywhere in the name; then a word starting with the query's skeleton. Within a
    tier, the names closest in spelling come first, then by name. At most ``limit``
    places; an empty or non-text query finds nothing. Never raises for any string.
    """
    if not isinstance(query, str) or limit <= 0:
        return []
    wanted = _fold(query[:MAX_QUERY_CHARS])
    if not wanted:
        return []
    wanted_skeleton = _skeleton(wanted)
    wanted_words = _without_articles(wanted)
    ranked = []
    for place in places:
        matches = [
            (rank, -SequenceMatcher(None, wanted_words, _without_articles(folded)).ratio())
            for folded, skeleton in _keys(place)
            if (rank := _rank(wanted, wanted_skeleton, folded, skeleton)) is not None
        ]
        if matches:
            ranked.append((*min(matches), _fold(place.name), place.lat, place.lon, place))
    ranked.sort(key=lambda item: item[:5])
    return [item[-1] for item in ranked[:limit]]


def _rank(wanted: str, wanted_skeleton: str, folded: str, skeleton: str) -> int | None:
    if not folded:
        return None
    if folded == wanted:
        return 0
    if wanted_skeleton and skeleton == wanted_skeleton:
        return 1
    if f" {wanted}" in f" {folded}":
        return 2
    if wanted in folded:
        return 3
    letters = len(wanted_skeleton.replace(" ", ""))
    if letters >= 2 and f" {wanted_skeleton}" in f" {skeleton}":
        return 4
    return None


@lru_cache(maxsize=4096)
def _keys(place: Place) -> tuple[tuple[str, str], ...]:
    """Each non-empty name of the place, folded, with its skeleton."""
    folded = [_fold(name) for name in (place.name, place.name_fr, place.name_ar)]
    return tuple((name, _skeleton(name)) for name in folded if name)


def _fold(text: str) -> str:
    """Lower case without accents, ayn/hamza marks, Arabic vowel signs or punctuation; words
    separated by single spaces."""
    decomposed = unicodedata.normalize("NFKD", text)
    kept = "".join(
        character for character in decomposed
        if not unicodedata.combining(character)
        and character not in _APOSTROPHES
        and character not in _ARABIC_MARKS
    )
    words = re.sub(r"[\W_]+", " ", kept.casefold().translate(_ARABIC_LETTERS))
    return " ".join(words.split())


def _without_articles(folded: str) -> str:
    words = folded.split()
    return " ".join([word for word in words if word not in _ARTICLES] or words)


def _skeleton(folded: str) -> str:
    """The folded name without articles, each word reduced to its consonants."""
    return " ".join(_word_skeleton(word) for word in _without_articles(folded).split())


def _word_skeleton(word: str) -> str:
    if not word.isascii():
        return word[2:] if word.startswith("ال") and len(word) > 3 else word
    for variant, common in _VARIANTS:
        word = word.replace(variant, common)
    if len(word) > 2 and word.endswith("h") and word[-2] in _VOWELS:
        word = word[:-1]  # Hamah, Raqqah -> Hama, Raqqa
    word = re.sub(r"(.)\1+", r"\1", word)
    letters = []
    for index, character in enumerate(word):
        following = word[index + 1] if index + 1 < len(word) else ""
        if index == 0:
            letters.append("a" if character in _VOWELS else character)
        elif character in _VOWELS or character == "w" or (character == "y" and following not in _VOWELS):
            continue  # vowels, and w/y used as vowels (Dayr/Deir, Zawr/Zor, Suwayda/Sweida)
        else:
            letters.append(character)
    return re.sub(r"(.)\1+", r"\1", "".join(letters))


# ---------------------------------------------------------------- point questions


def zone_at(result: LoadResult, lon: float, lat: float, on: dt.date) -> str | None:
    """The id of the de-escalation zone layer (kind ``zone``) whose outline, valid on ``on``,
    contains the point at ``lon``/``lat`` (degrees; the outline's edge counts as inside).

    None when no zone contains it or the coordinates are not finite. The first zone in
    catalogue order wins if outlines overlap.
    """
    if not (_finite(lon) and _finite(lat)):
        return None
    found = _zone_feature_at(result, lon, lat, on)
    return found[0] if found else None


def distance_to_nearest_line(
    result: LoadResult, lon: float, lat: float, on: dt.date
) -> tuple[float, str] | None:
    """Kilometres from the point at ``lon``/``lat`` (degrees) to the nearest military-police
    demarcation line valid on ``on`` (``feature_type == "demarcation_line"`` in a layer of kind
    ``line``), and that line's ``name_en``.

    The distance is measured in the equal-area projection of :mod:`zones.measure`, good to well
    under 1 % within Syria. None when no line is valid that day or the coordinates are not finite.
    """
    nearest = _nearest_line(result, lon, lat, on)
    if nearest is None:
        return None
    km, properties = nearest
    return km, feature_name(properties, "en")


def describe_point(
    result: LoadResult, lon: float, lat: float, on: dt.date, lang: str, *, name: str | None = None
) -> str:
    """One plain-text sentence in ``lang`` saying in which zone the point lay on ``on`` and how
    far it was from the nearest demarcation line (km), e.g. "Dūmā (36.40 E, 33.57 N) lay inside
    the Eastern Ghouta de-escalation zone as drawn on this map on 25 July 2017; 3.2 km from the
    nearest demarcation line, “…”."

    ``name`` is the place's name as the page shows it; without it the sentence speaks of "the
    point". Raises ValueError for an unknown ``lang`` or non-finite coordinates.
    """
    if lang not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r}; choose one of {', '.join(LANGUAGES)}")
    if not (_finite(lon) and _finite(lat)):
        raise ValueError(f"lon and lat must be finite degrees, not {lon!r}, {lat!r}")
    words = _SENTENCES[lang]
    coordinates = words["coordinates"].format(lon=_number(lon, 2, lang), lat=_number(lat, 2, lang))
    point = f"{name} ({coordinates})" if name else words["point"].format(coordinates=coordinates)
    day = _long_date(on, lang)
    zone = _zone_feature_at(result, lon, lat, on)
    if zone is None:
        where = words["outside"].format(point=point, date=day)
    else:
        where = words["inside"].format(point=point, date=day, zone=feature_name(zone[1], lang))
    nearest = _nearest_line(result, lon, lat, on)
    if nearest is None:
        distance = words["no_line"]
    else:
        km, properties = nearest
        distance = words["line"].format(km=_number(km, 1, lang), line=feature_name(properties, lang))
    return f"{where}{words['semicolon']} {distance}."


def measurements_table(result: LoadResult, lang: str) -> list[dict]:
    """One row per de-escalation zone (area, km²) and per demarcation line (length, km).

    Zones first, then lines, each in catalogue and file order, whatever their dates. Each row
    has ``layer``, ``id``, ``name`` (in ``lang``), ``valid_from``, ``valid_to`` (None when
    ongoing), ``area_km2`` (zones) and ``length_km`` (lines), the measure not taken being None;
    values are rounded to 0.1.
    """
    rows = []
    for kind in (ZONE_KIND, LINE_KIND):
        for layer_id, frame in _frames_of_kind(result, kind):
            if frame.empty:
                continue
            areas, lengths = area_km2(frame), length_km(frame)
            for (_, row), area, length in zip(frame.iterrows(), areas, lengths, strict=True):
                properties = row.drop("geometry").to_dict()
                rows.append({
                    "layer": layer_id,
                    "id": str(properties.get("id", "")),
                    "name": feature_name(properties, lang),
                    "valid_from": _text_or_none(properties.get("valid_from")),
                    "valid_to": _text_or_none(properties.get("valid_to")),
                    "area_km2": round(area, 1) if kind == ZONE_KIND else None,
                    "length_km": round(length, 1) if kind == LINE_KIND else None,
                })
    return rows


def _frames_of_kind(result: LoadResult, kind: str):
    """(layer id, frame) for each loaded layer of ``kind``; line layers keep demarcation lines."""
    for layer_id, layer in result.layers.items():
        if layer.spec.kind.name != kind:
            continue
        frame = layer.frame
        if kind == LINE_KIND:
            if "feature_type" not in frame.columns:
                continue
            frame = frame[frame["feature_type"] == DEMARCATION_LINE]
        yield layer_id, frame


def _zone_feature_at(result: LoadResult, lon: float, lat: float, on: dt.date) -> tuple[str, dict] | None:
    point = Point(lon, lat)
    for layer_id, frame in _frames_of_kind(result, ZONE_KIND):
        valid = active_on(frame, on)
        hits = valid[valid.geometry.covers(point)]
        if not hits.empty:
            return layer_id, hits.iloc[0].drop("geometry").to_dict()
    return None


def _nearest_line(result: LoadResult, lon: float, lat: float, on: dt.date) -> tuple[float, dict] | None:
    if not (_finite(lon) and _finite(lat)):
        return None
    valid = [active_on(frame, on) for _, frame in _frames_of_kind(result, LINE_KIND)]
    valid = [frame for frame in valid if not frame.empty]
    if not valid:
        return None
    lines = gpd.GeoDataFrame(pd.concat(valid, ignore_index=True), crs=valid[0].crs)
    point = to_equal_area(gpd.GeoDataFrame(geometry=[Point(lon, lat)], crs=lines.crs)).iloc[0]
    metres = to_equal_area(lines).distance(point)
    nearest = int(metres.to_numpy().argmin())
    return float(metres.iloc[nearest]) / 1e3, lines.iloc[nearest].drop("geometry").to_dict()


# ---------------------------------------------------------------- wording

_SENTENCES = {
    "en": {
        "coordinates": "{lon} E, {lat} N",
        "point": "The point at {coordinates}",
        "inside": "{point} lay inside the {zone} as drawn on this map on {date}",
        "outside": "{point} lay outside every de-escalation zone drawn on this map on {date}",
        "line": "{km} km from the nearest demarcation line, “{line}”",
        "no_line": "no demarcation line was in force that day",
        "semicolon": ";",
    },
    "fr": {
        "coordinates": "{lon} E, {lat} N",
        "point": "Le point {coordinates}",
        "inside": "{point} se trouvait, le {date}, à l’intérieur de « {zone} » (tracé de cette carte)",
        "outside": "{point} se trouvait, le {date}, hors de toute zone de désescalade tracée sur "
                   "cette carte",
        "line": "à {km} km de la ligne de démarcation la plus proche, « {line} »",
        "no_line": "aucune ligne de démarcation n’était en vigueur ce jour-là",
        "semicolon": " ;",
    },
    "ar": {
        "coordinates": "{lat} شمالاً، {lon} شرقاً",
        "point": "النقطة ({coordinates})",
        "inside": "في {date} كان الموقع {point} داخل {zone} كما رُسمت على هذه الخريطة",
        "outside": "في {date} كان الموقع {point} خارج كل مناطق خفض التصعيد المرسومة على هذه الخريطة",
        "line": "على بعد {km} كم من أقرب خط فصل، «{line}»",
        "no_line": "لم يكن أي خط فصل سارياً في ذلك اليوم",
        "semicolon": "؛",
    },
}

_MONTHS = {
    "en": ("January", "February", "March", "April", "May", "June", "July", "August", "September",
           "October", "November", "December"),
    "fr": ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre",
           "octobre", "novembre", "décembre"),
    "ar": ("كانون الثاني/يناير", "شباط/فبراير", "آذار/مارس", "نيسان/أبريل", "أيار/مايو",
           "حزيران/يونيو", "تموز/يوليو", "آب/أغسطس", "أيلول/سبتمبر", "تشرين الأول/أكتوبر",
           "تشرين الثاني/نوفمبر", "كانون الأول/ديسمبر"),
}


def _long_date(day: dt.date, lang: str) -> str:
    ordinal = "1er" if lang == "fr" and day.day == 1 else str(day.day)
    return f"{ordinal} {_MONTHS[lang][day.month - 1]} {day.year}"


def _number(value: float, decimals: int, lang: str) -> str:
    text = f"{value:.{decimals}f}"
    return text.replace(".", ",") if lang == "fr" else text


def _finite(value: object) -> bool:
    if isinstance(value, bool):
        return False
    try:
        return math.isfinite(float(value))
    except (TypeError, ValueError):
        return False


def _text_or_none(value: object) -> str | None:
    return value if isinstance(value, str) and value else None
