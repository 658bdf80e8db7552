import datetime as dt

from zones.core import DATE_MAX, DATE_MIN
from zones.page.playback import NEXT_DAY, PLAYING, next_day, take_next_day, toggle


def test_steps_go_by_a_day_or_a_week_and_stop_on_the_last_day():
    assert next_day(dt.date(2017, 7, 1), "day") == dt.date(2017, 7, 2)
    assert next_day(dt.date(2017, 7, 1), "week") == dt.date(2017, 7, 8)
    assert next_day(DATE_MAX - dt.timedelta(days=3), "week") == DATE_MAX
    assert next_day(DATE_MAX, "day") is None


def test_the_asked_day_is_taken_before_the_slider_and_the_end_stops_playing():
    session = {PLAYING: True, NEXT_DAY: dt.date(2017, 7, 8), "as_of": dt.date(2017, 7, 1)}
    take_next_day(session, "as_of")
    assert session["as_of"] == dt.date(2017, 7, 8) and session[PLAYING] and NEXT_DAY not in session
    session[NEXT_DAY] = DATE_MAX
    take_next_day(session, "as_of")
    assert session["as_of"] == DATE_MAX and session[PLAYING] is False
    take_next_day(session, "as_of")  # nothing asked: nothing changes
    assert session["as_of"] == DATE_MAX


def test_play_at_the_end_starts_again_from_the_first_day_and_pause_keeps_the_day():
    session = {"as_of": DATE_MAX}
    toggle(session, "as_of")
    assert session[PLAYING] and session["as_of"] == DATE_MIN
    session["as_of"] = dt.date(2017, 8, 4)
    toggle(session, "as_of")
    assert session[PLAYING] is False and session["as_of"] == dt.date(2017, 8, 4)


def test_pause_stays_on_the_day_played_even_when_the_slider_lags_behind():
    session = {"as_of": dt.date(2017, 7, 1)}
    toggle(session, "as_of")
    session[NEXT_DAY] = dt.date(2017, 7, 8)
    take_next_day(session, "as_of")
    session["as_of"] = dt.date(2017, 7, 1)  # the pause click carried the slider's older day
    toggle(session, "as_of")
    assert session[PLAYING] is False and session["as_of"] == dt.date(2017, 7, 8)
    toggle(session, "as_of")  # played again, moved by hand to an earlier day, paused
    session["as_of"] = dt.date(2017, 6, 1)
    toggle(session, "as_of")
    assert session["as_of"] == dt.date(2017, 6, 1)  # no step played since: the hand's day holds


def test_the_page_starts_playing_from_its_button(monkeypatch, sample_dir):
    from tests.conftest import run_page

    page = run_page(monkeypatch, sample_dir)
    page.button(key="play_button").click().run()
    assert page.session_state[PLAYING] is True
    assert not page.exception
