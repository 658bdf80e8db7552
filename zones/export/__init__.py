"""Snapshots of the map as files: the snapshot model and its checks, the four formats, the
figure furniture and the headless Chromium that draws PNG and PDF."""
