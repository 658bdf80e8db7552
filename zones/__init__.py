"""Syria 2017 zones: load, check and map the 2017 de-escalation zones and what surrounds them.

The public API is what this module imports; everything else is private to its module.
"""

from zones.catalogue import Catalogue, CatalogueError, LayerSpec, data_dir, load_catalogue
from zones.loading import LayerData, LayerError, LoadResult, load_layer, load_layers
from zones.map_builder import View, base_map, feature_collection, layer_group

__all__ = [
    "Catalogue",
    "CatalogueError",
    "LayerData",
    "LayerError",
    "LayerSpec",
    "LoadResult",
    "View",
    "base_map",
    "data_dir",
    "feature_collection",
    "layer_group",
    "load_catalogue",
    "load_layer",
    "load_layers",
]
