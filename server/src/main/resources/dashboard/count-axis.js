// A y axis for counts (installs, reports): ticks on whole numbers only. uPlot picks its tick step
// from `incrs`; without them a chart whose largest value is 1 gets steps of 0.2 installs.
// Used as: axes: [xAxis, countAxis({ stroke, grid })] (chart.js).

/** Tick steps allowed on a count axis: 1, 2, 5, 10, 20, 50, ... up to 5e15. */
export const COUNT_STEPS = Array.from({ length: 16 }, (_, power) => [1, 2, 5].map((m) => m * 10 ** power)).flat();

const integer = new Intl.NumberFormat("en-US");

/** A uPlot axis spec for counts, from the chart's own settings (stroke, grid, ...). */
export function countAxis(settings = {}) {
  return { ...settings, incrs: COUNT_STEPS, values: (u, splits) => splits.map((n) => integer.format(n)) };
}
