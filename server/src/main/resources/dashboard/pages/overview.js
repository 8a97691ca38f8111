// Overview: active installs (daily, rolling 7 and 28 days), new installs, versions now.
import { fetchRows } from "../api.js";
import { timeChart } from "../chart.js";
import { barCell, card, emptyNote, formatNumber, formatShare, h, table } from "../dom.js";

const COLORS = { active: "#4f46e5", active7: "#0ea5e9", active28: "#f59e0b", new: "#10b981" };

function kpi(label, value, metric, note) {
  return h(
    "div",
    { class: "kpi" },
    h("span", { class: "kpi-label" }, label),
    h("span", { class: "kpi-value", "data-metric": metric }, formatNumber(value)),
    h("span", { class: "kpi-note" }, note)
  );
}

function summary(active, fresh, filters) {
  const last = active.length ? active[active.length - 1] : { day: filters.to, active: 0, active7: 0, active28: 0 };
  const newTotal = fresh.reduce((sum, row) => sum + row.newInstalls, 0);
  return h(
    "section",
    { class: "kpis", "aria-label": "Summary" },
    kpi("Active installs", last.active, "active", `on ${last.day}`),
    kpi("Active, last 7 days", last.active7, "active7", `7 days to ${last.day}`),
    kpi("Active, last 28 days", last.active28, "active28", `28 days to ${last.day}`),
    kpi("New installs", newTotal, "new-installs", `${filters.from} to ${filters.to}`)
  );
}

function activeCard(rows) {
  if (!rows.length) return card("Active installs", emptyNote());
  const section = card("Active installs");
  timeChart(section, rows.map((r) => r.day), [
    { label: "Daily", color: COLORS.active, values: rows.map((r) => r.active) },
    { label: "7-day", color: COLORS.active7, values: rows.map((r) => r.active7) },
    { label: "28-day", color: COLORS.active28, values: rows.map((r) => r.active28) },
  ]);
  const newestFirst = [...rows].reverse();
  section.append(
    table(
      [
        { label: "Day", key: "day", value: (r) => r.day },
        { label: "Daily", key: "active", numeric: true, value: (r) => formatNumber(r.active) },
        { label: "7-day", key: "active7", numeric: true, value: (r) => formatNumber(r.active7) },
        { label: "28-day", key: "active28", numeric: true, value: (r) => formatNumber(r.active28) },
      ],
      newestFirst,
      { id: "active-installs-table", class: "scroll" }
    )
  );
  return section;
}

function newInstallsCard(rows) {
  if (!rows.length) return card("New installs", emptyNote());
  const section = card("New installs");
  timeChart(section, rows.map((r) => r.day), [
    { label: "New installs", color: COLORS.new, values: rows.map((r) => r.newInstalls) },
  ], { bars: true });
  section.append(
    table(
      [
        { label: "Day", key: "day", value: (r) => r.day },
        { label: "New installs", key: "newInstalls", numeric: true, value: (r) => formatNumber(r.newInstalls) },
      ],
      [...rows].reverse(),
      { id: "new-installs-table", class: "scroll" }
    )
  );
  return section;
}

function versionsCard(rows) {
  if (!rows.length) return card("Versions now", emptyNote());
  const latestDay = rows.reduce((day, r) => (r.day > day ? r.day : day), "");
  const now = rows.filter((r) => r.day === latestDay).sort((a, b) => b.activeInstalls - a.activeInstalls);
  return card(
    "Versions now",
    h("p", { class: "note" }, `Active installs by version on ${latestDay}.`),
    table(
      [
        { label: "Version", key: "version", value: (r) => r.version },
        { label: "Installs", key: "activeInstalls", numeric: true, value: (r) => formatNumber(r.activeInstalls) },
        { label: "Share", key: "share", value: (r) => barCell(r.share, 1, formatShare(r.share)) },
      ],
      now,
      { id: "versions-table" }
    )
  );
}

export async function render(filters) {
  const [active, fresh, versions] = await Promise.all([
    fetchRows("active-installs", filters),
    fetchRows("new-installs", filters, { period: "day" }),
    fetchRows("versions", filters),
  ]);
  return [
    h("h1", {}, "Overview"),
    summary(active, fresh, filters),
    h("div", { class: "grid two" }, activeCard(active), newInstallsCard(fresh)),
    versionsCard(versions),
  ];
}
