// One error group: its figures and one sample with the whole cause chain and stacks.
import { fetchRows } from "../api.js";
import { card, formatInstant, formatNumber, h, table, versionList } from "../dom.js";
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

export async function render(filters, fingerprint) {
  const rows = await fetchRows("errors/" + encodeURIComponent(fingerprint), filters);
  const back = h("p", {}, h("a", { href: withFilters("/errors", filters) }, "← All errors"));
  if (!rows.length) return [back, h("h1", {}, "Error not found"), card("Sample", h("p", {}, "No such error in this range."))];
  const row = rows[0];
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
      fact("First seen", formatInstant(row.firstSeen), "firstSeen"),
      fact("Last seen", formatInstant(row.lastSeen), "lastSeen"),
      fact("Fingerprint", h("code", {}, row.fingerprint), "fingerprint")
    ),
    card("Sample, with its cause chain", h("ol", { class: "chain" }, chain(row.sample).map(causeItem))),
  ];
}
