"""Reading the data folder: the layer catalogue, layer files and their checks, the gazetteer
file, and the build steps that make geodata/ from the shared open data."""
