/* eventwire page: loads every event once (GeoJSON pages of the API), filters them in the browser, and
   keeps the map, the timeline, the table and the event panel in step. All text goes through textContent:
   nothing from the data is ever parsed as HTML. */
"use strict";

const PAGE_SIZE = 1000;
const TABLE_ROWS = 500;
const MODALITIES = ["asserted", "claimed", "denied", "threatened", "hypothetical", "reported"];
const $ = (id) => document.getElementById(id);
const state = { all: [], filtered: [], range: null, selected: null, token: sessionStorage.getItem("eventwire-token") };

async function api(path) {
  const headers = state.token ? { Authorization: "Bearer " + state.token } : {};
  const response = await fetch(path, { headers });
  if (response.status === 401) { $("auth").hidden = false; throw new Error("this server needs an API token"); }
  const body = await response.json();
  if (!response.ok) throw new Error(body.error ? body.error.message : response.statusText);
  return body;
}

async function loadEvents() {
  const events = [];
  let cursor = null;
  do {
    const page = await api(`/events?format=geojson&limit=${PAGE_SIZE}` + (cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""));
    for (const f of page.features) events.push(prepare(f.properties));
    cursor = page.next_cursor;
    $("status").textContent = `Loading events… ${events.length}`;
  } while (cursor);
  return events;
}

function prepare(r) {
  const loc = r.location || {};
  const countries = [loc.country, r.source_actor && r.source_actor.country, r.target_actor && r.target_actor.country];
  return {
    ...r,
    lat: loc.lat ?? null, lon: loc.lon ?? null,
    day: r.date ? Date.parse(r.date + "T00:00:00Z") : null,
    countries: countries.filter(Boolean).map((c) => c.toUpperCase()),
    haystack: ((r.evidence && r.evidence.sentence) || "").toLowerCase(),
  };
}

function readFilters() {
  const n = parseInt($("f-fatalities").value, 10);
  return {
    type: $("f-type").value, modality: $("f-modality").value,
    country: $("f-country").value.trim().toUpperCase(), text: $("f-text").value.trim().toLowerCase(),
    minDead: Number.isFinite(n) && n > 0 ? n : null,
  };
}

function matches(e, f) {
  return (!f.type || e.event_type === f.type) && (!f.modality || e.modality === f.modality)
    && (!f.country || e.countries.includes(f.country)) && (!f.text || e.haystack.includes(f.text))
    && (f.minDead === null || (e.fatalities || 0) >= f.minDead);
}

function update() {
  const f = readFilters();
  const undated = state.all.filter((e) => matches(e, f));
  state.filtered = state.range
    ? undated.filter((e) => e.day !== null && e.day >= state.range[0] && e.day <= state.range[1]) : undated;
  timeline.setCounts(undated.filter((e) => e.day !== null).map((e) => e.day));
  map.setEvents(state.filtered);
  renderTable(state.filtered);
  const onMap = state.filtered.filter((e) => e.lon !== null).length;
  $("status").textContent = `${state.filtered.length} of ${state.all.length} events · ${onMap} on the map`;
  document.body.dataset.ready = "true";
}

function el(tag, text, cls) {
  const node = document.createElement(tag);
  if (text !== undefined && text !== null) node.textContent = String(text);
  if (cls) node.className = cls;
  return node;
}

function actor(a) { return a ? (a.name || a.text) + (a.country ? ` (${a.country})` : "") : ""; }

function badge(type) {
  const b = el("span", type, "type-badge");
  b.style.background = TYPE_COLOURS[type] || "#ccc";
  return b;
}

function renderTable(events) {
  const rows = [...events].sort((a, b) => (b.day ?? -Infinity) - (a.day ?? -Infinity)).slice(0, TABLE_ROWS);
  const body = document.createDocumentFragment();
  for (const e of rows) {
    const tr = el("tr");
    tr.tabIndex = 0;
    tr.dataset.id = e.event_id;
    if (e.event_id === state.selected) tr.className = "selected";
    const type = el("td"); type.append(badge(e.event_type));
    tr.append(el("td", e.date || "–"), type, el("td", e.modality), el("td", actor(e.source_actor)),
              el("td", actor(e.target_actor)), el("td", e.location ? e.location.name : ""),
              el("td", e.fatalities ?? ""), el("td", e.evidence ? e.evidence.sentence : "", "evidence"));
    body.append(tr);
  }
  $("events").tBodies[0].replaceChildren(body);
  $("table-note").textContent = events.length > TABLE_ROWS
    ? `Showing the ${TABLE_ROWS} latest of ${events.length} events; narrow the filters to see others.` : "";
}

async function openEvent(id) {
  state.selected = id;
  map.select(id);
  for (const tr of $("events").tBodies[0].rows) tr.classList.toggle("selected", tr.dataset.id === id);
  const panel = $("panel");
  panel.replaceChildren(el("p", "Loading…", "hint"));
  try {
    const event = await api(`/events/${encodeURIComponent(id)}`);
    renderEvent(panel, event);
    if (event.sources.length) await showSource(event.sources[0]);
  } catch (err) {
    panel.replaceChildren(el("p", "Could not load the event: " + err.message, "hint"));
  }
}

function renderEvent(panel, e) {
  const title = el("h2"); title.append(badge(e.event_type), " ", e.date || "undated");
  const facts = el("dl");
  const add = (k, v) => { if (v !== null && v !== undefined && v !== "") facts.append(el("dt", k), el("dd", v)); };
  add("Modality", e.modality);
  add("Source actor", actor(e.source_actor) + (e.source_actor && e.source_actor.sector ? ` · ${e.source_actor.sector}` : ""));
  add("Target actor", actor(e.target_actor) + (e.target_actor && e.target_actor.sector ? ` · ${e.target_actor.sector}` : ""));
  add("Location", e.location ? [e.location.name, e.location.country].filter(Boolean).join(", ") : null);
  add("Fatalities", e.fatalities_range ? `${e.fatalities} (reports: ${e.fatalities_range.join("–")})` : e.fatalities);
  add("Injuries", e.injuries);
  add("Weapons", (e.weapons || []).join(", "));
  add("Confidence", e.confidence);
  add("Event id", e.event_id);
  const list = el("ol", null, "sources");
  for (const s of e.sources) {
    const li = el("li");
    const url = typeof s.url === "string" && /^https?:\/\//i.test(s.url) ? s.url : null;
    const name = s.title || s.doc_id;
    if (url) {
      const a = el("a", name); a.href = url; a.target = "_blank"; a.rel = "noopener noreferrer"; li.append(a);
    } else li.append(el("span", name));
    li.append(" ", el("span", s.publication_date || "", "hint"), " ");
    const raw = el("a", "json"); raw.href = `/documents/${encodeURIComponent(s.doc_id)}`; raw.target = "_blank";
    const show = el("button", "show evidence"); show.type = "button";
    show.addEventListener("click", () => showSource(s));
    li.append(raw, " ", show);
    list.append(li);
  }
  panel.replaceChildren(title, facts, el("h3", `Sources (${e.sources.length})`), list,
                        el("div", null, "doc-text"));
}

async function showSource(source) {
  const box = document.querySelector("#panel .doc-text");
  box.replaceChildren(el("span", "Loading document…", "hint"));
  const doc = await api(`/documents/${encodeURIComponent(source.doc_id)}`);
  const text = doc.text || "";
  let { char_start: start, char_end: end, sentence } = source.evidence || {};
  if (!(start >= 0 && end <= text.length && start < end) || (sentence && text.slice(start, end) !== sentence)) {
    const at = sentence ? text.indexOf(sentence) : -1;   // offsets off: fall back to finding the sentence
    [start, end] = at >= 0 ? [at, at + sentence.length] : [0, 0];
  }
  const mark = el("mark", text.slice(start, end), "evidence");
  box.replaceChildren(document.createTextNode(text.slice(0, start)), mark, document.createTextNode(text.slice(end)));
  box.scrollTop = Math.max(0, mark.offsetTop - box.offsetTop - 40);
}

function fillSelect(select, values) {
  for (const v of values) select.append(new Option(v, v));
}

let map, timeline;

async function main() {
  fillSelect($("f-type"), Object.keys(TYPE_COLOURS));
  fillSelect($("f-modality"), MODALITIES);
  for (const [type, colour] of Object.entries(TYPE_COLOURS)) {
    const li = el("li"); const sw = el("span", null, "swatch"); sw.style.background = colour;
    li.append(sw, type); $("legend").append(li);
  }
  const world = await (await fetch("/static/vendor/countries-110m.json")).json();
  map = new EventMap($("map"), world, openEvent);
  timeline = new Timeline($("timeline"), $("range-label"), (range) => { state.range = range; update(); });
  $("zoom-in").addEventListener("click", () => map.zoom(2));
  $("zoom-out").addEventListener("click", () => map.zoom(0.5));
  $("zoom-reset").addEventListener("click", () => map.reset());
  $("filters").addEventListener("input", update);
  $("filters").addEventListener("change", update);
  $("filters").addEventListener("submit", (ev) => ev.preventDefault());
  $("filters").addEventListener("reset", () => setTimeout(() => { timeline.range = null; state.range = null; timeline.draw(); update(); }));
  $("events").tBodies[0].addEventListener("click", (ev) => { const tr = ev.target.closest("tr"); if (tr) openEvent(tr.dataset.id); });
  $("events").tBodies[0].addEventListener("keydown", (ev) => {
    const tr = ev.target.closest("tr"); if (tr && ev.key === "Enter") openEvent(tr.dataset.id);
  });
  $("token-save").addEventListener("click", () => {
    state.token = $("token").value; sessionStorage.setItem("eventwire-token", state.token); location.reload();
  });
  try {
    state.all = await loadEvents();
  } catch (err) {
    $("status").textContent = "Could not load events: " + err.message;
    return;
  }
  timeline.setDomain(state.all.filter((e) => e.day !== null).map((e) => e.day));
  update();
}

window.eventwire = { state, openEvent, get map() { return map; } };
main();
