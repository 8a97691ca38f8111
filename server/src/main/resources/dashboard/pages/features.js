// Features: per event type, how many installs use it, read with the event catalog's semantics
// (LEVEL as a distribution of per-install levels, DELTA as totals, HEARTBEAT as presence).
import { fetchRows } from "../api.js";
import { barCell, card, emptyNote, formatNumber, h, table } from "../dom.js";

// The event catalog's descriptions, which the server puts in the page as JSON data.
const DESCRIPTIONS = JSON.parse(document.getElementById("event-descriptions")?.textContent || "{}");

/** An event type's wire name with the catalog's description under it (none for unknown types). */
function eventType(name) {
  const description = DESCRIPTIONS[name];
  return h("span", { class: "event-type" }, h("code", {}, name), description ? h("span", { class: "description" }, description) : null);
}

const KIND_NOTES = {
  LEVEL: "Levels are snapshots: median, p90 and max of the per-install level, never summed.",
  DELTA: "Deltas count what happened: totals over the range.",
  HEARTBEAT: "Heartbeats show presence: how many installs sent one.",
};

function kindTable(kind, rows, maxInstalls) {
  const columns = [
    { label: "Event type", key: "eventType", value: (r) => eventType(r.eventType) },
    { label: "Installs", key: "installs", value: (r) => barCell(r.installs, maxInstalls) },
  ];
  if (kind !== "LEVEL") {
    // Among heartbeats only STARTED has a total: the number of starts.
    const label = kind === "HEARTBEAT" ? "Starts" : "Total";
    columns.push({ label, key: "total", numeric: true, value: (r) => formatNumber(r.total) });
  }
  if (kind === "LEVEL") {
    columns.push(
      { label: "Median", key: "median", numeric: true, value: (r) => formatNumber(r.median) },
      { label: "p90", key: "p90", numeric: true, value: (r) => formatNumber(r.p90) },
      { label: "Max", key: "max", numeric: true, value: (r) => formatNumber(r.max) }
    );
  }
  return card(
    { LEVEL: "Levels", DELTA: "Deltas", HEARTBEAT: "Heartbeats" }[kind] || kind,
    h("p", { class: "note" }, KIND_NOTES[kind] || ""),
    table(columns, rows, { id: `features-${kind.toLowerCase()}`, class: "features stackable" })
  );
}

// The API lists every catalog event type; the unused ones go in a closed list at the end.
function unusedCard(rows) {
  if (!rows.length) return null;
  return h(
    "details",
    { class: "card unused" },
    h("summary", {}, `Not used in this range (${rows.length})`),
    h("ul", { class: "event-list" }, rows.map((r) => h("li", {}, eventType(r.eventType))))
  );
}

export async function render(filters) {
  const all = await fetchRows("features", filters);
  const rows = all.filter((r) => r.installs > 0);
  const heading = h("h1", {}, "Features");
  if (!rows.length) return [heading, card("Feature usage", emptyNote()), unusedCard(all)].filter(Boolean);
  const maxInstalls = Math.max(...rows.map((r) => r.installs));
  const kinds = ["HEARTBEAT", "LEVEL", "DELTA"].filter((k) => rows.some((r) => r.kind === k));
  const sections = kinds.map((kind) =>
    kindTable(kind, rows.filter((r) => r.kind === kind).sort((a, b) => b.installs - a.installs), maxInstalls)
  );
  return [heading, h("div", { class: "grid" }, sections), unusedCard(all.filter((r) => r.installs === 0))].filter(Boolean);
}
