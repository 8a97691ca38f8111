// One error group: its figures, reports and installs per day, a breakdown by version, and one
// sample with the whole cause chain and stacks.
import { ApiError, fetchRows } from "../api.js";
import { timeChart } from "../chart.js";
import { card, emptyNote, formatInstant, formatNumber, formatShare, h, table, versionList } from "../dom.js";
import { withFilters } from "../filters.js";

function fact(label, value, key, wide = false) {
  return h("div", { class: wide ? "fact wide" : "fact" }, h("dt", {}, label), h("dd", { "data-fact": key }, value));
}

function chain(sample) {
  const links = [];
  // Iterative on purpose: cause chains can be long.
  for (let error = sample, depth = 0; error; error = error.cause, depth++) links.push({ error, depth });
  return links;
}

function stackTable(stack) {
  if (!stack || !stack.length) return h("p", { class: "empty" }, "No stack frames were sent.");
  return table(
    [
      { label: "Function", key: "name", value: (f) => h("code", {}, f.name) },
      { label: "Package", key: "package", value: (f) => h("code", {}, f.package ?? f.packageName ?? "") },
      { label: "File", key: "file", value: (f) => h("code", {}, `${f.file}:${f.lineNumber}`) },
    ],
    stack,
    { class: "stack stackable" }
  );
}

function metadataList(metadata) {
  if (!metadata || !metadata.length) return null;
  return h("dl", { class: "metadata" }, metadata.flatMap((m) => [h("dt", {}, m.key), h("dd", {}, m.value)]));
}

function causeItem({ error, depth }) {
  return h(
    "li",
    { class: "cause" },
    h("h3", {}, depth === 0 ? "Error" : `Caused by (${depth})`),
    h("p", {}, h("code", { class: "error-class" }, error.errorClass), " ", h("span", { class: "message" }, error.message)),
    stackTable(error.stack),
    metadataList(error.metadata)
  );
}

function trendCard(rows) {
  const section = card("Per day");
  if (!rows.some((r) => r.reports > 0)) {
    section.append(emptyNote());
    return section;
  }
  timeChart(section, rows.map((r) => r.day), [
    { label: "Reports", color: "--series-alarm", values: rows.map((r) => r.reports) },
    { label: "Installs", color: "--series-1", values: rows.map((r) => r.installs) },
  ], { label: "Reports and affected installs", table: true });
  return section;
}

function versionCell(row) {
  const version = h("code", {}, row.version ?? "none");
  if (!row.newInVersion) return version;
  return h("span", {}, version, " ", h("span", { class: "badge new-in" }, `new in ${row.version}`));
}

function versionsCard(rows) {
  if (!rows.length) return card("By version", emptyNote());
  return card(
    "By version",
    h("p", { class: "note" }, "Error rate: installs that reported it, of the installs active on the version in this range."),
    table(
      [
        {
          label: "Version",
          key: "version",
          value: (r) => versionCell(r),
        },
        { label: "Reports", key: "reports", numeric: true, value: (r) => formatNumber(r.reports) },
        { label: "Installs", key: "installs", numeric: true, value: (r) => formatNumber(r.installs) },
        { label: "Active on it", key: "activeInstalls", numeric: true, value: (r) => formatNumber(r.activeInstalls) },
        { label: "Error rate", key: "rate", numeric: true, value: (r) => formatShare(r.rate) },
      ],
      rows,
      { id: "error-versions-table", class: "stackable" }
    )
  );
}

export async function render(filters, fingerprint) {
  const path = "errors/" + encodeURIComponent(fingerprint);
  const back = h("p", {}, h("a", { href: withFilters("errors", filters) }, "← All errors"));
  let rows;
  try {
    rows = await fetchRows(path, filters);
  } catch (e) {
    // The API answers 404 for a fingerprint with no report in the range: the page says so, in its own words.
    if (!(e instanceof ApiError && e.status === 404)) throw e;
    rows = [];
  }
  if (!rows.length) {
    return [back, h("h1", {}, "Error not found"),
      card("Sample", h("p", { id: "error-not-found" }, "No report of this error in this range: widen the dates, or go back to all errors."))];
  }
  const row = rows[0];
  // Each error's tab says which error it shows, not "Error" as every other one.
  document.title = `${row.errorClass} · Error · Pulse`;
  const [trend, versions] = await Promise.all([fetchRows(path + "/trend", filters), fetchRows(path + "/versions", filters)]);
  return [
    back,
    h("h1", {}, h("code", {}, row.errorClass)),
    h("p", { class: "lead message" }, row.message),
    h(
      "dl",
      { class: "facts" },
      fact("Count", formatNumber(row.count), "count"),
      fact("Installs", formatNumber(row.installs), "installs"),
      fact("Versions", versionList(row.versions), "versions", true),
      fact("First seen in range", formatInstant(row.firstSeen), "firstSeen"),
      fact("Last seen in range", formatInstant(row.lastSeen), "lastSeen"),
      fact("Fingerprint", h("code", {}, row.fingerprint), "fingerprint")
    ),
    h("div", { class: "grid two" }, trendCard(trend), versionsCard(versions)),
    card("Sample, with its cause chain", h("ol", { class: "chain" }, chain(row.sample).map(causeItem))),
  ];
}
