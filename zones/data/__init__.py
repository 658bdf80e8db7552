"""Reading, checking and preparing the map's data files."""
