"""The French and Arabic pages hold no English widget text: every label, caption, button, help,
placeholder, option and notice is compared against the English words."""

from __future__ import annotations

import re
import string

import pytest
from streamlit.testing.v1 import AppTest

from tests.conftest import APP
from zones.data.catalogue import load_catalogue
from zones.language import words

MIN_FRAGMENT = 6  # shorter literal pieces ("km", "N", " – ") are shared by the languages


def _fragments(text: str) -> set[str]:
    """The literal parts of a format string, without its {fields}."""
    return {literal.strip(" .:;,()*") for literal, *_ in string.Formatter().parse(text)}


def _english_fragments(lang: str, catalogue) -> set[str]:
    """Pieces of English text that must not appear on the ``lang`` page: every literal part of
    every English word, and every English layer title, unless the language uses it too."""
    english, other = words("en"), words(lang)
    found = set()
    for key, text in english.items():
        if key != "language_name":  # the language menu names each language in its own words
            found |= _fragments(text) - _fragments(other[key])
    for spec in catalogue.layers:
        if spec.title_for(lang) != spec.title:
            found.add(spec.title)
    return {fragment for fragment in found if len(fragment) >= MIN_FRAGMENT}


def _page_texts(page) -> list[str]:
    """Every text a reader sees around the map: headings, captions, notices, widget labels,
    options, placeholders, help and button labels."""
    texts = []
    for kind in ("title", "header", "subheader", "caption", "info", "warning", "error", "expander"):
        texts += [getattr(element, "label", None) or getattr(element, "value", "")
                  for element in page.get(kind)]
    for kind in ("button", "checkbox", "radio", "selectbox", "slider", "text_input"):
        for widget in page.get(kind):
            texts += [widget.label, widget.proto.help]
            texts += [str(option) for option in getattr(widget, "options", ())]
            texts.append(getattr(widget.proto, "placeholder", ""))
    return [text for text in texts if isinstance(text, str) and text]


@pytest.mark.parametrize("lang", ["fr", "ar"])
def test_the_page_holds_no_english_widget_text(monkeypatch, sample_dir, lang):
    monkeypatch.setenv("ZONES_DATA_DIR", str(sample_dir))
    page = AppTest.from_file(APP, default_timeout=60)
    page.query_params["lang"] = lang
    page.run()
    page.text_input[0].input("Douma").run()  # the matches, the answer and "Go there" appear
    assert not page.exception, page.exception
    texts = _page_texts(page)
    assert len(texts) > 30, texts  # the test reads the page, not an empty run
    assert words(lang)["as_of_label"] in texts and words(lang)["go_there"] in texts
    english = _english_fragments(lang, load_catalogue(sample_dir))
    leaks = sorted({(fragment, text) for text in texts for fragment in english
                    if re.search(rf"(?<!\w){re.escape(fragment)}(?!\w)", text)})
    assert not leaks, leaks


def test_the_english_page_is_read_by_the_same_test():
    # The check above would catch an English label: the English page shows these fragments.
    english = _english_fragments("fr", load_catalogue())
    assert {"Town or village", "Share this view: copy the page address, or the link below",
            "Events up to"} <= english


def test_the_title_agrees_with_the_default_day_and_the_button_names_the_report(monkeypatch, sample_dir):
    monkeypatch.setenv("ZONES_DATA_DIR", str(sample_dir))
    page = AppTest.from_file(APP, default_timeout=60).run()
    heading = page.subheader[0].value
    assert "July" not in heading and "summer 2017" in heading
    assert any("4 August 2017" in caption.value for caption in page.caption)
    founding = page.button(key="founding_button")
    assert founding.label == "6 July 2017: Tillerson’s statement on joint US–Russian mechanisms"
