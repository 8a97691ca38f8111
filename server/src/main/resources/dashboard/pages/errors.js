// Errors: grouped by fingerprint, most frequent first; each links to its detail page.
import { fetchRows } from "../api.js";
import { card, emptyNote, formatInstant, formatNumber, h, table, versionList } from "../dom.js";
import { stateSelect, withFilters } from "../filters.js";

// The order of the list, kept in the URL (?sort=) so a shared link shows the same list.
const ORDERS = [
  { value: "count", label: "Most reports", compare: (a, b) => b.count - a.count },
  { value: "installs", label: "Most installs", compare: (a, b) => b.installs - a.installs || b.count - a.count },
  { value: "lastSeen", label: "Latest seen in range", compare: (a, b) => b.lastSeen.localeCompare(a.lastSeen) },
  { value: "firstSeen", label: "Newest first seen in range", compare: (a, b) => b.firstSeen.localeCompare(a.firstSeen) },
];

export async function render(filters) {
  const rows = await fetchRows("errors", filters);
  const heading = h("h1", {}, "Errors");
  if (!rows.length) return [heading, card("Error groups", emptyNote())];
  const ordered = (order) => [...rows].sort(ORDERS.find((o) => o.value === order).compare);
  let list = null;
  const control = stateSelect("sort", "Order by", ORDERS, (order) => {
    const next = errorTable(ordered(order), filters);
    list.replaceWith(next);
    list = next;
  });
  list = errorTable(ordered(control.querySelector("select").value), filters);
  return [
    heading,
    card("Error groups", h("p", { class: "note" }, `${rows.length} distinct errors, grouped by fingerprint.`), control, list),
  ];
}

function errorTable(sorted, filters) {
  return table(
    [
      {
        label: "Error",
        key: "error",
        value: (r) =>
          h(
            "a",
            { href: withFilters("errors/" + encodeURIComponent(r.fingerprint), filters), class: "error-link" },
            h("code", {}, r.errorClass),
            h("span", { class: "message" }, r.message)
          ),
      },
      { label: "Count", key: "count", numeric: true, value: (r) => formatNumber(r.count) },
      { label: "Installs", key: "installs", numeric: true, value: (r) => formatNumber(r.installs) },
      {
        label: "Versions",
        key: "versions",
        value: (r) => h("span", { class: "versions", title: versionList(r.versions) }, versionList(r.versions, 3)),
      },
      { label: "First seen in range", key: "firstSeen", value: (r) => formatInstant(r.firstSeen) },
      { label: "Last seen in range", key: "lastSeen", value: (r) => formatInstant(r.lastSeen) },
    ],
    sorted,
    { id: "errors-table", class: "stackable" }
  );
}
