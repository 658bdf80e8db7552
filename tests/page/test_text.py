from zones.page.text import literal, problems_markdown


def test_markdown_characters_are_escaped():
    assert literal("[x](javascript:alert(1)) *b* <i>") == \
        r"\[x\]\(javascript\:alert\(1\)\) \*b\* \<i\>"


def test_problems_become_a_bullet_list():
    assert problems_markdown(["a.geojson: bad", "b_c"]) == "- a\\.geojson\\: bad\n- b\\_c"
