from zones.map.record_rows import record_rows, side_name


def test_a_mark_says_who_held_it_in_words_with_its_article_and_window():
    rows = dict(record_rows({"side": "JaN", "sides": ["JaN"], "status": "held", "symbol": "air",
                             "link": "Abu al-Duhur Military Airbase", "snapshot_from": "2017-07-04"}, "en"))
    assert rows["Held by"] == "HTS (ex-Nusra)"
    assert rows["Site"] == "airbase"
    assert 'href="https://en.wikipedia.org/wiki/Abu_al-Duhur_Military_Airbase"' in rows["Wikipedia"]
    assert "mid-July 2017" in rows["Record"]


def test_contested_and_split_places_show_both_sides_in_the_page_language():
    rows = dict(record_rows({"side": "gov", "sides": ["gov", "opp"], "status": "contested"}, "fr"))
    assert rows["Tenu par"] == "disputé : gouvernement – opposition"
    assert side_name("split:opp+JaN", "ar").startswith("مقسم")


def test_a_hostile_article_title_stays_text_and_cannot_leave_wikipedia():
    rows = dict(record_rows({"link": '"><script>alert(1)</script>', "side": "opp"}, "en"))
    assert "<script>" not in rows["Wikipedia"]
    assert rows["Wikipedia"].startswith('<a href="https://en.wikipedia.org/wiki/')


def test_a_zone_lists_the_marked_places_inside_it_largest_first():
    rows = dict(record_rows({"marks_inside": {"JaN": 169, "opp": 341, "split:opp+JaN": 72}}, "en"))
    assert rows["Marked places inside (July 2017)"] == \
        "opposition: 341, HTS (ex-Nusra): 169, split or held jointly: opposition – HTS (ex-Nusra): 72"
