"""The map: what the browser receives and the component that carries it into the page."""
