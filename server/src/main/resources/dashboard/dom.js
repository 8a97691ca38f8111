// Small DOM helpers. Data from the API only ever goes into text nodes, never into HTML.

export function h(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === null || value === undefined || value === false) continue;
    if (name === "class") element.className = value;
    else element.setAttribute(name, value === true ? "" : String(value));
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined) continue;
    element.append(child instanceof Node ? child : String(child));
  }
  return element;
}

const integer = new Intl.NumberFormat("en-US");
const decimal = new Intl.NumberFormat("en-US", { maximumFractionDigits: 1 });

export function formatNumber(value) {
  if (value === null || value === undefined) return "—";
  return Number.isInteger(value) ? integer.format(value) : decimal.format(value);
}

export function formatShare(share) {
  if (share === null || share === undefined) return "—";
  return Math.round(share * 100) + "%";
}

export function formatInstant(iso) {
  if (!iso) return "—";
  return iso.replace("T", " ").replace(/(\.\d+)?Z$/, " UTC");
}

/** A titled card: a section with a heading, an optional note, and content. */
export function card(title, ...content) {
  return h("section", { class: "card" }, h("h2", {}, title), ...content);
}

/** A failure in words, with a button that tries again ({@code retry}, called on a press). */
export function failureNote(text, retry) {
  const button = h("button", { type: "button", class: "retry" }, "Try again");
  button.addEventListener("click", retry);
  return h("div", { class: "failure-note" }, h("p", { class: "failure", role: "alert" }, text), button);
}

export function emptyNote(text = "No data in this range.") {
  return h("p", { class: "empty" }, text);
}

/**
 * A table from column specs {label, value(row) -> text|Node, numeric, key}. Each cell carries
 * data-col=key so tests and stylesheets can find a value without depending on column order, and
 * data-label so a "stackable" table can show one labelled card per row on a phone.
 */
export function table(columns, rows, attributes = {}) {
  const head = h("tr", {}, columns.map((c) => h("th", { scope: "col", class: c.numeric ? "num" : null }, c.label)));
  const body = rows.map((row) =>
    h(
      "tr",
      {},
      columns.map((c) =>
        h("td", { class: c.numeric ? "num" : null, "data-col": c.key, "data-label": c.label }, c.value(row))
      )
    )
  );
  return h("div", { class: "table-wrap" }, h("table", attributes, h("thead", {}, head), h("tbody", {}, body)));
}

/** A number with a horizontal bar behind it, scaled to max. */
export function barCell(value, max, text = formatNumber(value)) {
  const bar = h("span", { class: "bar", "aria-hidden": "true" });
  bar.style.setProperty("--fill", max > 0 ? (value / max).toFixed(4) : "0");
  return h("span", { class: "bar-cell" }, bar, h("span", { class: "bar-value" }, text));
}

/** Orders version strings by their numbers (v1.10.0 after v1.9.2), newest first. */
export function newestFirst(versions) {
  const parts = (v) => (v.match(/\d+/g) || []).map(Number);
  return [...versions].sort((a, b) => {
    const x = parts(a);
    const y = parts(b);
    for (let i = 0; i < Math.max(x.length, y.length); i++) {
      if ((x[i] ?? -1) !== (y[i] ?? -1)) return (y[i] ?? -1) - (x[i] ?? -1);
    }
    return b.localeCompare(a);
  });
}

/** The API's comma-joined versions, newest first, as text that wraps between versions. */
export function versionList(joined, limit = Infinity) {
  const versions = newestFirst((joined || "").split(",").filter(Boolean));
  if (versions.length <= limit) return versions.join(", ");
  return `${versions.slice(0, limit).join(", ")} and ${versions.length - limit} older`;
}
