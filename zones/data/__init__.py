"""Reading, checking and building the data files in ``geodata/``."""
