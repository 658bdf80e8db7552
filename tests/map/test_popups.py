from zones.map.popups import popup_html, tooltip_html

HOSTILE = '<script>window.pwned=1</script><img src=x onerror="alert(1)"> {{ 7*7 }} ${x} `y` \\ "q" \u202e'
PROPERTIES = {
    "id": "zone-x",
    "name_en": "Eastern Ghouta",
    "name_fr": "Ghouta orientale",
    "name_ar": "الغوطة الشرقية",
    "valid_from": "2017-07-22",
    "valid_to": None,
    "confidence": "medium",
    "confidence_note": "Front lines from several reports.",
    "approximate": True,
    "method": "Hand-drawn around the towns named in reporting.",
    "sources": [
        {"publisher": "Reuters", "title": "Ceasefire in Ghouta", "date": "2017-07-22",
         "url": "https://www.reuters.com/article/x"},
        {"publisher": "TASS", "title": "No link here", "date": "2017-07-24", "url": None},
    ],
}


def test_popup_shows_name_dates_confidence_method_and_sources():
    html = popup_html(PROPERTIES, "en", area_km2=104.6)
    for text in ("Eastern Ghouta", "<bdi>22 July 2017</bdi> – ongoing", "medium", "Front lines from several",
                 "<bdi>105\u00a0km²</bdi>", "Hand-drawn around", "Reuters", "Ceasefire in Ghouta", "TASS"):
        assert text in html, text
    assert 'href="https://www.reuters.com/article/x"' in html
    assert html.count("<a ") == 1
    assert "Approximate" in html


def test_tooltip_marks_approximate_geometry():
    assert "≈" in tooltip_html(PROPERTIES, "en")
    assert "≈" not in tooltip_html({**PROPERTIES, "approximate": False}, "en")


def test_french_and_arabic_names_and_direction():
    assert "Ghouta orientale" in popup_html(PROPERTIES, "fr")
    arabic = popup_html(PROPERTIES, "ar")
    assert "الغوطة الشرقية" in arabic and 'dir="rtl"' in arabic


def test_hostile_text_is_escaped_everywhere():
    hostile = {**PROPERTIES, "name_en": HOSTILE, "confidence_note": HOSTILE, "method": HOSTILE,
               "sources": [{"publisher": HOSTILE, "title": HOSTILE, "date": "2017-07-22",
                            "url": 'https://x.org/"><script>alert(1)</script>'}]}
    for html in (popup_html(hostile, "en"), tooltip_html(hostile, "en")):
        assert "<script" not in html
        assert "<img" not in html
        assert "&lt;script&gt;" in html


def test_non_http_links_are_not_made_clickable():
    properties = {**PROPERTIES, "sources": [{"publisher": "X", "title": "Y", "date": "2017-01-01",
                                             "url": "javascript:alert(1)"}]}
    assert "<a " not in popup_html(properties, "en")


def test_basemap_feature_shows_its_source():
    html = popup_html({"id": "c", "name_en": "Syria", "source": "Natural Earth"}, "en")
    assert "Natural Earth" in html


def test_english_notes_are_marked_left_to_right_in_french_and_arabic_popups():
    for lang in ("fr", "ar"):
        html = popup_html(PROPERTIES, lang, area_km2=1304.6, length_km=12.34)
        for note in ("Front lines from several reports.", "Hand-drawn around the towns named in reporting.",
                     "Reuters", "Ceasefire in Ghouta"):
            assert f'<span lang="en" dir="ltr">{note}</span>' in html, (lang, note)
    english = popup_html(PROPERTIES, "en")
    assert 'lang="en" dir="ltr"' not in english  # nothing to mark on an English page


def test_dates_and_measures_are_written_in_the_page_language():
    french = popup_html(PROPERTIES, "fr", area_km2=1304.6, length_km=12.34)
    assert "<bdi>22 juillet 2017</bdi> – en cours" in french
    assert "<bdi>1\u202f305\u00a0km²</bdi>" in french and "<bdi>12,3\u00a0km</bdi>" in french
    arabic = popup_html(PROPERTIES, "ar", area_km2=1304.6)
    assert "<bdi>22 تموز 2017</bdi>" in arabic
    assert "كم²</bdi>" in arabic and "km²" not in arabic


def test_a_name_missing_in_the_language_is_marked_as_english():
    html = popup_html({**PROPERTIES, "name_ar": ""}, "ar")
    assert '<h4><span lang="en" dir="ltr">Eastern Ghouta</span></h4>' in html
    assert '<h4><bdi>الغوطة الشرقية</bdi></h4>' in popup_html(PROPERTIES, "ar")


def test_a_zone_s_phase_leads_the_table_in_the_page_language():
    html = popup_html(PROPERTIES, "fr", phase="cessez-le-feu <en vigueur>")
    assert "<table><tr><th>Phase</th><td><b>cessez-le-feu &lt;en vigueur&gt;</b></td></tr>" in html
