// CLI: commands (noun + verb) and their modifiers, by invocations and by distinct installs.
// CLI records carry no component type, so the API ignores the component filter here and the page
// does not offer it (app.js hides it when a page exports componentFilter = false).
import { fetchRows } from "../api.js";
import { barCell, card, emptyNote, formatNumber, h, table } from "../dom.js";
import { isFirstRun, sendTestCommand } from "../first-run.js";

export const componentFilter = false;

function command(row) {
  return [row.noun, row.verb].filter(Boolean).join(" ");
}

// Each modifier stays on one line; a long list wraps between modifiers, never inside one.
function modifierList(modifiers) {
  if (!modifiers) return "—";
  const names = modifiers.split(" ").filter(Boolean);
  return h("span", {}, names.flatMap((name, i) => [i ? " " : "", h("span", { class: "modifier" }, name)]));
}

// Invocations add up across versions and modifiers; distinct installs do not, so the summary
// shows invocations only.
function commandTotals(rows) {
  const totals = new Map();
  for (const row of rows) totals.set(command(row), (totals.get(command(row)) || 0) + row.invocations);
  return [...totals].map(([name, invocations]) => ({ name, invocations })).sort((a, b) => b.invocations - a.invocations);
}

// On a first run the other pages show how to send a test event, which shows here: so does this page.
function firstRunHint() {
  if (!isFirstRun(document.getElementById("page"))) return [];
  return [
    h("p", { id: "cli-first-run" }, "Nothing has reported to this server yet. To check the path end to end, run"
      + " this from any machine that can reach it; its test event shows here:"),
    h("pre", {}, h("code", {}, sendTestCommand())),
  ];
}

export async function render(filters) {
  const rows = await fetchRows("cli", filters);
  const heading = h("h1", {}, "CLI");
  if (!rows.length) return [heading, card("Commands", emptyNote(), ...firstRunHint())];
  const totals = commandTotals(rows);
  const maxTotal = Math.max(...totals.map((t) => t.invocations));
  const detail = [...rows].sort((a, b) => b.invocations - a.invocations);
  const maxDetail = Math.max(...detail.map((r) => r.invocations));
  return [
    heading,
    h(
      "div",
      { class: "cli-layout" },
      card(
        "Commands",
        h("p", { class: "note" }, "Invocations per command, all versions and modifiers."),
        table(
          [
            { label: "Command", key: "command", value: (t) => h("code", {}, t.name) },
            { label: "Invocations", key: "invocations", value: (t) => barCell(t.invocations, maxTotal) },
          ],
          totals,
          { id: "cli-commands" }
        )
      ),
      card(
        "By modifiers and version",
        table(
          [
            { label: "Command", key: "command", value: (r) => h("code", {}, command(r)) },
            { label: "Modifiers", key: "modifiers", value: (r) => modifierList(r.modifiers) },
            { label: "Version", key: "version", value: (r) => r.version },
            { label: "Invocations", key: "invocations", value: (r) => barCell(r.invocations, maxDetail) },
            { label: "Installs", key: "installs", numeric: true, value: (r) => formatNumber(r.installs) },
          ],
          detail,
          { id: "cli-detail", class: "stackable" }
        )
      )
    ),
  ];
}
