"""The page's data set: the catalogue, its loaded layers and the gazetteer, read once per data
version and shared by every session, with the tables derived from them."""

from __future__ import annotations

import datetime as dt
import gc
from dataclasses import dataclass

import streamlit as st

from zones.analysis.control import with_marks_inside
from zones.analysis.measure import measurements_table
from zones.analysis.timeline import events_until
from zones.data.catalogue import (
    CATALOGUE_FILE,
    DATA_DIR_VARIABLE,
    Catalogue,
    CatalogueError,
    data_dir,
    data_signature,
    load_catalogue,
)
from zones.data.gazetteer_file import Place, load_places
from zones.data.layers import LoadResult, load_layers
from zones.page.text import literal, problems_markdown


@dataclass(frozen=True)
class Dataset:
    """Everything the page draws from. ``version`` changes whenever a data file does."""

    catalogue: Catalogue
    result: LoadResult
    places: tuple[Place, ...]
    places_problem: str | None  # why places.csv could not be read (the page words the notice)
    version: tuple


def load_dataset() -> Dataset:
    """The data set of :func:`zones.data.catalogue.data_dir`, read again only after a file in it
    changed (its names, sizes and modification times are the cache key).

    When the catalogue is missing or breaks its schema, the page shows each problem and what to
    do, and stops there (no traceback, no file paths beyond the catalogue's own).
    """
    directory = data_dir()
    try:
        return _loaded(str(directory), data_signature(directory))
    except CatalogueError as error:
        st.error(f"**The map cannot be drawn: the layer catalogue {literal(CATALOGUE_FILE)} in "
                 f"{literal(directory)} needs fixing.** Fix it (or set {literal(DATA_DIR_VARIABLE)} "
                 "to a data folder that has one), then reload the page; `python -m zones check` "
                 "lists the same problems.\n\n" + problems_markdown(list(error.problems)), icon="⚠️")
        st.stop()


# Loaded layers are read-only and shared by every session (never copied per user).
@st.cache_resource(show_spinner="Loading the map layers…")
def _loaded(directory: str, version: tuple) -> Dataset:
    catalogue = load_catalogue(directory)
    try:
        places, places_problem = load_places(catalogue.directory), None
    except (OSError, ValueError) as error:
        places, places_problem = (), str(error)
    dataset = Dataset(catalogue=catalogue, result=with_marks_inside(load_layers(catalogue)), places=places,
                      places_problem=places_problem, version=version)
    # The loaded data is hundreds of thousands of long-lived objects; Python's full garbage
    # collections would walk them all again and again (75 ms a run when Streamlit collected after
    # every run, see .streamlit/config.toml). Collected once here, then left out of later passes.
    gc.collect()
    gc.freeze()
    return dataset


def measurements(dataset: Dataset, lang: str) -> list[dict]:
    """The zones' areas and the lines' lengths, named in ``lang`` (cached per data version)."""
    return _measurements(dataset, dataset.version, lang)


def events(dataset: Dataset, day: dt.date) -> list[dict]:
    """The dated events up to ``day`` (cached per data version)."""
    return _events(dataset, dataset.version, day)


# The leading underscore tells Streamlit not to hash the (already versioned) data set.
@st.cache_data(show_spinner=False)
def _measurements(_dataset: Dataset, version: tuple, lang: str) -> list[dict]:
    return measurements_table(_dataset.result, lang)


@st.cache_data(show_spinner=False)
def _events(_dataset: Dataset, version: tuple, day: dt.date) -> list[dict]:
    return events_until(_dataset.result, day)
