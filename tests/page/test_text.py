import re

import pytest

from zones.page.text import WORD_JOINER, literal, problems_markdown


def test_markdown_characters_are_escaped():
    assert literal("[x](javascript:alert(1)) *b* <i>") == \
        r"\[x\]\(javascript\:alert\(1\)\) \*b\* \<i\>"


def test_problems_become_a_bullet_list():
    assert problems_markdown(["a.geojson: bad", "b_c"]) == "- a\\.geojson\\: bad\n- b\\_c"


# The patterns GitHub-flavoured Markdown links automatically (remark-gfm's
# mdast-util-gfm-autolink-literal: `https?://` or `www.` then a domain, and e-mail addresses),
# applied as Streamlit's renderer does: after backslash escapes are resolved. JavaScript's \w is
# ASCII-only, hence re.ASCII.
AUTOLINK_URL = re.compile(r"(https?://|www(?=\.))([-.\w]+)", re.IGNORECASE | re.ASCII)
AUTOLINK_EMAIL = re.compile(r"([-.\w+]+)@([-\w]+(?:\.[-\w]+)+)", re.ASCII)


def rendered_text(markdown: str) -> str:
    """The text Markdown shows for ``markdown`` made by :func:`literal`: escapes resolved."""
    return re.sub(r"\\(.)", r"\1", markdown)


@pytest.mark.parametrize("text", ["https://evil.example/login", "see http://x.y", "HTTPS://A.B",
                                  "www.evil.example", "mail me@evil.example now",
                                  "mailto:someone@evil.example", "geoBoundaries (www.geoboundaries.org)"])
def test_urls_and_addresses_do_not_become_links(text):
    shown = rendered_text(literal(text))
    assert not AUTOLINK_URL.search(shown) and not AUTOLINK_EMAIL.search(shown), shown
    assert shown.replace(WORD_JOINER, "") == text  # a reader sees exactly the text


def test_the_patterns_would_match_without_literal():
    assert AUTOLINK_URL.search("https://evil.example/login")
    assert AUTOLINK_URL.search("www.evil.example")
    assert AUTOLINK_EMAIL.search("x@y.zz")


@pytest.mark.parametrize("entity", ["&rlm;", "&amp;", "&#x202e;", "&lt;b&gt;"])
def test_html_entities_show_as_typed(entity):
    assert literal(entity) == entity.replace("&", "\\&").replace("#", "\\#")
