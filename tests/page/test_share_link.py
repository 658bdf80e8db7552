import datetime as dt
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from zones.core import DATE_MAX, DATE_MIN, ZOOM_MAX, ZOOM_MIN
from zones.data.catalogue import DEFAULT_DATA_DIR, load_catalogue
from zones.language import LANGUAGES
from zones.page.share_link import ECHO_CHARS, KEYS, ViewState, default_state, parse_query, to_query

# The shipped catalogue file only (no layer is read): hypothesis cannot use function fixtures.
CATALOGUE = load_catalogue(DEFAULT_DATA_DIR)
WEST, SOUTH, EAST, NORTH = CATALOGUE.region.bounds
DEFAULT = default_state(CATALOGUE)


def _degrees(low: float, high: float):
    return st.floats(min_value=low, max_value=high, allow_nan=False, allow_infinity=False)


valid_states = st.builds(
    ViewState,
    lat=_degrees(SOUTH, NORTH),
    lon=_degrees(WEST, EAST),
    zoom=st.integers(ZOOM_MIN, ZOOM_MAX),
    layers=st.sets(st.sampled_from(CATALOGUE.ids)).map(
        lambda chosen: tuple(layer_id for layer_id in CATALOGUE.ids if layer_id in chosen)
    ),
    date=st.dates(min_value=DATE_MIN, max_value=DATE_MAX),
    lang=st.sampled_from(LANGUAGES),
)


@settings(max_examples=300, derandomize=True, database=None)
@given(state=valid_states)
def test_a_link_restores_the_state_it_was_made_from(state):
    query = to_query(state, CATALOGUE)
    assert set(query) == set(KEYS)
    assert parse_query(query, CATALOGUE) == (state, [])


nasty_text = st.one_of(
    st.text(max_size=60),
    st.text(alphabet=st.characters(codec="utf-8"), max_size=30),
    st.sampled_from(["nan", "NaN", "inf", "-Infinity", "1e999", "", " ", "\x00", "\u202e7", "٣٤",
                     "34,9", "0x10", "1_0", "7.0", "2017-07-25T00:00", "2017-02-30", "EN", "idlib,,",
                     "<b>7</b>", "[[x]](javascript:alert(1))"]),
    st.integers(1000, 10_000).map(lambda size: "9" * size),
)
nasty_values = st.one_of(nasty_text, st.lists(nasty_text, max_size=4), st.none(), st.integers(),
                         st.floats(), st.binary(max_size=20))
nasty_keys = st.one_of(st.sampled_from(KEYS + ("embed", "Lat", "zoom ")), st.text(max_size=20))


def _is_valid(state: ViewState) -> bool:
    return (
        SOUTH <= state.lat <= NORTH
        and WEST <= state.lon <= EAST
        and ZOOM_MIN <= state.zoom <= ZOOM_MAX
        and DATE_MIN <= state.date <= DATE_MAX
        and state.lang in LANGUAGES
        and state.layers == tuple(layer_id for layer_id in CATALOGUE.ids if layer_id in state.layers)
    )


@settings(max_examples=300, derandomize=True, database=None)
@given(params=st.dictionaries(nasty_keys, nasty_values, max_size=8))
def test_any_query_gives_a_valid_state_and_plain_short_notices(params):
    state, notices = parse_query(params, CATALOGUE)
    assert isinstance(state, ViewState) and _is_valid(state)
    assert all(isinstance(notice, str) for notice in notices)
    for notice in notices:
        assert not any(unicodedata.category(character) in ("Cc", "Cf", "Cs") for character in notice)
    for value in params.values():
        for text in value if isinstance(value, list) else [value]:
            if isinstance(text, str) and len(text) > ECHO_CHARS + 5:
                assert not any(text[: ECHO_CHARS + 5] in notice for notice in notices)


def test_no_parameters_give_the_default_view_without_notices():
    assert parse_query({}, CATALOGUE) == (DEFAULT, [])
    assert DEFAULT.layers == CATALOGUE.default_visible
    assert (DEFAULT.lat, DEFAULT.lon, DEFAULT.zoom) == (34.9, 38.3, 7)
    assert (DEFAULT.date, DEFAULT.lang) == (dt.date(2017, 8, 4), "en")


def test_a_valid_link_is_read_exactly():
    state, notices = parse_query({"lat": "33.5718", "lon": "36.4027", "zoom": "11",
                                  "layers": "south,eastern_ghouta", "date": "2017-07-25", "lang": "ar"},
                                 CATALOGUE)
    assert notices == []
    assert state == ViewState(lat=33.5718, lon=36.4027, zoom=11, layers=("eastern_ghouta", "south"),
                              date=dt.date(2017, 7, 25), lang="ar")


def test_the_query_is_deterministic_and_compact():
    state = ViewState(lat=33.50004, lon=36.3, zoom=9, layers=("events", "idlib"),
                      date=dt.date(2017, 7, 6), lang="fr")
    assert to_query(state, CATALOGUE) == {"lat": "33.5", "lon": "36.3", "zoom": "9",
                                          "layers": "idlib,events", "date": "2017-07-06", "lang": "fr"}


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"zoom": "abc"}, "Ignored zoom=abc: not a whole number from 4 to 16; using 7."),
        ({"zoom": "3"}, "Ignored zoom=3: not a whole number from 4 to 16; using 7."),
        ({"zoom": "7.5"}, "Ignored zoom=7.5: not a whole number from 4 to 16; using 7."),
        ({"lat": "nan"}, "Ignored lat=nan: not a number of degrees from 28 to 43; using 34.9."),
        ({"lon": "inf"}, "Ignored lon=inf: not a number of degrees from 25 to 50; using 38.3."),
        ({"lat": "91"}, "Ignored lat=91: not a number of degrees from 28 to 43; using 34.9."),
        ({"date": "2017-02-30"},
         "Ignored date=2017-02-30: not a date from 2017-05-04 to 2017-10-31 (YYYY-MM-DD); "
         "using 2017-08-04."),
        ({"date": "2016-07-25"},
         "Ignored date=2016-07-25: not a date from 2017-05-04 to 2017-10-31 (YYYY-MM-DD); "
         "using 2017-08-04."),
        ({"lang": "de"}, "Ignored lang=de: not one of en, fr, ar; using en."),
        ({"colour": "red"}, "Ignored unknown parameter colour (known: lat, lon, zoom, layers, date, lang)."),
    ],
)
def test_a_malformed_value_takes_its_default_with_a_notice(params, expected):
    state, notices = parse_query(params, CATALOGUE)
    assert state == DEFAULT
    assert notices == [expected]


def test_unknown_layers_are_dropped_and_known_ones_kept():
    state, notices = parse_query({"layers": "events,nope,idlib,, idlib"}, CATALOGUE)
    assert state.layers == ("idlib", "events")
    assert notices == ["Ignored unknown layer nope."]


def test_an_empty_layer_list_shows_no_layer():
    assert parse_query({"layers": ""}, CATALOGUE) == (ViewState(layers=()), [])


def test_a_repeated_key_uses_its_last_value():
    state, notices = parse_query({"zoom": ["5", "9"]}, CATALOGUE)
    assert state.zoom == 9
    assert notices == ["zoom was given 2 times; using the last one."]


def test_unknown_keys_share_one_notice():
    _, notices = parse_query({"a": "1", "b": "2", "embed": "true"}, CATALOGUE)
    assert notices == ["Ignored unknown parameters a, b (known: lat, lon, zoom, layers, date, lang)."]


def test_a_huge_value_is_refused_and_barely_quoted():
    huge = "1" * 5000
    state, notices = parse_query({"zoom": huge}, CATALOGUE)
    assert state == DEFAULT
    assert len(notices) == 1
    assert "too long" in notices[0] and "5,000" in notices[0]
    assert "1" * (ECHO_CHARS + 1) not in notices[0]


def test_control_characters_are_not_echoed():
    _, notices = parse_query({"lang": "e\nn\x1b[31m", "date": "\ud800\u202e"}, CATALOGUE)
    assert len(notices) == 2
    assert not any(character in notice for notice in notices for character in "\n\x1b\ud800\u202e")


def test_a_state_refuses_values_no_link_could_hold():
    with pytest.raises(ValueError, match="zoom must be a whole number from 4 to 16"):
        ViewState(layers=(), zoom=20)
    with pytest.raises(ValueError, match="en, fr, ar"):
        ViewState(layers=(), lang="de")
    with pytest.raises(ValueError, match="finite"):
        ViewState(layers=(), lat=float("nan"))
    with pytest.raises(ValueError, match="2017-05-04 to 2017-10-31"):
        ViewState(layers=(), date=dt.date(2018, 1, 1))


# ---------------------------------------------------------------- issue 14: hostile links


@pytest.mark.parametrize(("lon", "expected"), [("398.3", 38.3), ("-321.7", 38.3), ("38.3", 38.3)])
def test_a_longitude_beyond_180_is_wrapped_before_it_is_checked(lon, expected):
    state, notices = parse_query({"lon": lon}, CATALOGUE)
    assert (state.lon, notices) == (expected, [])


def test_a_state_and_its_link_hold_a_wrapped_longitude():
    # Four drags east at zoom 4 reported 555.8203; the link must not carry it.
    state = ViewState(layers=(), lon=555.8203)
    assert state.lon == round(555.8203 - 720, 4)
    assert -180 <= float(to_query(state, CATALOGUE)["lon"]) <= 180


@pytest.mark.parametrize("value", ["1e308", "-1e308", "NaN", "inf", "-Infinity", "1" * 5000,
                                   "\x00", "7\x00", "\u202e7", "2017-13-01", "2017-07-06T00:00",
                                   "+002017-07-06"])
@pytest.mark.parametrize("key", ["lat", "lon", "zoom", "date"])
def test_odd_link_values_take_their_default(key, value):
    state, notices = parse_query({key: value}, CATALOGUE)
    assert state == DEFAULT and len(notices) == 1
    assert "\x00" not in notices[0] and "\u202e" not in notices[0]


def test_six_thousand_repeats_of_a_key_give_one_notice():
    state, notices = parse_query({"zoom": ["5"] * 5999 + ["9"]}, CATALOGUE)
    assert state.zoom == 9
    assert notices == ["zoom was given 6000 times; using the last one."]


def test_a_url_in_a_link_value_is_quoted_as_text():
    _, notices = parse_query({"zoom": "https://evil.example/login"}, CATALOGUE)
    assert "https://evil.example/login" in notices[0]  # plain text; the page shows it literally
