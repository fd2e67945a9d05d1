/* eventwire timeline: events per day (or per n days over long spans) on a canvas; drag to brush a date
   range, click without dragging to clear it. */
"use strict";

const DAY = 86400000;

class Timeline {
  constructor(canvas, label, onBrush) {
    this.canvas = canvas;
    this.label = label;
    this.ctx = canvas.getContext("2d");
    this.onBrush = onBrush;
    this.domain = null;        // [first day, last day] in ms, over all events
    this.bins = [];
    this.range = null;         // brushed [from, to] in ms (inclusive days), or null
    this.resize();
    this.bindInput();
    redrawOnResize(this);
  }

  resize() {
    fitCanvas(this);
  }

  setDomain(days) {
    if (!days.length) { this.domain = null; return; }
    let lo = Infinity, hi = -Infinity;
    for (const d of days) { if (d < lo) lo = d; if (d > hi) hi = d; }
    this.domain = [lo, hi + DAY];
    const spanDays = Math.max(1, Math.round((hi + DAY - lo) / DAY));
    this.binDays = Math.max(1, Math.ceil(spanDays / 180));
  }

  setCounts(days) {
    if (!this.domain) { this.bins = []; this.draw(); return; }
    const n = Math.ceil((this.domain[1] - this.domain[0]) / (this.binDays * DAY));
    this.bins = new Array(n).fill(0);
    for (const d of days) this.bins[Math.min(n - 1, Math.floor((d - this.domain[0]) / (this.binDays * DAY)))]++;
    this.draw();
  }

  x(t) { return 30 + (this.width - 40) * (t - this.domain[0]) / (this.domain[1] - this.domain[0]); }
  t(x) { return this.domain[0] + (x - 30) / (this.width - 40) * (this.domain[1] - this.domain[0]); }

  draw() {
    const { ctx, ratio } = this;
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    ctx.clearRect(0, 0, this.width, this.height);
    if (!this.domain) { this.label.textContent = "no dated events"; return; }
    const top = 16, bottom = this.height - 16;
    const max = Math.max(1, ...this.bins);
    const w = (this.width - 40) / this.bins.length;
    ctx.fillStyle = "#5b7da0";
    this.bins.forEach((c, i) => {
      if (!c) return;
      const h = (bottom - top) * c / max;
      ctx.fillRect(30 + i * w + 0.5, bottom - h, Math.max(1, w - 1), h);
    });
    ctx.fillStyle = "#40505f"; ctx.font = "11px system-ui, sans-serif"; ctx.textBaseline = "top";
    ctx.textAlign = "left"; ctx.fillText(isoDay(this.domain[0]), 30, bottom + 2);
    ctx.textAlign = "right"; ctx.fillText(isoDay(this.domain[1] - DAY), this.width - 10, bottom + 2);
    ctx.textAlign = "left"; ctx.fillText(String(max), 2, top - 2);
    if (this.range) {
      const x0 = this.x(this.range[0]), x1 = this.x(this.range[1] + DAY);
      ctx.fillStyle = "#f2b70033"; ctx.fillRect(x0, top - 4, x1 - x0, bottom - top + 4);
      ctx.strokeStyle = "#c48f00"; ctx.lineWidth = 1; ctx.strokeRect(x0 + 0.5, top - 4, x1 - x0 - 1, bottom - top + 4);
      this.label.textContent = `${isoDay(this.range[0])} – ${isoDay(this.range[1])} (click to clear)`;
    } else {
      this.label.textContent = `per ${this.binDays === 1 ? "day" : this.binDays + " days"} · drag to select dates`;
    }
  }

  setRange(range) { this.range = range; this.draw(); this.onBrush(range); }

  bindInput() {
    const c = this.canvas;
    let start = null;
    const xOf = (ev) => ev.clientX - c.getBoundingClientRect().left;
    const day = (x) => Math.floor(Math.max(this.domain[0], Math.min(this.domain[1] - 1, this.t(x))) / DAY) * DAY;
    c.addEventListener("mousedown", (ev) => { if (this.domain) start = xOf(ev); });
    window.addEventListener("mousemove", (ev) => {
      if (start === null) return;
      const x = xOf(ev);
      if (Math.abs(x - start) < 3) return;
      this.range = [day(Math.min(x, start)), day(Math.max(x, start))];
      this.draw();
    });
    window.addEventListener("mouseup", (ev) => {
      if (start === null) return;
      const x = xOf(ev), moved = Math.abs(x - start) >= 3;
      const from = start;
      start = null;
      this.setRange(moved ? [day(Math.min(x, from)), day(Math.max(x, from))] : null);
    });
  }
}

function isoDay(ms) { return new Date(ms).toISOString().slice(0, 10); }
