// Releases: per version its first day, installs now, peak and how fast it got there; and the
// adoption curves of the latest versions, day 0 being each version's first day.
import { fetchRows } from "../api.js";
import { timeChart } from "../chart.js";
import { card, emptyNote, formatNumber, h, table } from "../dom.js";
import { stateSelect } from "../filters.js";

const COLORS = ["--series-1", "--series-2", "--series-3", "--series-4", "--series-5"];
const CURVE_UNITS = [
  { value: "installs", label: "Installs" },
  { value: "peak", label: "% of its peak" },
];

function daysTo(value) {
  return value === null || value === undefined ? "—" : formatNumber(value);
}

// Versions are strings: two components that both ship v1.2.0 share its row until one is chosen.
function everyComponentNote(filters) {
  if (filters.component) return null;
  return h(
    "p",
    { class: "note", id: "every-component-note" },
    "The versions of every component together: a version number two components share is one row. Choose a component above to see its releases alone."
  );
}

function releasesCard(rows, filters) {
  if (!rows.length) return card("Versions", emptyNote());
  return card(
    "Versions",
    h(
      "p",
      { class: "note" },
      "Now is the range's last day (or the data's last day, if earlier). Days to N%: from the version's first day to the first day with at least N% of its peak; — for versions older than 400 days."
    ),
    everyComponentNote(filters),
    table(
      [
        { label: "Version", key: "version", value: (r) => h("code", {}, r.version) },
        { label: "First seen", key: "firstSeen", value: (r) => r.firstSeen },
        { label: "Installs now", key: "installsNow", numeric: true, value: (r) => formatNumber(r.installsNow) },
        { label: "Peak", key: "peak", numeric: true, value: (r) => formatNumber(r.peak) },
        { label: "Peak day", key: "peakDay", value: (r) => r.peakDay ?? "—" },
        { label: "Days to 10%", key: "daysTo10", numeric: true, value: (r) => daysTo(r.daysTo10) },
        { label: "Days to 50%", key: "daysTo50", numeric: true, value: (r) => daysTo(r.daysTo50) },
        { label: "Days to 90%", key: "daysTo90", numeric: true, value: (r) => daysTo(r.daysTo90) },
      ],
      rows,
      { id: "releases-table", class: "stackable" }
    )
  );
}

// One line per version over days 0..the longest curve; a shorter curve ends in gaps (null).
function curveLines(adoption, versions, unit) {
  const length = Math.max(...adoption.map((r) => r.day)) + 1;
  const days = Array.from({ length }, (_, day) => day);
  const lines = versions.map((version, i) => {
    const installs = new Array(length).fill(null);
    for (const r of adoption) if (r.version === version) installs[r.day] = r.installs;
    const peak = Math.max(...installs.filter((v) => v !== null));
    const values =
      unit === "peak" ? installs.map((v) => (v === null ? null : peak > 0 ? Math.round((v / peak) * 1000) / 10 : 0)) : installs;
    return { label: version, color: COLORS[i % COLORS.length], values };
  });
  return { days, lines };
}

function drawCurves(holder, adoption, versions, unit) {
  const { days, lines } = curveLines(adoption, versions, unit);
  const label = unit === "peak" ? "Adoption (% of peak installs)" : "Adoption (installs)";
  holder.dataset.unit = unit;
  holder.replaceChildren();
  timeChart(holder, days, lines, {
    label,
    offsets: true,
    xLabel: "days since first seen",
    yMax: unit === "peak" ? 100 : null,
    table: true,
  });
}

function curvesCard(adoption, releases) {
  const title = "Adoption of the latest versions";
  if (!adoption.length) return card(title, emptyNote("No version first seen in the last 400 days ran in this range."));
  const firstSeen = new Map(releases.map((r) => [r.version, r.firstSeen]));
  const versions = [...new Set(adoption.map((r) => r.version))].sort(
    (a, b) => (firstSeen.get(b) ?? "").localeCompare(firstSeen.get(a) ?? "") || a.localeCompare(b)
  );
  const holder = h("div", { class: "curves", id: "adoption-curves" });
  const control = stateSelect("curve", "Show", CURVE_UNITS, (unit) => drawCurves(holder, adoption, versions, unit));
  const section = card(title, h("p", { class: "note" }, "Installs on each version by days since its first day (day 0)."), control, holder);
  drawCurves(holder, adoption, versions, control.querySelector("select").value);
  return section;
}

export async function render(filters) {
  const [releases, adoption] = await Promise.all([
    fetchRows("releases", filters),
    fetchRows("release-adoption", filters),
  ]);
  return [h("h1", {}, "Releases"), releasesCard(releases, filters), curvesCard(adoption, releases)];
}
