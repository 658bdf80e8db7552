"""Syria 2017 zones: load, check and map the 2017 de-escalation zones and what surrounds them.

The public API is what this module imports; everything else is private to its module.
"""

from zones.browser_data import feature_collection
from zones.catalogue import Catalogue, CatalogueError, LayerSpec, data_dir, load_catalogue
from zones.export import ExportError, Snapshot, export_snapshot
from zones.gazetteer import search_places
from zones.loading import LayerData, LayerError, LoadResult, load_layer, load_layers
from zones.map_builder import View, base_map, layer_group
from zones.places import describe_point, zone_at
from zones.view_state import ViewState, parse_query, to_query

__all__ = [
    "Catalogue",
    "CatalogueError",
    "ExportError",
    "LayerData",
    "LayerError",
    "LayerSpec",
    "LoadResult",
    "Snapshot",
    "View",
    "ViewState",
    "base_map",
    "data_dir",
    "describe_point",
    "export_snapshot",
    "feature_collection",
    "layer_group",
    "load_catalogue",
    "load_layer",
    "load_layers",
    "parse_query",
    "search_places",
    "to_query",
    "zone_at",
]
