// Town names at zone scale, drawn by the browser: larger towns first, villages from about zoom 10,
// never piled on each other. Each label is [lat, lon, name, minZoom], most important first
// (zones/map/place_labels.py); names arrive escaped as HTML (zones/map/carrier_data.py), like
// every other text from the data, and are inserted as they are.

const CHAR_PX = 6.4; // a 11px system font, on average
const HEIGHT_PX = 14;
const GAP_PX = 3;
const MAX_LABELS = 400; // per view: beyond this the map is unreadable anyway

export function placeLabels(labels, {pane}) {
  const layer = L.layerGroup([], {pane});
  let container = null;
  let map = null;

  function draw() {
    if (!map || !container) return;
    container.replaceChildren();
    const zoom = map.getZoom();
    const bounds = map.getBounds().pad(0.05);
    const size = map.getSize();
    const placed = [];
    for (const [lat, lon, name, minZoom] of labels) {
      if (minZoom > zoom || !bounds.contains([lat, lon])) continue;
      const point = map.latLngToContainerPoint([lat, lon]);
      const width = name.replace(/&[#\w]+;/g, "x").length * CHAR_PX + 4;
      const box = [point.x + 5, point.y - HEIGHT_PX / 2, point.x + 5 + width, point.y + HEIGHT_PX / 2];
      if (box[2] < 0 || box[0] > size.x || box[3] < 0 || box[1] > size.y) continue;
      if (placed.some((other) => box[0] < other[2] + GAP_PX && other[0] < box[2] + GAP_PX
          && box[1] < other[3] + GAP_PX && other[1] < box[3] + GAP_PX)) continue;
      placed.push(box);
      const element = document.createElement("div");
      element.className = "zones-place-label";
      element.dir = "auto";
      element.innerHTML = name; // escaped in Python
      const at = map.containerPointToLayerPoint([box[0], box[1]]);
      L.DomUtil.setPosition(element, at);
      container.appendChild(element);
      if (placed.length >= MAX_LABELS) break;
    }
    container.dataset.count = String(placed.length);
  }

  layer.onAdd = function (target) {
    map = target;
    container = L.DomUtil.create("div", "zones-place-labels", map.getPane(pane) || map.getPanes().overlayPane);
    map.on("moveend zoomend viewreset", draw);
    draw();
    return layer;
  };
  layer.onRemove = function (target) {
    target.off("moveend zoomend viewreset", draw);
    if (container) container.remove();
    container = null;
    map = null;
    return layer;
  };
  return layer;
}
