"""The gazetteer: find a town by any spelling.

Search (over the places :mod:`zones.data.gazetteer_file` reads) folds accents, case, the
ayn/hamza marks, the Arabic article and common transliteration variants (ou/u, ei/ay, q/k,
doubled letters, final -ah), so "Douma", "Dūmā", "Daraa", "Dar'a", "Dar‘ā", "al-Hasakah" and
"Hasakah" find their town.
"""

from __future__ import annotations

import re
import unicodedata
from difflib import SequenceMatcher
from functools import lru_cache

from zones.data.gazetteer_file import Place

MAX_QUERY_CHARS = 100
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
