// Time-series charts with uPlot (served from its WebJar). Every chart sits next to a table
// with the same numbers, so nothing needs hovering to be read.
import uPlot from "/dashboard/lib/uplot.js";

const HEIGHT = 260;

function toSeconds(isoDay) {
  return Date.parse(isoDay + "T00:00:00Z") / 1000;
}

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

function shortDay(seconds) {
  const date = new Date(seconds * 1000);
  return `${MONTHS[date.getUTCMonth()]} ${date.getUTCDate()}`;
}

function options(width, series, bars, yMax) {
  return {
    width,
    height: HEIGHT,
    tzDate: (ts) => uPlot.tzDate(new Date(ts * 1000), "Etc/UTC"),
    cursor: { drag: { x: false, y: false } },
    legend: { live: false },
    scales: { x: { time: true }, y: { range: (u, min, max) => [0, yMax ?? Math.max(1, max * 1.1)] } },
    axes: [
      { stroke: "#475569", grid: { stroke: "#eef2f7" }, values: (u, splits) => splits.map(shortDay) },
      { stroke: "#475569", grid: { stroke: "#eef2f7" } },
    ],
    series: [
      { label: "Day", value: (u, ts) => (ts == null ? "—" : new Date(ts * 1000).toISOString().slice(0, 10)) },
      ...series.map((s) => ({
        label: s.label,
        stroke: s.color,
        width: 2,
        fill: bars ? s.color + "cc" : s.fill,
        paths: bars ? uPlot.paths.bars({ size: [0.7, 40] }) : undefined,
        points: { show: !bars && s.values.length <= 31 },
      })),
    ],
  };
}

/**
 * Draws a chart of days × series into container.
 * @param series [{label, color, values}] aligned with days
 */
export function timeChart(container, days, series, { bars = false, label = "", yMax = null } = {}) {
  const wrap = document.createElement("div");
  wrap.className = "chart";
  // The canvas says nothing to a screen reader; the table next to it has the numbers.
  wrap.setAttribute("role", "img");
  wrap.setAttribute("aria-label", `${label} chart, ${days[0]} to ${days[days.length - 1]}; the table below has the values.`);
  container.append(wrap);
  const data = [days.map(toSeconds), ...series.map((s) => s.values)];
  const plot = new uPlot(options(Math.max(280, wrap.clientWidth), series, bars, yMax), data, wrap);
  new ResizeObserver(() => {
    const width = Math.max(280, wrap.clientWidth);
    if (Math.abs(width - plot.width) > 1) plot.setSize({ width, height: HEIGHT });
  }).observe(wrap);
  return plot;
}
