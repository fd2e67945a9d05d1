/* eventwire watch: the watch rules' geofences drawn on the map, and the latest alerts in a list.
   Needs only `<script src="/static/alerts.js"></script>` after map.js: it extends EventMap.prototype.draw
   to draw the fences (GET /watch/rules) over each frame, and adds an "Alerts" list (GET /alerts, refreshed
   every minute) above the events table; clicking an alert opens its event in the side panel. */
"use strict";

(function () {
  const FENCE_STROKE = "#7b3294";
  const FENCE_FILL = "rgba(123, 50, 148, 0.10)";
  const EARTH_RADIUS_M = 6371008.8;          // the server's sphere (eventwire.geodesy)
  const REFRESH_MS = 60000;
  const watch = { fences: [], alerts: [] };

  async function get(path) {
    const token = sessionStorage.getItem("eventwire-token");
    const response = await fetch(path, { headers: token ? { Authorization: "Bearer " + token } : {} });
    if (!response.ok) throw new Error(`${path}: HTTP ${response.status}`);
    return response.json();
  }

  // A circle as a polygon of `steps` points, clockwise (d3-geo's winding for "the inside").
  function circlePolygon(lon, lat, radiusM, steps = 96) {
    const rad = Math.PI / 180, d = radiusM / EARTH_RADIUS_M, p1 = lat * rad, l1 = lon * rad;
    const ring = [];
    for (let i = 0; i <= steps; i++) {
      const b = (360 * i / steps) * rad;
      const p2 = Math.asin(Math.sin(p1) * Math.cos(d) + Math.cos(p1) * Math.sin(d) * Math.cos(b));
      const l2 = l1 + Math.atan2(Math.sin(b) * Math.sin(d) * Math.cos(p1), Math.cos(d) - Math.sin(p1) * Math.sin(p2));
      ring.push([l2 / rad, p2 / rad]);
    }
    return { type: "Polygon", coordinates: [ring] };
  }

  // GeoJSON (RFC 7946) winds outer rings counter-clockwise; d3-geo reads that as "everything but the
  // polygon". A ring whose area exceeds a hemisphere is the wrong way round: reverse it.
  function d3Winding(geometry) {
    const fix = (rings) => rings.map((ring) =>
      d3.geoArea({ type: "Polygon", coordinates: [ring] }) > 2 * Math.PI ? ring.slice().reverse() : ring);
    if (geometry.type === "Polygon") return { type: "Polygon", coordinates: fix(geometry.coordinates) };
    return { type: "MultiPolygon", coordinates: geometry.coordinates.map(fix) };
  }

  function fenceGeometry(feature) {
    const g = feature.geometry;
    if (!g) return null;
    if (feature.properties.shape === "circle") return circlePolygon(g.coordinates[0], g.coordinates[1], feature.properties.radius_m);
    return d3Winding(g);
  }

  function drawFences(map) {
    if (!watch.fences.length || !map.projection) return;
    const { ctx, view, ratio } = map;
    const path = d3.geoPath(map.projection);
    ctx.save();
    ctx.setTransform(ratio * view.k, 0, 0, ratio * view.k, ratio * view.x, ratio * view.y);
    ctx.lineWidth = 1.5 / view.k;
    ctx.strokeStyle = FENCE_STROKE; ctx.fillStyle = FENCE_FILL;
    let drawn = 0;
    for (const fence of watch.fences) {
      const d = path(fence.geometry);
      if (!d) continue;
      const shape = new Path2D(d);
      ctx.fill(shape); ctx.stroke(shape);
      drawn++;
    }
    ctx.restore();
    map.canvas.dataset.fences = String(drawn);
  }

  const baseDraw = EventMap.prototype.draw;
  EventMap.prototype.draw = function () {
    baseDraw.call(this);
    EventMap.current = this;
    drawFences(this);
  };

  function el(tag, text, cls) {
    const node = document.createElement(tag);
    if (text !== null && text !== undefined) node.textContent = String(text);
    if (cls) node.className = cls;
    return node;
  }

  function alertsList() {
    let list = document.getElementById("alerts");
    if (list) return list;
    const pane = el("section"); pane.id = "alerts-pane"; pane.setAttribute("aria-label", "Watch alerts");
    list = el("ol"); list.id = "alerts";
    pane.append(el("h2", "Alerts"), list);
    const table = document.getElementById("table-pane");
    table ? table.before(pane) : document.body.append(pane);
    return list;
  }

  function renderAlerts() {
    const list = alertsList();
    if (!watch.alerts.length) { list.replaceChildren(el("li", "No alerts yet.", "hint")); return; }
    list.replaceChildren(...watch.alerts.map((a) => {
      const e = a.event || {}, li = el("li", null, a.kind === "update" ? "alert update" : "alert");
      const dead = a.kind === "update" ? `${a.previous_fatalities ?? "?"} → ${a.fatalities} dead`
        : (a.fatalities != null ? `${a.fatalities} dead` : "");
      const where = e.location ? e.location.name : "";
      const far = a.distance_m != null ? ` (${(a.distance_m / 1000).toFixed(1)} km)` : "";
      li.append(el("span", a.created_at.replace("T", " ").replace("Z", ""), "hint"), " ",
                el("strong", a.rule_name || a.rule_id), " ", el("span", a.kind), ": ",
                `${e.event_type || ""} ${e.date || ""} ${where}${far} ${dead}`.replace(/\s+/g, " ").trim());
      if (!a.delivered) li.append(" ", el("span", "(not delivered)", "hint"));
      li.tabIndex = 0;
      const open = () => { if (typeof openEvent === "function") openEvent(a.event_id); };
      li.addEventListener("click", open);
      li.addEventListener("keydown", (ev) => { if (ev.key === "Enter") open(); });
      return li;
    }));
  }

  async function loadFences() {
    try {
      const rules = await get("/watch/rules");
      watch.fences = rules.features.map((f) => ({ id: f.id, geometry: fenceGeometry(f) })).filter((f) => f.geometry);
      if (EventMap.current) EventMap.current.draw();
    } catch (err) { console.warn("eventwire watch: no geofences:", err.message); }
  }

  async function loadAlerts() {
    try {
      watch.alerts = (await get("/alerts?limit=50")).alerts;
      renderAlerts();
    } catch (err) { console.warn("eventwire watch: no alerts:", err.message); }
  }

  function start() {
    loadFences(); loadAlerts();
    setInterval(loadAlerts, REFRESH_MS);
  }
  document.readyState === "loading" ? window.addEventListener("DOMContentLoaded", start) : start();
})();
