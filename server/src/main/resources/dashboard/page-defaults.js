// Page-specific defaults, applied only when the URL does not say otherwise.

import { addDays, todayUtc } from "./filters.js";

/** Retention follows a cohort for 12 weeks, so its default range is 13 ISO weeks (docs/dashboard.md). */
export const RETENTION_WEEKS = 13;

/** The Monday that starts the ISO week holding isoDay, RETENTION_WEEKS - 1 weeks back. */
export function retentionFrom(to) {
  const weekday = (new Date(to + "T00:00:00Z").getUTCDay() + 6) % 7; // Monday 0 .. Sunday 6
  return addDays(to, -weekday - 7 * (RETENTION_WEEKS - 1));
}

/** The query string a page starts from: with the page's default range when the URL has none. */
export function withPageDefaults(page, search = location.search) {
  const query = new URLSearchParams(search);
  if (page !== "retention" || query.has("from") || query.has("to")) return search;
  const to = todayUtc();
  query.set("from", retentionFrom(to));
  query.set("to", to);
  return "?" + query.toString();
}

/** Hides the filters a page does not use (a page module exports componentFilter = false). */
export function hideUnusedFilters(form, module) {
  if (module.componentFilter === false) form.elements.component.closest(".field").hidden = true;
}
