"""The page's session rules that need no page: choices kept across a language switch."""

from zones.page.session import keep_choice

LABELS = {("offline", "en"): "Offline vector basemap", ("offline", "fr"): "Fond vectoriel hors ligne",
          ("osm", "en"): "OpenStreetMap (online)", ("osm", "fr"): "OpenStreetMap (en ligne)"}


def _label(option, lang):
    return LABELS.get((option, lang), f"{option} in {lang}")


def test_a_label_from_another_language_turns_back_into_its_option():
    session = {"tiles": "OpenStreetMap (online)"}  # what the browser sent after switching to French
    keep_choice(session, "tiles", ["offline", "osm"], _label)
    assert session["tiles"] == "osm"


def test_an_option_or_no_value_is_left_alone_and_anything_else_is_dropped():
    session = {"tiles": "offline"}
    keep_choice(session, "tiles", ["offline", "osm"], _label)
    assert session == {"tiles": "offline"}
    keep_choice(session, "missing", ["offline", "osm"], _label)
    assert "missing" not in session
    session["tiles"] = "https://evil.example/tiles"
    keep_choice(session, "tiles", ["offline", "osm"], _label)
    assert "tiles" not in session  # the widget starts again from its default
