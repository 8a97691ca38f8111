// Overview: active installs (daily, rolling 7 and 28 days), new installs, versions now.
import { fetchRows } from "../api.js";
import { timeChart } from "../chart.js";
import { barCell, card, emptyNote, failureNote, formatNumber, formatShare, h, table } from "../dom.js";
import { addDays, readPageState, stateSelect } from "../filters.js";
import { adoptionLines } from "../version-lines.js";

const COLORS = { active: "--series-1", active7: "--series-2", active28: "--series-3", new: "--series-4" };

// A day in a note is kept on one line: a narrow card broke "2026-12-07" at its hyphen.
function withDays(text) {
  return text.split(/(\d{4}-\d{2}-\d{2})/).map((part, i) => (i % 2 ? h("span", { class: "day" }, part) : part));
}

function kpi(label, value, metric, note) {
  return h(
    "div",
    { class: "kpi" },
    h("span", { class: "kpi-label" }, label),
    h("span", { class: "kpi-value", "data-metric": metric }, formatNumber(value)),
    h("span", { class: "kpi-note" }, withDays(note))
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

// Over long ranges daily bars get too thin to read, so new installs are counted per ISO week,
// unless the URL's period (the card's control) says otherwise.
const WEEKLY_FROM_DAYS = 36;
const PERIODS = [
  { value: "auto", label: "Automatic" },
  { value: "day", label: "Day" },
  { value: "week", label: "ISO week" },
];

function period(filters) {
  const chosen = readPageState("period", PERIODS.map((p) => p.value), "auto");
  if (chosen !== "auto") return chosen;
  const days = (Date.parse(filters.to) - Date.parse(filters.from)) / 86_400_000 + 1;
  return days >= WEEKLY_FROM_DAYS ? "week" : "day";
}

// A new period replaces the card in place; the URL already holds the choice.
async function redrawNewInstalls(old, filters) {
  const p = period(filters);
  let next;
  try {
    next = newInstallsCard(await fetchRows("new-installs", filters, { period: p }), p, filters);
  } catch (error) {
    // The failure keeps the control, so another period can be chosen, and offers to try again.
    next = card("New installs",
      stateSelect("period", "Count per", PERIODS, () => redrawNewInstalls(next, filters)),
      failureNote("Could not load new installs: " + error.message, () => redrawNewInstalls(next, filters)));
  }
  old.replaceWith(next);
}

// A week the range cuts counts only its days in the range: said beside its start, or its bar would look
// like a fall in new installs.
function weekOf(week, filters) {
  const first = week < filters.from ? filters.from : week;
  const sunday = addDays(week, 6);
  const last = sunday > filters.to ? filters.to : sunday;
  const days = (Date.parse(last) - Date.parse(first)) / 86_400_000 + 1;
  return days < 7 ? [week, h("span", { class: "partial-week" }, ` (${days} of 7 days)`)] : week;
}

function newInstallsCard(rows, period, filters) {
  const title = period === "week" ? "New installs per week" : "New installs";
  const section = card(title);
  section.dataset.period = period;
  section.append(stateSelect("period", "Count per", PERIODS, () => redrawNewInstalls(section, filters)));
  if (!rows.length) {
    section.append(emptyNote());
    return section;
  }
  const start = (r) => r.day ?? r.week;
  timeChart(section, rows.map(start), [
    { label: "New installs", color: COLORS.new, values: rows.map((r) => r.newInstalls) },
  ], { bars: true, label: title, xLabel: period === "week" ? "week" : "day" });
  section.append(
    table(
      [
        { label: period === "week" ? "Week of" : "Day", key: "day",
          value: (r) => (period === "week" ? weekOf(start(r), filters) : start(r)) },
        { label: "New installs", key: "newInstalls", numeric: true, value: (r) => formatNumber(r.newInstalls) },
      ],
      [...rows].reverse(),
      { id: "new-installs-table", class: "scroll" }
    )
  );
  return section;
}

const VERSION_COLORS = ["--series-1", "--series-2", "--series-3", "--series-4", "--series-5", "--series-6", "--series-7"];

// Share of the day's active installs per version: the versions that lead now or led once, and
// the rest summed as one line (version-lines.js).
function adoptionChart(section, rows) {
  const { days, lines } = adoptionLines(rows);
  if (days.length < 2) return;
  timeChart(
    section,
    days,
    lines.map((line, i) => ({ ...line, color: VERSION_COLORS[i % VERSION_COLORS.length] })),
    // Shares can add up to more than 100% (see the note beside the table): the axis then grows.
    { label: "Version adoption (% of active installs)", yMax: Math.max(100, ...lines.flatMap((l) => l.values)), table: true }
  );
}

function versionsCard(rows, filters) {
  if (!rows.length) return card("Versions", emptyNote());
  // Versions are strings: two components that both ship v1.2.0 share its line until one is chosen.
  const everyComponent = filters.component ? null : h("p", { class: "note", id: "every-component-versions-note" },
    "The versions of every component together: a version number two components share is one line. Choose a component above to see its versions alone.");
  const latestDay = rows.reduce((day, r) => (r.day > day ? r.day : day), "");
  const now = rows.filter((r) => r.day === latestDay).sort((a, b) => b.activeInstalls - a.activeInstalls);
  const adoption = h("div", { class: "split-part" }, h("h3", {}, "Adoption over time"));
  adoptionChart(adoption, rows);
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
  return card("Versions", everyComponent, h("div", { class: "split" }, adoption, current));
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
    h("div", { class: "grid two" }, activeCard(active), newInstallsCard(fresh, newPeriod, filters)),
    versionsCard(versions, filters),
    componentsCard(components),
  ].filter(Boolean);
}
