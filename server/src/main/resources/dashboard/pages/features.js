// Features: per event type, how many installs use it, read with the event catalog's semantics
// (LEVEL as a distribution of per-install levels, DELTA as totals, HEARTBEAT as presence).
import { fetchRows } from "../api.js";
import { barCell, card, emptyNote, formatNumber, h, table } from "../dom.js";

const KIND_NOTES = {
  LEVEL: "Levels are snapshots: median, p90 and max of the per-install level, never summed.",
  DELTA: "Deltas count what happened: totals over the range.",
  HEARTBEAT: "Heartbeats show presence: how many installs sent one.",
};

function kindTable(kind, rows, maxInstalls) {
  const columns = [
    { label: "Event type", key: "eventType", value: (r) => h("code", {}, r.eventType) },
    { label: "Installs", key: "installs", value: (r) => barCell(r.installs, maxInstalls) },
  ];
  if (kind !== "LEVEL") {
    columns.push({ label: "Total", key: "total", numeric: true, value: (r) => formatNumber(r.total) });
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
    table(columns, rows, { id: `features-${kind.toLowerCase()}`, class: "features" })
  );
}

export async function render(filters) {
  const rows = await fetchRows("features", filters);
  const heading = h("h1", {}, "Features");
  if (!rows.length) return [heading, card("Feature usage", emptyNote())];
  const maxInstalls = Math.max(...rows.map((r) => r.installs));
  const kinds = ["HEARTBEAT", "LEVEL", "DELTA"].filter((k) => rows.some((r) => r.kind === k));
  const sections = kinds.map((kind) =>
    kindTable(kind, rows.filter((r) => r.kind === kind).sort((a, b) => b.installs - a.installs), maxInstalls)
  );
  return [heading, h("div", { class: "grid" }, sections)];
}
