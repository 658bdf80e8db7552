// The map carrier's browser side, run by the Streamlit component "zones_map" (no iframe).
//
// One Leaflet map per mounted component, kept alive across reruns so that the view never jumps.
// Python sends the folium base map as two scripts (the map itself, then the extras that can wait),
// each layer's GeoJSON text once under its version, and on every run the ids to show. Hiding or
// showing a layer from the legend happens here at once; the new visibility, the view and the
// versions held go back to Python as component state. Text inside the data was escaped in
// Python (popups, tooltips, legend, attributions); nothing here builds markup from data.

// The point layer comes with this module's own version, so that both change together (the
// component's loader has already asked for it, in parallel with this module).
const {onlyPoints, pointCloud} = await import(`./zones-points.js${new URL(import.meta.url).search}`);
const {placeLabels} = await import(`./zones-labels.js${new URL(import.meta.url).search}`);

const scriptLoads = new Map(); // url -> Promise, shared by every map on the page
const styleLoads = new Map();
const carriers = new WeakMap(); // component host element -> Carrier
const LOCAL_GRACE_MS = 3000; // how long a click here outranks the visibility of older runs
const VIEW_REPORT_DELAY_MS = 300;

function loadStyle(url) {
  if (!styleLoads.has(url)) {
    styleLoads.set(url, new Promise((resolve) => {
      const link = document.createElement("link");
      link.rel = "stylesheet";
      link.href = url;
      link.onload = link.onerror = () => resolve();
      document.head.appendChild(link);
    }));
  }
  return styleLoads.get(url);
}

// Scripts inserted with async=false download in parallel and still run in insertion order,
// so Leaflet runs before the plugins that extend it.
function loadScript(url) {
  if (!scriptLoads.has(url)) {
    scriptLoads.set(url, new Promise((resolve, reject) => {
      const script = document.createElement("script");
      script.src = url;
      script.async = false;
      script.onload = () => resolve();
      script.onerror = () => reject(new Error(`cannot load ${url}`));
      document.head.appendChild(script);
    }));
  }
  return scriptLoads.get(url);
}

function nextPaint() {
  return new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
}

const round4 = (value) => Math.round(value * 1e4) / 1e4;

// One layer as Leaflet draws it, in its own pane (stacked in catalogue order): the same
// options as zones.map_builder.LayerGeoJson; a large layer of points only is one canvas
// (zones-points.js), other large layers use Leaflet's canvas renderer.
export function layerFor(map, entry, collection) {
  const pane = `zones-${entry.id}`;
  if (!map.getPane(pane)) map.createPane(pane);
  if (entry.canvas && onlyPoints(collection)) {
    return pointCloud(collection, {pane, attribution: entry.attribution, interactive: entry.interactive,
                                   className: `zones-layer-${entry.id}`, popup: entry.popup});
  }
  const renderer = entry.canvas ? L.canvas({pane}) : undefined;
  const options = {
    pane,
    attribution: entry.attribution,
    interactive: entry.interactive,
    layerId: entry.id,
    style: (feature) => feature.properties.style,
    pointToLayer: (feature, latlng) => L.circleMarker(latlng,
      {...feature.properties.style, pane, renderer, interactive: entry.interactive}),
    onEachFeature: (feature, layer) => {
      const p = feature.properties;
      if (p.label) layer.bindTooltip(p.label, {permanent: true, direction: "right", className: "zones-label"});
      if (p.tooltip) layer.bindTooltip(p.tooltip, {sticky: true});
      if (p.popup) layer.bindPopup(p.popup, entry.popup);
    },
  };
  if (renderer) options.renderer = renderer;
  return L.geoJson(collection, options);
}

class Carrier {
  constructor(host) {
    this.host = host;
    this.element = document.createElement("div");
    this.element.className = "zones-map";
    host.appendChild(this.element);
    this.data = new Map(); // version -> parsed FeatureCollection
    this.layers = new Map(); // id -> {version, layer}
    this.entries = [];
    this.shown = new Set();
    this.map = null;
    this.baseVersion = null;
    this.targetToken = null;
    this.reportedView = null;
    this.reportedHave = null;
    this.localChoice = null; // {ids: [...], until: ms} after a click on a legend or sidebar switch
    this.queue = Promise.resolve();
    this.fetching = new Map(); // version -> Promise of a layer fetched from its file
    this.failed = new Set(); // ids of layers the browser could not draw
  }

  update(component) {
    this.api = component;
    const data = component.data;
    this.queue = this.queue.then(() => this.apply(data)).catch((error) => {
      console.error(error);
      this.reportHave(); // the page waits for this report to draw the rest of itself
    });
    return this.queue;
  }

  async apply(data) {
    for (const [version, text] of Object.entries(data.data || {})) {
      if (!this.data.has(version)) this.data.set(version, JSON.parse(text));
    }
    const fetches = Object.entries(data.files || {}).map(([version, url]) => this.fetchLayer(version, url));
    // The base map comes whole only when this page lacks its version; otherwise its version alone.
    if (data.base.core !== undefined) this.base = data.base;
    const base = this.base && this.base.version === data.base.version ? this.base : null;
    if (!base) {
      this.reportHave();
      return;
    }
    await Promise.all([...base.css.map(loadStyle), ...base.js.map(loadScript)]);
    // Each entry joins what changes by run (version, canvas) to what travels once (data.info).
    this.infoVersion = data.info;
    const info = this.data.get(data.info) || {};
    this.entries = data.layers.map((entry) => ({...info[entry.id], ...entry}));
    this.labelsEntry = data.labels || null;
    this.phases = data.phases || {};
    this.watchSwitches(data.switch_prefix);
    if (this.baseVersion !== base.version) this.build(base, data);
    this.syncLayers(data.visible);
    this.moveTo(data.target);
    if (fetches.length) {
      // the layers at hand are drawn first; the fetched ones join as they arrive
      await Promise.allSettled(fetches);
      this.syncLayers(data.visible);
    }
    this.forgetUnused();
    await nextPaint();
    this.element.dataset.drawn = [...this.shown].filter((id) => this.layers.has(id)).sort().join(" ");
    // reported once the picture is on screen: the report reruns the page, which then draws the
    // rest of itself and sends the hidden layers
    this.reportHave();
    if (this.extrasFor !== this.map) this.addExtras(base, this.map);
  }

  build(base, data) {
    let kept = null;
    if (this.map) {
      kept = {center: this.map.getCenter(), zoom: this.map.getZoom()};
      this.map.remove();
      this.layers.clear();
      this.shown.clear();
    }
    this.element.replaceChildren();
    const container = document.createElement("div");
    container.id = base.map_name;
    container.className = "zones-map-canvas";
    container.style.height = `${data.height}px`;
    this.element.appendChild(container);
    // folium's script declares the map as a var of this name; the function returns it.
    const map = new Function(`${base.core}\nreturn ${base.map_name};`)();
    this.map = map;
    this.baseVersion = base.version;
    // Leaflet focuses the map on mousedown and restores only the window's scroll; Streamlit's
    // page scrolls inside its own element, so a map partly below the fold jumped up under the
    // pointer between mousedown and mouseup, and the click was lost (or landed off the feature).
    if (map.keyboard) {
      const keyboard = map.keyboard;
      L.DomEvent.off(map.getContainer(), "mousedown", keyboard._onMouseDown, keyboard);
      keyboard._onMouseDown = function () {
        if (!this._focused) this._map.getContainer().focus({preventScroll: true});
      };
      L.DomEvent.on(map.getContainer(), "mousedown", keyboard._onMouseDown, keyboard);
    }
    window.zonesMap = map;
    data.layers.forEach((entry, index) => {
      const pane = map.createPane(`zones-${entry.id}`);
      pane.style.zIndex = String(400 + Math.min(index, 99));
    });
    // The page around the map changes as Streamlit fills it in (the sidebar arrives with the run
    // after the first picture): Leaflet must learn of every change of its container's size, or
    // clicks land where the drawing is not.
    if (this.resizeWatch) this.resizeWatch.disconnect();
    this.resizeWatch = new ResizeObserver(() => map.invalidateSize({animate: false}));
    this.resizeWatch.observe(container);
    if (kept) map.setView(kept.center, kept.zoom, {animate: false});
    else this.moveTo(data.target, true);
    this.legend = this.addLegend(map, base.legend);
    // Online tiles step in under the data: the basemap's fills step aside (outlines and names
    // stay); if the tiles fail, the map says so and the fills come back.
    this.tiles = [];
    this.tilesFailed = false;
    map.eachLayer((layer) => { if (layer instanceof L.TileLayer) this.tiles.push(layer); });
    this.tiles.forEach((tiles) => tiles.on("tileerror", () => this.onTilesFailed(data.tiles_failed)));
    // Reported once the user pauses: a rerun during a burst of zooms would compete for the frame.
    map.on("moveend resize", () => {
      clearTimeout(this.viewTimer);
      this.viewTimer = setTimeout(() => this.reportView(), VIEW_REPORT_DELAY_MS);
    });
    // "preclick" reaches the map for every click, also on a feature, whose popup stops "click"
    // from going further: the answer under the map follows every click.
    map.on("preclick", (event) => this.api.setTriggerValue("clicked",
      {lat: round4(event.latlng.lat), lng: round4(event.latlng.lng)}));
  }

  addLegend(map, html) {
    const control = L.control({position: "bottomright"});
    control.onAdd = () => {
      const box = L.DomUtil.create("div", "zones-legend-control");
      box.innerHTML = html; // built and escaped in Python (zones.legend.legend_html)
      L.DomEvent.disableClickPropagation(box);
      L.DomEvent.disableScrollPropagation(box);
      // The heading folds the legend away; on a phone-sized map it starts folded.
      const legend = box.querySelector(".zones-legend");
      const heading = legend && legend.querySelector("h4");
      if (heading) {
        const fold = document.createElement("button");
        fold.type = "button";
        fold.className = "zones-legend-fold";
        fold.append(...heading.childNodes);
        heading.replaceChildren(fold);
        const folded = map.getSize().x < 600;
        legend.classList.toggle("zones-legend-collapsed", folded);
        fold.setAttribute("aria-expanded", String(!folded));
        fold.addEventListener("click", () => {
          const collapsed = legend.classList.toggle("zones-legend-collapsed");
          fold.setAttribute("aria-expanded", String(!collapsed));
        });
      }
      // Layers with nothing in view leave the legend; one button brings them back.
      const away = box.querySelector(".zones-legend-away");
      if (away) {
        away.dataset.template = away.textContent;
        away.setAttribute("aria-expanded", "false");
        away.addEventListener("click", () => {
          const all = legend.classList.toggle("zones-legend-all");
          away.setAttribute("aria-expanded", String(all));
        });
        map.on("moveend", () => this.markAway());
      }
      box.querySelectorAll(".zones-legend-layer[data-layer]").forEach((block) => {
        const id = block.getAttribute("data-layer");
        const row = block.querySelector(".zones-legend-row");
        const label = document.createElement("label");
        label.className = row.className;
        const input = document.createElement("input");
        input.type = "checkbox";
        input.className = "zones-legend-toggle";
        input.dataset.layerToggle = id;
        input.addEventListener("change", () => this.toggle(id, input.checked));
        label.append(input, ...row.childNodes);
        row.replaceWith(label);
      });
      return box;
    };
    control.addTo(map);
    return control;
  }

  // A legend block is "away" when its layer's extent misses the view; the count goes on the
  // button that shows them.
  markAway() {
    if (!this.legend || !this.map) return;
    const box = this.legend.getContainer();
    const button = box.querySelector(".zones-legend-away");
    if (!button) return;
    const view = this.map.getBounds();
    const extents = new Map(this.entries.map((entry) => [entry.id, entry.bounds]));
    let count = 0;
    box.querySelectorAll(".zones-legend-layer[data-layer]").forEach((block) => {
      const extent = extents.get(block.getAttribute("data-layer"));
      const isAway = !block.hidden && Array.isArray(extent)
        && !view.intersects(L.latLngBounds([extent[0], extent[1]], [extent[2], extent[3]]));
      block.classList.toggle("zones-legend-outside", isAway);
      if (isAway) count += 1;
    });
    button.hidden = count === 0;
    button.textContent = button.dataset.template.replace("{count}", String(count));
  }

  makeLayer(entry, collection) {
    const layer = layerFor(this.map, entry, collection);
    if (entry.basemap && this.tiles.length && !this.tilesFailed && layer.setStyle) layer.setStyle({fillOpacity: 0});
    return layer;
  }

  onTilesFailed(message) {
    if (this.tilesFailed) return;
    this.tilesFailed = true;
    for (const entry of this.entries) {
      const held = this.layers.get(entry.id);
      if (entry.basemap && held && held.layer.setStyle) held.layer.setStyle((feature) => feature.properties.style);
    }
    const notice = L.control({position: "topright"});
    notice.onAdd = () => {
      const box = L.DomUtil.create("div", "zones-map-notice");
      box.innerHTML = message || ""; // escaped in Python
      return box;
    };
    notice.addTo(this.map);
  }

  // A switch clicked here outranks the visibility of runs that started before the click.
  wanted(visible) {
    const choice = this.localChoice;
    if (choice && Date.now() < choice.until && !sameIds(choice.ids, visible)) return choice.ids;
    this.localChoice = null;
    return visible;
  }

  // The sidebar's layer checkboxes act on the map at once too: Streamlit gives each keyed widget
  // the class "st-key-<key>", so a change of a checkbox inside "<prefix><layer id>" is a toggle.
  // Python learns of it through the checkbox itself.
  watchSwitches(prefix) {
    this.switchPrefix = prefix;
    if (this.onSwitch || !prefix) return;
    this.onSwitch = (event) => {
      const input = event.target;
      if (!(input instanceof HTMLInputElement) || input.type !== "checkbox") return;
      const holder = input.closest(`[class*="${this.switchPrefix}"]`);
      const name = holder && [...holder.classList].find((item) => item.startsWith(this.switchPrefix));
      const id = name && name.slice(this.switchPrefix.length);
      if (id && this.map && this.entries.some((entry) => entry.id === id)) this.toggle(id, input.checked, false);
    };
    document.addEventListener("change", this.onSwitch, true);
  }

  syncLayers(visible) {
    const wanted = new Set(this.wanted(visible));
    for (const entry of this.entries) {
      let held = this.layers.get(entry.id);
      if (held && held.version !== entry.version) {
        this.map.removeLayer(held.layer);
        this.layers.delete(entry.id);
        held = null;
      }
      if (!held && wanted.has(entry.id) && this.data.has(entry.version) && !this.failed.has(entry.id)) {
        try {
          held = {version: entry.version, layer: this.makeLayer(entry, this.data.get(entry.version))};
          this.layers.set(entry.id, held);
        } catch (error) {
          this.drawFailed(entry.id, error);
        }
      }
    }
    this.show(wanted);
  }

  // A layer the browser cannot draw (a geometry that overflows Leaflet, say) is left out, and
  // the page is told which, so that it can say so; every other layer still draws.
  drawFailed(id, error) {
    console.error(`layer ${id} could not be drawn`, error);
    this.failed.add(id);
    const held = this.layers.get(id);
    if (held) {
      try { this.map.removeLayer(held.layer); } catch (ignored) { /* already half gone */ }
      this.layers.delete(id);
    }
    this.api.setStateValue("failed", [...this.failed].sort());
  }

  // Town names (zones-labels.js) show and hide with the layer they go with (the cities).
  syncLabels() {
    const entry = this.labelsEntry;
    if (this.labels && (!entry || this.labels.version !== entry.version)) {
      this.map.removeLayer(this.labels.layer);
      this.labels = null;
    }
    if (!entry) return;
    if (!this.labels && this.data.has(entry.version)) {
      if (!this.map.getPane("zones-labels")) this.map.createPane("zones-labels").style.zIndex = "560";
      this.labels = {version: entry.version, layer: placeLabels(this.data.get(entry.version), {pane: "zones-labels"})};
    }
    if (!this.labels) return;
    const on = this.shown.has(entry.with);
    if (on && !this.map.hasLayer(this.labels.layer)) this.map.addLayer(this.labels.layer);
    if (!on && this.map.hasLayer(this.labels.layer)) this.map.removeLayer(this.labels.layer);
  }

  show(wanted) {
    this.shown = wanted;
    for (const [id, held] of this.layers) {
      const on = wanted.has(id);
      try {
        if (on && !this.map.hasLayer(held.layer)) this.map.addLayer(held.layer);
        if (!on && this.map.hasLayer(held.layer)) this.map.removeLayer(held.layer);
      } catch (error) {
        this.drawFailed(id, error);
      }
    }
    const phases = this.phases || {};
    const known = new Set(this.entries.map((entry) => entry.id));
    this.legend.getContainer().querySelectorAll(".zones-legend-layer[data-layer]").forEach((block) => {
      const id = block.getAttribute("data-layer");
      block.hidden = !known.has(id);
      block.classList.toggle("zones-legend-off", !wanted.has(id));
      block.querySelector("input.zones-legend-toggle").checked = wanted.has(id);
      let phase = block.querySelector(".zones-legend-phase");
      if (phases[id] && !phase) {
        phase = document.createElement("div");
        phase.className = "zones-legend-phase";
        block.querySelector(".zones-legend-row").after(phase);
      }
      if (phase) phase.innerHTML = phases[id] || ""; // escaped in Python
    });
    this.markAway();
    this.syncLabels();
  }

  toggle(id, on, report = true) {
    const next = new Set(this.shown);
    if (on) next.add(id); else next.delete(id);
    const ids = this.entries.map((entry) => entry.id).filter((layerId) => next.has(layerId));
    const entry = this.entries.find((item) => item.id === id);
    if (on && entry && !this.layers.has(id) && this.data.has(entry.version)) {
      this.layers.set(id, {version: entry.version, layer: this.makeLayer(entry, this.data.get(entry.version))});
    }
    this.show(new Set(ids));
    this.localChoice = {ids, until: Date.now() + LOCAL_GRACE_MS};
    if (report) this.api.setStateValue("visible", ids);
  }

  moveTo(target, force = false) {
    const token = JSON.stringify(target);
    if (!force && token === this.targetToken) return;
    this.targetToken = token;
    this.map.setView([target.lat, target.lon], target.zoom, {animate: false});
  }

  reportView() {
    const centre = this.map.getCenter();
    const size = this.map.getSize(); // the page's figures default to the ground on screen
    const view = {lat: round4(centre.lat), lon: round4(centre.lng), zoom: this.map.getZoom(),
                  width: size.x, height: size.y};
    const token = JSON.stringify(view);
    if (token === this.reportedView) return;
    this.reportedView = token;
    this.api.setStateValue("view", view);
  }

  // Data of versions no layer uses any more (another date or language) is dropped.
  forgetUnused() {
    const used = new Set(this.entries.map((entry) => entry.version));
    if (this.labelsEntry) used.add(this.labelsEntry.version);
    if (this.infoVersion) used.add(this.infoVersion);
    for (const version of this.data.keys()) if (!used.has(version)) this.data.delete(version);
  }

  reportHave() {
    const have = [...this.data.keys(), ...(this.base ? [this.base.version] : [])].sort();
    const token = have.join(",");
    if (token === this.reportedHave) return;
    this.reportedHave = token;
    this.api.setStateValue("have", have);
  }

  fetchLayer(version, url) {
    if (this.data.has(version)) return Promise.resolve();
    if (!this.fetching.has(version)) {
      this.fetching.set(version, fetch(url)
        .then((response) => {
          if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
          return response.json();
        })
        .then((collection) => { this.data.set(version, collection); })
        .finally(() => this.fetching.delete(version)));
    }
    return this.fetching.get(version);
  }

  async addExtras(base, map) {
    this.extrasFor = map;
    await Promise.all([...base.extras_css.map(loadStyle), ...base.extras_js.map(loadScript)]);
    if (this.map !== map) return;
    new Function(base.map_name, base.extras)(map);
    this.element.dataset.extras = "ready";
  }

  destroy() {
    clearTimeout(this.viewTimer);
    if (this.resizeWatch) this.resizeWatch.disconnect();
    if (this.onSwitch) document.removeEventListener("change", this.onSwitch, true);
    if (this.map) this.map.remove();
    if (window.zonesMap === this.map) delete window.zonesMap;
    this.element.remove();
  }
}

function sameIds(first, second) {
  return first.length === second.length && first.every((id, index) => id === second[index]);
}

export default function zonesMap(component) {
  const host = component.parentElement;
  let carrier = carriers.get(host);
  if (!carrier) {
    carrier = new Carrier(host);
    carriers.set(host, carrier);
  }
  carrier.update(component);
  return () => {
    carriers.delete(host);
    carrier.destroy();
  };
}
