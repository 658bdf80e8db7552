// Large point layers on one canvas, for the map carrier (zones-map.js).
//
// Leaflet's own canvas renderer keeps one object per point and, on every zoom, projects and
// draws each with its own path; past some ten thousand points a zoom step takes longer than a
// frame should. Here the points are projected once (at zoom 0) into typed arrays; after each
// move every point's dot, drawn once per style as a small sprite, is stamped into one pixel
// buffer that goes to the canvas in a single call (software rasterising of thousands of arcs is
// what costs). A click or hover finds its point by a scan over the arrays. Popups and tooltips
// show the same pre-escaped HTML as every other layer.

const PADDING = 0.1; // the canvas reaches this share of the view beyond each edge, as Leaflet's
const HIT_SLOP_PX = 3;

let PointCloudClass = null;

function styleKey(style) {
  return JSON.stringify([style.color, style.weight, style.opacity, style.fillColor, style.fillOpacity,
                         style.fill, style.radius]);
}

function define() {
  return L.Layer.extend({
    initialize(collection, options) {
      L.setOptions(this, options);
      const features = collection.features;
      this._features = features;
      this._x = new Float64Array(features.length);
      this._y = new Float64Array(features.length);
      this._group = new Uint16Array(features.length);
      this._styles = [];
      const groups = new Map();
      features.forEach((feature, index) => {
        const [lon, lat] = feature.geometry.coordinates;
        const point = L.CRS.EPSG3857.latLngToPoint(L.latLng(lat, lon), 0);
        this._x[index] = point.x;
        this._y[index] = point.y;
        const style = feature.properties.style || {};
        const key = styleKey(style);
        if (!groups.has(key)) {
          groups.set(key, this._styles.length);
          this._styles.push(style);
        }
        this._group[index] = groups.get(key);
      });
    },

    onAdd(map) {
      this._canvas = L.DomUtil.create("canvas", `zones-points leaflet-zoom-animated ${this.options.className || ""}`);
      this.getPane().appendChild(this._canvas);
      map.on("moveend resize", this._redraw, this);
      if (map._zoomAnimated) map.on("zoomanim", this._animateZoom, this);
      if (this.options.interactive) {
        map.on("click", this._onClick, this);
        map.on("mousemove", this._onHover, this);
      }
      this._redraw();
    },

    onRemove(map) {
      map.off("moveend resize", this._redraw, this);
      map.off("zoomanim", this._animateZoom, this);
      map.off("click", this._onClick, this);
      map.off("mousemove", this._onHover, this);
      if (this._tooltip) map.closeTooltip(this._tooltip);
      this._canvas.remove();
    },

    _redraw() {
      const map = this._map;
      if (!map) return;
      const size = map.getSize();
      const pad = size.multiplyBy(PADDING).round();
      const topLeft = map.containerPointToLayerPoint(pad.multiplyBy(-1)).round();
      const width = size.x + 2 * pad.x, height = size.y + 2 * pad.y;
      const ratio = window.devicePixelRatio || 1;
      const canvas = this._canvas;
      // a canvas or pixel buffer of the same size is reused: a new one costs a clear and garbage
      if (canvas.width !== width * ratio || canvas.height !== height * ratio) {
        canvas.width = width * ratio;
        canvas.height = height * ratio;
        this._image = null;
      }
      canvas.style.width = `${width}px`;
      canvas.style.height = `${height}px`;
      L.DomUtil.setPosition(canvas, topLeft);
      this._center = map.getCenter();
      this._zoom = map.getZoom();
      const scale = map.options.crs.scale(this._zoom) / map.options.crs.scale(0);
      const origin = map.getPixelOrigin();
      // canvas pixel = projected point at this zoom - pixel origin - the canvas's layer position
      this._dx = -origin.x - topLeft.x;
      this._dy = -origin.y - topLeft.y;
      this._scale = scale;
      const context = canvas.getContext("2d");
      if (this._spriteRatio !== ratio) {
        this._sprites = this._styles.map((style) => this._sprite(style, ratio));
        this._spriteRatio = ratio;
      }
      if (!this._image) this._image = context.createImageData(canvas.width, canvas.height);
      else this._image.data.fill(0);
      const image = this._image;
      this._sprites.forEach((sprite, group) =>
        this._stampGroup(image.data, canvas.width, canvas.height, sprite, group, ratio));
      context.putImageData(image, 0, 0);
    },

    // The style's dot as pixels: offsets from the centre and RGBA values, non-transparent only.
    _sprite(style, ratio) {
      const radius = (style.radius || 4) * ratio;
      const weight = (style.weight ?? 1) * ratio;
      const half = Math.ceil(radius + weight) + 1;
      const canvas = document.createElement("canvas");
      canvas.width = canvas.height = 2 * half;
      const context = canvas.getContext("2d");
      context.beginPath();
      context.arc(half, half, radius, 0, 2 * Math.PI);
      if (style.fill !== false) {
        context.globalAlpha = style.fillOpacity ?? 0.2;
        context.fillStyle = style.fillColor || style.color || "#3388ff";
        context.fill();
      }
      if (weight > 0 && style.stroke !== false) {
        context.globalAlpha = style.opacity ?? 1;
        context.lineWidth = weight;
        context.strokeStyle = style.color || "#3388ff";
        context.stroke();
      }
      const pixels = context.getImageData(0, 0, 2 * half, 2 * half).data;
      const dx = [], dy = [], rgba = [];
      for (let y = 0; y < 2 * half; y++) {
        for (let x = 0; x < 2 * half; x++) {
          const at = 4 * (y * 2 * half + x);
          if (pixels[at + 3] === 0) continue;
          dx.push(x - half);
          dy.push(y - half);
          rgba.push(pixels[at], pixels[at + 1], pixels[at + 2], pixels[at + 3]);
        }
      }
      return {dx: Int16Array.from(dx), dy: Int16Array.from(dy), rgba: Uint8Array.from(rgba), reach: half};
    },

    // Stamps every point of a style group into the buffer, blending over what is already there.
    _stampGroup(buffer, width, height, sprite, group, ratio) {
      const xs = this._x, ys = this._y, groups = this._group;
      const scale = this._scale * ratio, dx = this._dx * ratio, dy = this._dy * ratio;
      const {dx: offX, dy: offY, rgba, reach} = sprite;
      for (let index = 0; index < xs.length; index++) {
        if (groups[index] !== group) continue;
        const cx = Math.round(xs[index] * scale + dx), cy = Math.round(ys[index] * scale + dy);
        if (cx < -reach || cy < -reach || cx >= width + reach || cy >= height + reach) continue;
        for (let k = 0; k < offX.length; k++) {
          const x = cx + offX[k], y = cy + offY[k];
          if (x < 0 || y < 0 || x >= width || y >= height) continue;
          const at = 4 * (y * width + x), c = 4 * k;
          const alpha = rgba[c + 3];
          const under = buffer[at + 3];
          if (alpha === 255 || under === 0) {
            buffer[at] = rgba[c]; buffer[at + 1] = rgba[c + 1]; buffer[at + 2] = rgba[c + 2]; buffer[at + 3] = alpha;
          } else {
            const keep = under * (255 - alpha) / 255, total = alpha + keep;
            buffer[at] = (rgba[c] * alpha + buffer[at] * keep) / total;
            buffer[at + 1] = (rgba[c + 1] * alpha + buffer[at + 1] * keep) / total;
            buffer[at + 2] = (rgba[c + 2] * alpha + buffer[at + 2] * keep) / total;
            buffer[at + 3] = total;
          }
        }
      }
    },

    // The same transform Leaflet's renderers apply while a zoom animates.
    _animateZoom(event) {
      const map = this._map;
      const scale = map.getZoomScale(event.zoom, this._zoom);
      const viewHalf = map.getSize().multiplyBy(0.5 + PADDING);
      const offset = viewHalf.multiplyBy(-scale).add(map.project(this._center, event.zoom))
        .subtract(map._getNewPixelOrigin(event.center, event.zoom));
      L.DomUtil.setTransform(this._canvas, offset, scale);
    },

    // The index of the point under a container point, or -1.
    _hit(containerPoint) {
      const map = this._map;
      const layerPoint = map.containerPointToLayerPoint(containerPoint);
      const origin = map.getPixelOrigin();
      const scale = map.options.crs.scale(map.getZoom()) / map.options.crs.scale(0);
      const px = layerPoint.x + origin.x, py = layerPoint.y + origin.y;
      let best = -1, bestDistance = Infinity;
      for (let index = 0; index < this._x.length; index++) {
        const reach = (this._styles[this._group[index]].radius || 4) + HIT_SLOP_PX;
        const ddx = this._x[index] * scale - px, ddy = this._y[index] * scale - py;
        const distance = ddx * ddx + ddy * ddy;
        if (distance <= reach * reach && distance < bestDistance) {
          best = index;
          bestDistance = distance;
        }
      }
      return best;
    },

    _latLngOf(index) {
      return L.CRS.EPSG3857.pointToLatLng(L.point(this._x[index], this._y[index]), 0);
    },

    _onClick(event) {
      const index = this._hit(event.containerPoint);
      const popup = index >= 0 && this._features[index].properties.popup;
      if (popup) L.popup(this.options.popup).setLatLng(this._latLngOf(index)).setContent(popup).openOn(this._map);
    },

    _onHover(event) {
      if (this._hovering) return;
      this._hovering = true;
      requestAnimationFrame(() => {
        this._hovering = false;
        if (!this._map) return;
        const index = this._hit(event.containerPoint);
        const text = index >= 0 && this._features[index].properties.tooltip;
        this._map.getContainer().style.cursor = text ? "pointer" : "";
        if (!text) {
          if (this._tooltip) this._map.closeTooltip(this._tooltip);
          return;
        }
        if (!this._tooltip) this._tooltip = L.tooltip({direction: "top", offset: [0, -6]});
        this._tooltip.setLatLng(this._latLngOf(index)).setContent(text);
        this._map.openTooltip(this._tooltip);
      });
    },
  });
}

// A layer drawing every point of ``collection`` (a GeoJSON FeatureCollection of Points) on one
// canvas; ``options``: pane, attribution, interactive.
export function pointCloud(collection, options) {
  if (!PointCloudClass) PointCloudClass = define();
  return new PointCloudClass(collection, options);
}

export function onlyPoints(collection) {
  return collection.features.length > 0 &&
    collection.features.every((feature) => feature.geometry && feature.geometry.type === "Point");
}
