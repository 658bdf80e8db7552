"""The share link's codec: where the map looks, which layers show, the as-of date, the language.

:func:`parse_query` reads a link's query parameters into a :class:`ViewState` and never raises: a
missing value takes its default silently, a malformed one takes its default with a short notice
for the page. :func:`to_query` is its inverse, so that ``parse_query(to_query(s)) == (s, [])``
for every valid state (layers in catalogue order, coordinates to 4 decimals).
"""

from __future__ import annotations

import datetime as dt
import math
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from urllib.parse import urlencode

from zones.core import (
    DATE_MAX,
    DATE_MIN,
    DEFAULT_DATE,
    ZOOM_MAX,
    ZOOM_MIN,
    View,
    format_degrees,
    is_finite_number,
    is_zoom,
    round_degrees,
    wrap_longitude,
)
from zones.data.catalogue import Catalogue
from zones.language import DEFAULT_LANGUAGE, LANGUAGES, require_language

KEYS = ("lat", "lon", "zoom", "layers", "date", "lang")
# Streamlit reserves these for embedding; they may reach the page and are not ours to judge.
RESERVED_KEYS = frozenset({"embed", "embed_options"})
MAX_VALUE_CHARS = 2000
ECHO_CHARS = 40

_DECIMAL = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]{1,3})?")
_WHOLE = re.compile(r"[+-]?[0-9]{1,6}")
_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


@dataclass(frozen=True, kw_only=True)
class ViewState:
    """What a share link restores.

    ``lat``/``lon``: map centre in degrees, rounded to 4 decimals (about 10 m) on creation, the
    longitude wrapped into -180 to 180.
    ``zoom``: Leaflet zoom level, ``ZOOM_MIN`` to ``ZOOM_MAX``. ``layers``: visible layer ids,
    in catalogue order. ``date``: the as-of date, ``DATE_MIN`` to ``DATE_MAX``. ``lang``: one of
    ``zones.i18n.LANGUAGES``. Layers have no default because they come from a catalogue:
    use :func:`default_state`.

    Raises ValueError, naming the allowed values, for a zoom, date, language or coordinate that
    no catalogue could accept.
    """

    layers: tuple[str, ...]
    lat: float = View.lat
    lon: float = View.lon
    zoom: int = View.zoom
    date: dt.date = DEFAULT_DATE
    lang: str = DEFAULT_LANGUAGE

    def __post_init__(self) -> None:
        for name in ("lat", "lon"):
            value = getattr(self, name)
            if not is_finite_number(value):
                raise ValueError(f"{name} must be a finite number of degrees, not {value!r}")
            # A longitude is wrapped into -180 to 180, so no link carries lon=555.8.
            wrapped = wrap_longitude(value) if name == "lon" else value
            object.__setattr__(self, name, round_degrees(wrapped))
        if not is_zoom(self.zoom):
            raise ValueError(f"zoom must be a whole number from {ZOOM_MIN} to {ZOOM_MAX}, not {self.zoom!r}")
        if type(self.date) is not dt.date or not DATE_MIN <= self.date <= DATE_MAX:
            raise ValueError(f"date must be a date from {DATE_MIN} to {DATE_MAX}, not {self.date!r}")
        require_language(self.lang)
        if not isinstance(self.layers, tuple) or not all(isinstance(item, str) for item in self.layers):
            raise ValueError(f"layers must be a tuple of layer ids, not {self.layers!r}")


    @property
    def view(self) -> View:
        """The map view this state holds."""
        return View(lat=self.lat, lon=self.lon, zoom=self.zoom)


def default_state(catalogue: Catalogue) -> ViewState:
    """The view a link without parameters opens: the default view with the default layers."""
    return ViewState(layers=catalogue.default_visible)


def to_query(state: ViewState, catalogue: Catalogue) -> dict[str, str]:
    """The query parameters that restore ``state``: every key, always in the same form.

    Layers are listed in catalogue order (ids the catalogue does not know are left out);
    ``lat``/``lon`` have at most 4 decimals and no trailing zeros.
    """
    return {
        "lat": format_degrees(state.lat),
        "lon": format_degrees(state.lon),
        "zoom": str(state.zoom),
        "layers": ",".join(layer_id for layer_id in catalogue.ids if layer_id in state.layers),
        "date": state.date.isoformat(),
        "lang": state.lang,
    }


def parse_query(
    params: Mapping[str, str | list[str]], catalogue: Catalogue
) -> tuple[ViewState, list[str]]:
    """Read a link's query parameters into a valid state, with a notice for each value ignored.

    ``params`` maps keys to a value or a list of values (a repeated key; the last one is used).
    ``lat``/``lon`` must be degrees within the catalogue region (``lon`` once wrapped into
    -180 to 180), ``zoom`` a whole number from 4
    to 16, ``layers`` comma-separated layer ids (unknown ids are dropped, the others kept),
    ``date`` YYYY-MM-DD from ``DATE_MIN`` to ``DATE_MAX``, ``lang`` one of the languages.
    A missing key takes its default without a notice. Notices are plain text and quote at most
    ``ECHO_CHARS`` characters of the input. Never raises.
    """
    defaults = default_state(catalogue)
    notices: list[str] = []
    values = _values_by_key(params, notices)
    west, south, east, north = catalogue.region.bounds
    fields = {
        "lat": _read_degrees(values, "lat", south, north, defaults.lat, notices),
        "lon": _read_degrees(values, "lon", west, east, defaults.lon, notices),
        "zoom": _read_zoom(values, defaults.zoom, notices),
        "layers": _read_layers(values, catalogue, defaults.layers, notices),
        "date": _read_date(values, defaults.date, notices),
        "lang": _read_lang(values, defaults.lang, notices),
    }
    return ViewState(**fields), notices


# ---------------------------------------------------------------- reading the mapping


def _values_by_key(params: object, notices: list[str]) -> dict[str, str]:
    """The known keys' values as text (last of a repeated key); notices for everything else."""
    try:
        items = list(params.items())  # type: ignore[union-attr]
    except (AttributeError, TypeError):
        notices.append("Ignored the link's parameters: they could not be read.")
        return {}
    values, unknown = {}, []
    for key, raw in items:
        name = _as_text(key)
        if name in RESERVED_KEYS:
            continue
        if name not in KEYS:
            unknown.append(name if name is not None else "?")
            continue
        if isinstance(raw, (list, tuple)):
            if not raw:
                notices.append(f"Ignored {name}: it was given without a value.")
                continue
            if len(raw) > 1:
                notices.append(f"{name} was given {len(raw)} times; using the last one.")
            raw = raw[-1]
        text = _as_text(raw)
        if text is None:
            notices.append(f"Ignored {name}: its value is not text.")
            continue
        if len(text) > MAX_VALUE_CHARS:
            notices.append(f"Ignored {name}={_echo(text)}: the value is too long "
                           f"({len(text):,} characters, at most {MAX_VALUE_CHARS:,}).")
            continue
        values[name] = text
    if unknown:
        noun = "parameter" if len(unknown) == 1 else "parameters"
        notices.append(f"Ignored unknown {noun} {_echo(', '.join(unknown))} "
                       f"(known: {', '.join(KEYS)}).")
    return values


def _as_text(value: object) -> str | None:
    if isinstance(value, str):
        return value
    if isinstance(value, bytes):
        return value.decode("utf-8", errors="replace")
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return repr(value)
    return None


def _echo(text: str) -> str:
    """At most ``ECHO_CHARS`` characters of user input, with control and invisible characters
    replaced, safe to show as plain text."""
    shown = "".join(
        "\ufffd" if unicodedata.category(character)[0] == "C" else character
        for character in text[:ECHO_CHARS]
    )
    return shown + ("…" if len(text) > ECHO_CHARS else "")


# ---------------------------------------------------------------- one reader per key


def _read_degrees(values: dict[str, str], key: str, low: float, high: float, default: float,
                  notices: list[str]) -> float:
    if key not in values:
        return default
    text = values[key].strip()
    number = float(text) if _DECIMAL.fullmatch(text) else math.nan
    if key == "lon" and math.isfinite(number):
        # A map dragged round the world reports 398.3 for 38.3: the same place.
        number = wrap_longitude(number)
    if math.isfinite(number) and low <= number <= high:
        return number
    notices.append(f"Ignored {key}={_echo(values[key])}: not a number of degrees from {low:g} to "
                   f"{high:g}; using {format_degrees(default)}.")
    return default


def _read_zoom(values: dict[str, str], default: int, notices: list[str]) -> int:
    if "zoom" not in values:
        return default
    text = values["zoom"].strip()
    if _WHOLE.fullmatch(text) and ZOOM_MIN <= int(text) <= ZOOM_MAX:
        return int(text)
    notices.append(f"Ignored zoom={_echo(values['zoom'])}: not a whole number from {ZOOM_MIN} to "
                   f"{ZOOM_MAX}; using {default}.")
    return default


def _read_layers(values: dict[str, str], catalogue: Catalogue, default: tuple[str, ...],
                 notices: list[str]) -> tuple[str, ...]:
    if "layers" not in values:
        return default
    requested = [item.strip() for item in values["layers"].split(",")]
    requested = [item for item in requested if item]
    unknown = list(dict.fromkeys(item for item in requested if item not in catalogue.ids))
    if unknown:
        noun = "layer" if len(unknown) == 1 else "layers"
        notices.append(f"Ignored unknown {noun} {_echo(', '.join(unknown))}.")
    return tuple(layer_id for layer_id in catalogue.ids if layer_id in requested)


def _read_date(values: dict[str, str], default: dt.date, notices: list[str]) -> dt.date:
    if "date" not in values:
        return default
    text = values["date"].strip()
    try:
        day = dt.date.fromisoformat(text) if _ISO_DATE.fullmatch(text) else None
    except ValueError:
        day = None
    if day is not None and DATE_MIN <= day <= DATE_MAX:
        return day
    notices.append(f"Ignored date={_echo(values['date'])}: not a date from {DATE_MIN} to {DATE_MAX} "
                   f"(YYYY-MM-DD); using {default}.")
    return default


def _read_lang(values: dict[str, str], default: str, notices: list[str]) -> str:
    if "lang" not in values:
        return default
    text = values["lang"].strip().lower()
    if text in LANGUAGES:
        return text
    notices.append(f"Ignored lang={_echo(values['lang'])}: not one of {', '.join(LANGUAGES)}; "
                   f"using {default}.")
    return default


def query_string(params: Mapping[str, str]) -> str:
    """``params`` as a URL query string (``?lat=…&…``), every value percent-encoded; the commas
    between layer ids stay readable."""
    return "?" + urlencode(params, safe=",")
