/* eventwire map: country outlines (world-atlas, offline) and event markers on one canvas.
   Markers are sized by fatalities and coloured by PLOVER type; where they crowd, a grid in screen space
   groups them into clusters (click one to zoom in). Pan by dragging, zoom with the wheel or the buttons. */
"use strict";

const TYPE_COLOURS = {
  AGREE: "#4e79a7", CONSULT: "#76b7b2", SUPPORT: "#59a14f", CONCEDE: "#8cd17d", COOPERATE: "#499894",
  AID: "#86bcb6", RETREAT: "#b6992d", REQUEST: "#f1ce63", ACCUSE: "#ff9d9a", REJECT: "#d37295",
  THREATEN: "#fabfd2", PROTEST: "#b07aa1", SANCTION: "#9d7660", MOBILIZE: "#d7b5a6", COERCE: "#f28e2b",
  ASSAULT: "#e15759",
};
const CLUSTER_CELL = 44;      // px: markers closer than this may be grouped
const CLUSTER_MIN = 4;        // a cell with at least this many markers is drawn as one cluster

function markerRadius(fatalities) {
  return Math.min(22, 4 + 2 * Math.sqrt(fatalities || 0));
}

class EventMap {
  constructor(canvas, world, onSelect) {
    this.canvas = canvas;
    this.ctx = canvas.getContext("2d");
    this.onSelect = onSelect;
    this.countries = topojson.feature(world, world.objects.countries);
    this.borders = topojson.mesh(world, world.objects.countries, (a, b) => a !== b);
    this.events = [];
    this.drawn = [];           // what the last frame drew: {x, y, r, event} or {x, y, r, cluster: [...]}
    this.selectedId = null;
    this.view = { k: 1, x: 0, y: 0 };
    this.resize();
    this.bindInput();
    redrawOnResize(this);
  }

  resize() {
    fitCanvas(this);
    const { width, height } = this;
    this.projection = d3.geoNaturalEarth1().fitExtent([[8, 8], [width - 8, height - 8]], { type: "Sphere" });
    const path = d3.geoPath(this.projection);
    this.landPath = new Path2D(path(this.countries));
    this.borderPath = new Path2D(path(this.borders));
    this.spherePath = new Path2D(path({ type: "Sphere" }));
    this.project(this.events);
  }

  project(events) {
    for (const e of events) {
      const p = e.lon == null ? null : this.projection([e.lon, e.lat]);
      e.px = p ? p[0] : null; e.py = p ? p[1] : null;
    }
  }

  setEvents(events) {
    this.events = events;
    this.project(events);
    this.draw();
  }

  select(id) { this.selectedId = id; this.draw(); }

  draw() {
    const { ctx, view, ratio } = this;
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    ctx.clearRect(0, 0, this.width, this.height);
    ctx.setTransform(ratio * view.k, 0, 0, ratio * view.k, ratio * view.x, ratio * view.y);
    ctx.fillStyle = "#eef4f8"; ctx.fill(this.spherePath);
    ctx.fillStyle = "#fbfaf6"; ctx.fill(this.landPath);
    ctx.strokeStyle = "#aab5bf"; ctx.lineWidth = 0.6 / view.k; ctx.stroke(this.borderPath);
    ctx.strokeStyle = "#8a97a3"; ctx.lineWidth = 1 / view.k; ctx.stroke(this.spherePath);
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    this.drawn = this.layout();
    // biggest first so that small markers stay clickable on top
    this.drawn.sort((a, b) => b.r - a.r);
    for (const item of this.drawn) item.cluster ? this.drawCluster(item) : this.drawMarker(item);
    this.canvas.dataset.markers = String(this.drawn.filter((d) => !d.cluster).length);
    this.canvas.dataset.clusters = String(this.drawn.filter((d) => d.cluster).length);
  }

  layout() {
    const { view } = this;
    const cells = new Map();
    for (const e of this.events) {
      if (e.px == null) continue;
      const x = view.x + view.k * e.px, y = view.y + view.k * e.py;
      if (x < -30 || y < -30 || x > this.width + 30 || y > this.height + 30) continue;
      const key = Math.floor(x / CLUSTER_CELL) + ":" + Math.floor(y / CLUSTER_CELL);
      let cell = cells.get(key);
      if (!cell) cells.set(key, (cell = []));
      cell.push({ x, y, r: markerRadius(e.fatalities), event: e });
    }
    const items = [];
    for (const cell of cells.values()) {
      if (cell.length < CLUSTER_MIN) { items.push(...cell); continue; }
      const x = cell.reduce((s, m) => s + m.x, 0) / cell.length;
      const y = cell.reduce((s, m) => s + m.y, 0) / cell.length;
      items.push({ x, y, r: Math.min(20, 8 + 2.5 * Math.log2(cell.length)), cluster: cell.map((m) => m.event) });
    }
    return items;
  }

  drawMarker({ x, y, r, event }) {
    const ctx = this.ctx;
    ctx.beginPath(); ctx.arc(x, y, r, 0, 2 * Math.PI);
    ctx.globalAlpha = 0.85; ctx.fillStyle = TYPE_COLOURS[event.event_type] || "#888"; ctx.fill();
    ctx.globalAlpha = 1;
    const selected = event.event_id === this.selectedId;
    ctx.lineWidth = selected ? 3 : 1; ctx.strokeStyle = selected ? "#111" : "#0007"; ctx.stroke();
  }

  drawCluster({ x, y, r, cluster }) {
    const ctx = this.ctx;
    const counts = {};
    for (const e of cluster) counts[e.event_type] = (counts[e.event_type] || 0) + 1;
    const top = Object.keys(counts).sort((a, b) => counts[b] - counts[a])[0];
    ctx.beginPath(); ctx.arc(x, y, r + 3, 0, 2 * Math.PI); ctx.fillStyle = "#ffffffcc"; ctx.fill();
    ctx.beginPath(); ctx.arc(x, y, r, 0, 2 * Math.PI);
    ctx.fillStyle = TYPE_COLOURS[top] || "#888"; ctx.fill();
    ctx.lineWidth = 1.5; ctx.strokeStyle = "#1d2733"; ctx.stroke();
    ctx.fillStyle = "#111"; ctx.font = "bold 11px system-ui, sans-serif";
    ctx.textAlign = "center"; ctx.textBaseline = "middle";
    ctx.fillText(String(cluster.length), x, y);
  }

  hit(x, y) {
    let best = null, bestD = Infinity;
    for (const item of this.drawn) {
      const d = Math.hypot(item.x - x, item.y - y);
      if (d <= Math.max(item.r, 6) + 2 && d < bestD) { best = item; bestD = d; }
    }
    return best;
  }

  zoom(factor, cx = this.width / 2, cy = this.height / 2) {
    const v = this.view;
    const k = Math.max(1, Math.min(64, v.k * factor));
    v.x = cx - (cx - v.x) * (k / v.k); v.y = cy - (cy - v.y) * (k / v.k); v.k = k;
    if (k === 1) { v.x = 0; v.y = 0; }
    this.draw();
  }

  reset() { this.view = { k: 1, x: 0, y: 0 }; this.draw(); }

  bindInput() {
    const c = this.canvas;
    let drag = null;
    const pos = (ev) => { const b = c.getBoundingClientRect(); return [ev.clientX - b.left, ev.clientY - b.top]; };
    c.addEventListener("wheel", (ev) => { ev.preventDefault(); this.zoom(ev.deltaY < 0 ? 1.4 : 1 / 1.4, ...pos(ev)); },
                       { passive: false });
    c.addEventListener("mousedown", (ev) => { const [x, y] = pos(ev); drag = { x, y, vx: this.view.x, vy: this.view.y, moved: false }; });
    window.addEventListener("mousemove", (ev) => {
      if (!drag) return;
      const [x, y] = pos(ev);
      if (Math.abs(x - drag.x) + Math.abs(y - drag.y) > 3) { drag.moved = true; c.classList.add("dragging"); }
      if (drag.moved && this.view.k > 1) { this.view.x = drag.vx + x - drag.x; this.view.y = drag.vy + y - drag.y; this.draw(); }
    });
    window.addEventListener("mouseup", (ev) => {
      if (!drag) return;
      const moved = drag.moved; drag = null; c.classList.remove("dragging");
      if (moved) return;
      const [x, y] = pos(ev);
      const item = this.hit(x, y);
      if (!item) return;
      if (item.cluster) this.zoom(2.5, x, y);
      else this.onSelect(item.event.event_id);
    });
    c.addEventListener("dblclick", (ev) => this.zoom(2, ...pos(ev)));
  }
}
