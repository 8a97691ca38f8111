// Retention: weekly cohorts (ISO weeks of first use) and the share still active in each later week.
import { fetchRows } from "../api.js";
import { card, emptyNote, formatNumber, formatShare, h } from "../dom.js";

const OFFSETS = Array.from({ length: 12 }, (_, i) => i + 1);

function cohorts(rows) {
  const byWeek = new Map();
  for (const row of rows) {
    if (!byWeek.has(row.cohortWeek)) byWeek.set(row.cohortWeek, { week: row.cohortWeek, size: row.cohortSize, cells: new Map() });
    byWeek.get(row.cohortWeek).cells.set(row.weekOffset, row);
  }
  return [...byWeek.values()].sort((a, b) => (a.week < b.week ? -1 : 1));
}

// data-label names the week, for the phone layout where each cohort is a grid of labelled cells.
function shareCell(row, offset) {
  if (!row) return h("td", { class: "none", "data-label": `W+${offset}` }, "");
  const attributes = { class: "share", "data-week": row.weekOffset, "data-label": `W+${offset}`, title: `${row.active} active` };
  const cell = h("td", attributes, formatShare(row.share));
  // Shading by share, with dark text switching to light where the fill gets strong (dashboard.css).
  cell.style.setProperty("--share", row.share.toFixed(3));
  if (row.share >= 0.7) cell.classList.add("strong");
  return cell;
}

function cohortTable(list) {
  const head = h(
    "tr",
    {},
    h("th", { scope: "col" }, "Cohort (week of)"),
    h("th", { scope: "col", class: "num" }, "Installs"),
    OFFSETS.map((n) => h("th", { scope: "col", class: "num" }, `W+${n}`))
  );
  const body = list.map((c) =>
    h(
      "tr",
      { "data-cohort": c.week },
      h("th", { scope: "row" }, c.week),
      h("td", { class: "num", "data-col": "cohortSize", "data-label": "Installs" }, formatNumber(c.size)),
      OFFSETS.map((n) => shareCell(c.cells.get(n), n))
    )
  );
  return h("div", { class: "table-wrap" }, h("table", { id: "retention-table", class: "retention" }, h("thead", {}, head), h("tbody", {}, body)));
}

export async function render(filters) {
  const rows = await fetchRows("retention", filters);
  const heading = h("h1", {}, "Retention");
  if (!rows.length) return [heading, card("Weekly cohorts", emptyNote())];
  return [
    heading,
    card(
      "Weekly cohorts",
      h("p", { class: "note" }, "Installs grouped by the ISO week of their first event; each cell is the share of the cohort active in that later week."),
      cohortTable(cohorts(rows))
    ),
  ];
}
