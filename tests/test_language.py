import datetime as dt
import string

import pytest

from zones.language import (
    LANGUAGES,
    direction,
    feature_name,
    long_date,
    number,
    require_language,
    short_date,
    words,
)


def test_every_language_has_every_key_with_the_same_fields():
    english = words("en")
    fields = {key: {name for _, name, _, _ in string.Formatter().parse(text) if name}
              for key, text in english.items()}
    for lang in LANGUAGES:
        assert set(words(lang)) == set(english), lang
        for key, text in words(lang).items():
            assert text.strip(), (lang, key)
            assert {name for _, name, _, _ in string.Formatter().parse(text) if name} == fields[key], \
                (lang, key)


def test_an_unknown_language_is_refused_naming_the_known_ones():
    with pytest.raises(ValueError, match="en, fr, ar"):
        require_language("de")
    with pytest.raises(ValueError, match="en, fr, ar"):
        words("de")


def test_arabic_reads_right_to_left():
    assert [direction(lang) for lang in LANGUAGES] == ["ltr", "ltr", "rtl"]


def test_a_feature_is_named_in_the_language_else_english_else_its_id():
    assert feature_name({"name_en": "Douma", "name_ar": "دوما"}, "ar") == "دوما"
    assert feature_name({"name_en": "Douma", "name_fr": " "}, "fr") == "Douma"
    assert feature_name({"id": "zone-1"}, "fr") == "zone-1"
    assert feature_name({}, "en") == "?"


@pytest.mark.parametrize(("lang", "long", "short"), [
    ("en", "1 July 2017", "1 Jul 2017"),
    ("fr", "1er juillet 2017", "1 juil. 2017"),
    ("ar", "1 تموز 2017", "1 تموز 2017"),
])
def test_dates_are_written_as_each_language_writes_them(lang, long, short):
    assert long_date(dt.date(2017, 7, 1), lang) == long
    assert short_date(dt.date(2017, 7, 1), lang) == short
    assert long_date(dt.date(2017, 7, 6), "fr") == "6 juillet 2017"


def test_numbers_use_each_language_decimal_mark():
    assert number(1234.56, 1, "en") == "1,234.6"
    assert number(1234.56, 1, "fr").replace("\u202f", " ") == "1 234,6"
    assert number(130.4, 0, "ar") == "130"
