"""Playing the period: the as-of date steps through May–October 2017 by a day or a week at a
time, and stops at the end, so that a reader can watch the zones, Raqqa and the events change.

A small fragment ticks while playing and asks for a new run of the page with the next day; the
day is handed over before the date slider is drawn (a widget's value cannot change after it is
drawn in a run), and the share link keeps the day the playback stopped on.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import MutableMapping

import streamlit as st

from zones.core import DATE_MAX, DATE_MIN
from zones.language import words
from zones.page.session import translated_choice

PLAYING = "playing"
STEP = "play_step"
NEXT_DAY = "play_next_day"
LAST_STEP = "play_last_step"
PLAYED_DAY = "play_played_day"  # the last day the playback moved to
STEPS = {"week": dt.timedelta(days=7), "day": dt.timedelta(days=1)}  # a week first: the default
TICK_SECONDS = 1.0


def next_day(day: dt.date, step: str) -> dt.date | None:
    """The day after ``day`` by ``step`` ("day" or "week"), None once the period is over; a step
    that would pass the last day stops on it."""
    if day >= DATE_MAX:
        return None
    return min(day + STEPS[step], DATE_MAX)


def take_next_day(session: MutableMapping, date_key: str) -> None:
    """Before the date slider is drawn: move it to the day the playback asked for, and stop
    playing on the last day."""
    day = session.pop(NEXT_DAY, None)
    if day is None:
        return
    session[date_key] = session[PLAYED_DAY] = day
    if day >= DATE_MAX:
        session[PLAYING] = False


def toggle(session: MutableMapping, date_key: str) -> None:
    """Start or pause; starting on the last day starts again from the first.

    Pausing stays on the day the playback reached: a click can leave the browser before the
    slider there has caught up with the latest step, and would otherwise take the date back to
    the slider's older day (playback only goes forward, so an earlier day is such a lag).
    """
    playing = not session.get(PLAYING, False)
    session[PLAYING] = playing
    played = session.pop(PLAYED_DAY, None)
    if not playing and played is not None and played > session.get(date_key, played):
        session[date_key] = played
    if playing and session.get(date_key, DATE_MIN) >= DATE_MAX:
        session[date_key] = DATE_MIN


def play_controls(date_key: str, lang: str) -> None:
    """The play/pause button and the step choice, in ``lang``; while playing, a tick every second
    moves the date on."""
    labels = words(lang)
    playing = st.session_state.get(PLAYING, False)
    left, right = st.columns([1, 1])
    left.button(labels["pause"] if playing else labels["play"], key="play_button",
                on_click=toggle, args=(st.session_state, date_key), width="stretch")
    translated_choice(right.selectbox, labels["step"], list(STEPS), key=STEP, lang=lang,
                      label_of=lambda step, language: words(language)[f"step_{step}"],
                      label_visibility="collapsed")
    if playing:
        _tick(date_key)


@st.fragment(run_every=TICK_SECONDS)
def _tick(date_key: str) -> None:
    # The fragment also runs with every run of the page: step only when a tick is due, or each
    # step's own run would trigger the next at once.
    now = time.monotonic()
    if not st.session_state.get(PLAYING, False) or NEXT_DAY in st.session_state \
            or now - st.session_state.get(LAST_STEP, 0.0) < TICK_SECONDS * 0.9:
        return
    st.session_state[LAST_STEP] = now
    upcoming = next_day(st.session_state[date_key], st.session_state.get(STEP, "week"))
    if upcoming is None:
        st.session_state[PLAYING] = False
        return
    st.session_state[NEXT_DAY] = upcoming
    st.rerun(scope="app")
