// Errors: grouped by fingerprint, most frequent first; each links to its detail page.
import { fetchRows } from "../api.js";
import { card, emptyNote, formatInstant, formatNumber, h, table, versionList } from "../dom.js";
import { withFilters } from "../filters.js";

export async function render(filters) {
  const rows = await fetchRows("errors", filters);
  const heading = h("h1", {}, "Errors");
  if (!rows.length) return [heading, card("Error groups", emptyNote())];
  const sorted = [...rows].sort((a, b) => b.count - a.count);
  return [
    heading,
    card(
      "Error groups",
      h("p", { class: "note" }, `${sorted.length} distinct errors, grouped by fingerprint.`),
      table(
        [
          {
            label: "Error",
            key: "error",
            value: (r) =>
              h(
                "a",
                { href: withFilters("/errors/" + encodeURIComponent(r.fingerprint), filters), class: "error-link" },
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
          { label: "First seen", key: "firstSeen", value: (r) => formatInstant(r.firstSeen) },
          { label: "Last seen", key: "lastSeen", value: (r) => formatInstant(r.lastSeen) },
        ],
        sorted,
        { id: "errors-table", class: "stackable" }
      )
    ),
  ];
}
