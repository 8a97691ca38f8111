// The numbers behind a chart, as a CSV download and (where a page has no table of them) a table
// folded under the chart. Both are made from the very columns and rows the chart draws.
import { formatNumber, h, table } from "./dom.js";

/**
 * One CSV field, quoted when it holds a comma, a quote or a line break (RFC 4180). Text that a
 * spreadsheet would run as a formula (a version a client sent as "=..."), starts with ' as in the
 * API's CSV.
 */
function field(value) {
  let text = value === null || value === undefined ? "" : String(value);
  if (typeof value === "string" && /^[=+\-@\t\r]/.test(text)) {
    text = "'" + text;
  }
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/**
 * CSV text of a header and rows of plain values, lines ending in CRLF as the API's CSV does.
 * @param header column names
 * @param rows arrays aligned with header
 */
export function csvText(header, rows) {
  return [header, ...rows].map((row) => row.map(field).join(",") + "\r\n").join("");
}

/** A file name safe on every system: lower case words joined by dashes. */
function fileName(name) {
  return (name.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "") || "chart") + ".csv";
}

/**
 * A "Download CSV" link holding the CSV in its href (a data: URL), so it works without a request
 * and a test can read exactly what a user would download.
 */
export function csvLink(name, header, rows) {
  return h(
    "a",
    {
      class: "csv-link",
      download: fileName(name),
      href: "data:text/csv;charset=utf-8," + encodeURIComponent(csvText(header, rows)),
      "data-csv": name,
    },
    "Download CSV"
  );
}

/**
 * A closed "Show the numbers" section with a table of the chart's columns and rows.
 * @param header column names; the first column is the x value, the others numbers
 * @param rows arrays aligned with header
 */
export function foldedTable(name, header, rows) {
  const columns = header.map((label, i) => ({
    label,
    key: i === 0 ? "x" : label,
    numeric: i > 0,
    value: (row) => (i === 0 ? row[0] : formatNumber(row[i])),
  }));
  return h(
    "details",
    { class: "chart-table", "data-table-of": name },
    h("summary", {}, "Show the numbers"),
    table(columns, rows, { class: "scroll" })
  );
}

/**
 * What goes under a chart: its CSV download, and with {@code withTable} its numbers as a folded
 * table too.
 */
export function chartData(name, header, rows, withTable) {
  return h(
    "div",
    { class: "chart-data" },
    csvLink(name, header, rows),
    withTable ? foldedTable(name, header, rows) : null
  );
}
