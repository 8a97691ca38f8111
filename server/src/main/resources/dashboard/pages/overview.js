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
  ], { label: "Active installs" });
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

// Over long ranges daily bars get too thin to read, so new installs are counted per ISO week.
const WEEKLY_FROM_DAYS = 36;

function period(filters) {
  const days = (Date.parse(filters.to) - Date.parse(filters.from)) / 86_400_000 + 1;
  return days >= WEEKLY_FROM_DAYS ? "week" : "day";
}

function newInstallsCard(rows, period) {
  const title = period === "week" ? "New installs per week" : "New installs";
  if (!rows.length) return card(title, emptyNote());
  const section = card(title);
  const start = (r) => r.day ?? r.week;
  timeChart(section, rows.map(start), [
    { label: "New installs", color: COLORS.new, values: rows.map((r) => r.newInstalls) },
  ], { bars: true, label: title });
  section.append(
    table(
      [
        { label: period === "week" ? "Week of" : "Day", key: "day", value: start },
        { label: "New installs", key: "newInstalls", numeric: true, value: (r) => formatNumber(r.newInstalls) },
      ],
      [...rows].reverse(),
      { id: "new-installs-table", class: "scroll" }
    )
  );
  return section;
}

const VERSION_COLORS = ["#4f46e5", "#0ea5e9", "#f59e0b", "#10b981", "#ec4899", "#64748b"];

// Share of the day's active installs per version, the most used versions first; at most six lines.
function adoptionChart(section, rows, versions) {
  const days = [...new Set(rows.map((r) => r.day))].sort();
  if (days.length < 2) return;
  const share = new Map(rows.map((r) => [r.day + " " + r.version, r.share]));
  timeChart(
    section,
    days,
    versions.slice(0, VERSION_COLORS.length).map((version, i) => ({
      label: version,
      color: VERSION_COLORS[i],
      values: days.map((day) => Math.round((share.get(day + " " + version) ?? 0) * 100)),
    })),
    { label: "Version adoption (% of active installs)", yMax: 100 }
  );
}

function versionsCard(rows) {
  if (!rows.length) return card("Versions", emptyNote());
  const latestDay = rows.reduce((day, r) => (r.day > day ? r.day : day), "");
  const now = rows.filter((r) => r.day === latestDay).sort((a, b) => b.activeInstalls - a.activeInstalls);
  const usage = new Map();
  for (const r of rows) usage.set(r.version, (usage.get(r.version) || 0) + r.activeInstalls);
  const versions = [...usage].sort((a, b) => b[1] - a[1]).map(([version]) => version);
  const adoption = h("div", { class: "split-part" }, h("h3", {}, "Adoption over time"));
  adoptionChart(adoption, rows, versions);
  const current = h(
    "div",
    { class: "split-part" },
    h("h3", {}, `Versions now (${latestDay})`),
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
  const shareSum = now.reduce((sum, r) => sum + r.share, 0);
  if (shareSum > 1.005) {
    current.append(h("p", { class: "note after" }, "Shares add up to more than 100%: an install whose components run different versions counts once for each."));
  }
  return card("Versions", h("div", { class: "split" }, adoption, current));
}

function componentsCard(rows) {
  if (!rows.length) return null;
  const lastDay = rows.reduce((day, r) => (r.day > day ? r.day : day), "");
  const last = rows
    .filter((r) => r.day === lastDay)
    .sort((a, b) => b.active28 - a.active28 || b.active - a.active || a.key.localeCompare(b.key));
  const max = Math.max(...last.map((r) => r.active28));
  return card(
    "By component",
    h("p", { class: "note" }, `Installs running each component type, to ${lastDay}. An install with two types counts in both.`),
    table(
      [
        { label: "Component", key: "key", value: (r) => h("code", {}, r.key) },
        { label: "Daily", key: "active", numeric: true, value: (r) => formatNumber(r.active) },
        { label: "7-day", key: "active7", numeric: true, value: (r) => formatNumber(r.active7) },
        { label: "28-day", key: "active28", value: (r) => barCell(r.active28, max) },
      ],
      last,
      { id: "components-table" }
    )
  );
}

export async function render(filters) {
  const newPeriod = period(filters);
  // With a component chosen, a breakdown by component would repeat the totals.
  const byComponent = filters.component ? Promise.resolve([]) : fetchRows("active-installs", filters, { by: "component" });
  const [active, fresh, versions, components] = await Promise.all([
    fetchRows("active-installs", filters),
    fetchRows("new-installs", filters, { period: newPeriod }),
    fetchRows("versions", filters),
    byComponent,
  ]);
  return [
    h("h1", {}, "Overview"),
    summary(active, fresh, filters),
    h("div", { class: "grid two" }, activeCard(active), newInstallsCard(fresh, newPeriod)),
    versionsCard(versions),
    componentsCard(components),
  ].filter(Boolean);
}
