"""The page's session: started once from the share link, then owned by the widgets and the map.

The browser keeps the view while the user pans and zooms; the page only tells the map where to
look when it must move on purpose (a link, "Go there"), because echoing back what the browser
reported would snap the map back to where it was a moment ago.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, MutableMapping, Sequence

import streamlit as st

from zones.core import View, round_degrees, wrap_longitude
from zones.data.catalogue import Catalogue
from zones.language import LANGUAGES
from zones.page.share_link import ViewState, parse_query, query_string, to_query

LINK_STATE = "link_state"
NOTICES = "link_notices"
VIEW = "view"  # the view the browser last reported
TARGET_VIEW = "target_view"  # where the page asks the map to look


def layer_key(layer_id: str) -> str:
    """The session key of a layer's checkbox."""
    return f"layer_{layer_id}"


def start_from_link(catalogue: Catalogue) -> None:
    """On a session's first run, set the widgets' state from the link's query parameters; the
    notices about values that were not used are kept for :func:`link_notices`."""
    if LINK_STATE in st.session_state:
        return
    state, notices = parse_query({key: st.query_params.get_all(key) for key in st.query_params},
                                 catalogue)
    st.session_state.update({layer_key(spec.id): spec.id in state.layers for spec in catalogue.layers})
    st.session_state.update({LINK_STATE: state, NOTICES: notices, "as_of": state.date,
                             "lang": state.lang, VIEW: state.view, TARGET_VIEW: state.view})


def link_notices() -> list[str]:
    """What the opening link held that the page did not use, as plain text."""
    return st.session_state.get(NOTICES, [])


def go_to(view: View) -> None:
    """Move the map to ``view`` on this run."""
    st.session_state[TARGET_VIEW] = view


def target_view() -> View:
    """Where the map is asked to look."""
    return st.session_state[TARGET_VIEW]


def remember_view(reported: View | None) -> View:
    """Keep the view the map reported, with the longitude wrapped into -180..180 (a map
    dragged round the world reports more), and return the current view."""
    if reported is not None:
        st.session_state[VIEW] = View(lat=round_degrees(reported.lat),
                                      lon=round_degrees(wrap_longitude(reported.lon)), zoom=reported.zoom)
    return st.session_state[VIEW]


def publish_link(catalogue: Catalogue, *, view: View, day: dt.date, lang: str,
                 layers: Sequence[str]) -> str:
    """Write the state on screen into the page address and return it as a query string."""
    state = ViewState(lat=view.lat, lon=view.lon, zoom=view.zoom, date=day, lang=lang,
                      layers=tuple(layers))
    link = to_query(state, catalogue)
    st.query_params.from_dict(link)
    return query_string(link)


def translated_choice(widget: Callable, label: str, options: Sequence, *, key: str, lang: str,
                      label_of: Callable[[object, str], str], **kwargs):
    """Draw ``widget`` (``st.radio``, ``st.selectbox`` or a column's) for ``options`` shown as
    ``label_of(option, lang)``, after :func:`keep_choice`; returns the chosen option."""
    keep_choice(st.session_state, key, options, label_of)
    return widget(label, options, key=key, format_func=lambda option: label_of(option, lang), **kwargs)


def keep_choice(session: MutableMapping, key: str, options: Sequence,
                label_of: Callable[[object, str], str]) -> None:
    """Call before drawing the radio or select box ``key`` whose labels are in the page's language.

    Streamlit keeps such a widget's value as its label: after a language switch the browser sends
    back the old language's label, which matches no option any more, and the widget's value became
    that text (the map then failed on a background called "Offline vector basemap"). A value that
    is the label of an option in any language (``label_of(option, lang)``) is turned back into
    that option; anything else is dropped, so that the widget starts from its default.
    """
    value = session.get(key)
    if value is None or value in options:
        return
    for option in options:
        if any(label_of(option, lang) == value for lang in LANGUAGES):
            session[key] = option
            return
    del session[key]
