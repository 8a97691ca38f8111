// Time-series charts with uPlot (served from its WebJar). Every chart gets a CSV download of the
// numbers it draws, and a table of them unless the page shows one beside it, so nothing needs
// hovering to be read.
import uPlot from "./lib/uplot.js";
import { chartData } from "./chart-data.js";
import { countAxis } from "./count-axis.js";

const HEIGHT = 260;

function toSeconds(isoDay) {
  return Date.parse(isoDay + "T00:00:00Z") / 1000;
}

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

function shortDay(seconds) {
  const date = new Date(seconds * 1000);
  return `${MONTHS[date.getUTCMonth()]} ${date.getUTCDate()}`;
}

// An x axis of calendar days, or of plain day numbers ("days since a version's first day").
function xAxis(offsets, xLabel) {
  if (offsets) {
    return {
      scale: { time: false },
      values: (u, splits) => splits.map((n) => (Number.isInteger(n) ? String(n) : "")),
      series: { label: xLabel, value: (u, n) => (n == null ? "—" : String(n)) },
    };
  }
  return {
    scale: { time: true },
    values: (u, splits) => splits.map(shortDay),
    series: { label: "Day", value: (u, ts) => (ts == null ? "—" : new Date(ts * 1000).toISOString().slice(0, 10)) },
  };
}

const SCHEME = matchMedia("(prefers-color-scheme: dark)");

function options(width, series, { bars, yMax, offsets, xLabel }) {
  const x = xAxis(offsets, xLabel);
  // The page's colours (light or dark, dashboard.css): a canvas does not follow the stylesheet.
  const style = getComputedStyle(document.documentElement);
  const axis = style.getPropertyValue("--axis").trim();
  const grid = style.getPropertyValue("--grid").trim();
  const colour = (c) => (c.startsWith("--") ? style.getPropertyValue(c).trim() : c);
  return {
    width,
    height: HEIGHT,
    tzDate: (ts) => uPlot.tzDate(new Date(ts * 1000), "Etc/UTC"),
    cursor: { drag: { x: false, y: false } },
    legend: { live: false },
    scales: { x: x.scale, y: { range: (u, min, max) => [0, yMax ?? Math.max(1, max * 1.1)] } },
    axes: [
      { stroke: axis, grid: { stroke: grid }, values: x.values },
      countAxis({ stroke: axis, grid: { stroke: grid } }),
    ],
    series: [
      x.series,
      ...series.map((s) => ({
        label: s.label,
        stroke: colour(s.color),
        width: 2,
        fill: bars ? colour(s.color) + "cc" : s.fill,
        paths: bars ? uPlot.paths.bars({ size: [0.7, 40] }) : undefined,
        points: { show: !bars && s.values.length <= 31 },
      })),
    ],
  };
}

/**
 * Draws a chart of days × series into container, followed by its CSV download (named after the
 * label) and, with {@code table}, a folded table of the same numbers.
 * @param days ISO days, or with {@code offsets} whole numbers (days since a start)
 * @param series [{label, color, values}] aligned with days; a color may name a stylesheet variable ("--series-1")
 */
export function timeChart(
  container,
  days,
  series,
  { bars = false, label = "", yMax = null, offsets = false, xLabel = "day", table = false } = {}
) {
  const wrap = document.createElement("div");
  wrap.className = "chart";
  wrap.dataset.chart = label;
  const description = `${label} chart, ${xLabel} ${days[0]} to ${days[days.length - 1]}; the table has the values.`;
  container.append(wrap);
  const header = [xLabel, ...series.map((s) => s.label)];
  const rows = days.map((day, i) => [day, ...series.map((s) => s.values[i])]);
  container.append(chartData(label, header, rows, table));
  const data = [offsets ? days : days.map(toSeconds), ...series.map((s) => s.values)];
  const settings = { bars, yMax, offsets, xLabel };
  const draw = () => accessible(new uPlot(options(Math.max(280, wrap.clientWidth), series, settings), data, wrap),
    description);
  let plot = draw();
  new ResizeObserver(() => {
    const width = Math.max(280, wrap.clientWidth);
    if (Math.abs(width - plot.width) > 1) plot.setSize({ width, height: HEIGHT });
  }).observe(wrap);
  // Colours are read when a chart is drawn: drawn again when the reader's scheme changes.
  SCHEME.addEventListener("change", () => {
    plot.destroy();
    plot = draw();
  });
}

/**
 * The plot's canvas says nothing to a screen reader: its area is an image described in words (the
 * table next to it has the numbers). uPlot's legend hides or shows a series on a click of its name:
 * each name is a button that a keyboard reaches and presses too, saying whether its series is shown.
 */
function accessible(plot, description) {
  const area = plot.root.querySelector(".u-wrap");
  area.setAttribute("role", "img");
  area.setAttribute("aria-label", description);
  // Without a live legend, uPlot lists the series only, not the x axis.
  plot.root.querySelectorAll(".u-legend .u-series").forEach((row) => {
    const name = row.querySelector("th");
    const pressed = () => name.setAttribute("aria-pressed", String(!row.classList.contains("u-off")));
    name.tabIndex = 0;
    name.setAttribute("role", "button");
    pressed();
    name.addEventListener("click", pressed); // after uPlot's own, which toggles the series
    name.addEventListener("keydown", (e) => {
      if (e.key === "Enter" || e.key === " ") {
        e.preventDefault();
        name.click();
      }
    });
  });
  return plot;
}
