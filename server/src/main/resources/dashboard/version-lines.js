// Which versions the "adoption over time" chart draws: the ones most installs run on the range's
// last day, then the ones that had the largest share on some day; the rest add up to one line.
import { newestFirst } from "./dom.js";

/** Most lines for the versions leading on the last day. */
export const LAST_DAY_LINES = 4;
/** Most further lines for the versions with the highest peak share. */
export const PEAK_LINES = 2;
/** The label of the line that sums every version not drawn on its own. */
export const OTHER = "other versions";

// A share as a percentage with one decimal: lines stay comparable with the "other" sum.
const percent = (share) => Math.round(share * 1000) / 10;

/**
 * The chart's days and lines from the versions API's rows ({day, version, share}).
 * @returns {{days: string[], lines: {label: string, values: number[]}[]}}
 */
export function adoptionLines(rows) {
  const days = [...new Set(rows.map((r) => r.day))].sort();
  const share = new Map(rows.map((r) => [r.day + " " + r.version, r.share]));
  const shareOn = (day, version) => share.get(day + " " + version) ?? 0;
  const order = newestFirst([...new Set(rows.map((r) => r.version))]);
  const newer = (a, b) => order.indexOf(a) - order.indexOf(b);
  const lastDay = days[days.length - 1];
  const peak = new Map(order.map((v) => [v, Math.max(...days.map((day) => shareOn(day, v)))]));

  const leading = order
    .filter((v) => shareOn(lastDay, v) > 0)
    .sort((a, b) => shareOn(lastDay, b) - shareOn(lastDay, a) || newer(a, b))
    .slice(0, LAST_DAY_LINES);
  const peaked = order
    .filter((v) => !leading.includes(v))
    .sort((a, b) => peak.get(b) - peak.get(a) || newer(a, b))
    .slice(0, PEAK_LINES);
  const drawn = [...leading, ...peaked];
  const rest = order.filter((v) => !drawn.includes(v));

  const lines = drawn.map((version) => ({ label: version, values: days.map((day) => percent(shareOn(day, version))) }));
  if (rest.length) {
    lines.push({
      label: OTHER,
      values: days.map((day) => percent(rest.reduce((sum, v) => sum + shareOn(day, v), 0))),
    });
  }
  return { days, lines };
}
