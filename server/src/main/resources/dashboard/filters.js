// The filters live in the page URL (?from=&to=&component=), so a view can be bookmarked and shared;
// so do a page's own controls (a period, a sort order), kept up to date with history.replaceState.
// Dates are UTC calendar days, as in the API.

const DEFAULT_DAYS = 28;
const FILTER_NAMES = ["from", "to", "component"];

/**
 * Today as the server counts it (the page carries it), since the API cuts a range at the server's
 * today: a browser whose clock is ahead, around midnight UTC, would otherwise ask for a day that has
 * not begun there. The browser's own UTC day only where a page does not carry one.
 */
export function todayUtc() {
  return document.getElementById("page")?.dataset.today || new Date().toISOString().slice(0, 10);
}

export function addDays(isoDay, days) {
  const date = new Date(isoDay + "T00:00:00Z");
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/** How a day is written in the URL and the API: 2026-10-25. */
const DAY = /^\d{4}-\d{2}-\d{2}$/;

export function readFilters(search = location.search) {
  const query = new URLSearchParams(search);
  // A To after today is cut to today, as the API cuts it: the form, the notes and the period follow.
  const today = todayUtc();
  const asked = query.get("to");
  const to = !asked || (DAY.test(asked) && asked > today) ? today : asked;
  const from = query.get("from") || addDays(to, -(DEFAULT_DAYS - 1));
  // Component types are upper case; the API takes any case, so a hand-edited ?component=network_mapper
  // filters the data and must show in the Component select too.
  const component = (query.get("component") || "").trim().toUpperCase();
  return { from, to, component };
}

export function toQuery(filters) {
  const query = new URLSearchParams({ from: filters.from, to: filters.to });
  if (filters.component) query.set("component", filters.component);
  return query.toString();
}

export function withFilters(path, filters) {
  return path + "?" + toQuery(filters);
}

/** The longest range the API takes, in days. */
const MAX_DAYS = 400;
const FIRST_DAY = "1970-01-01";

/**
 * What is wrong with a range chosen in the form, in our words; null when the API will take it. A
 * {@code to} after today is fine: the API cuts it to today.
 */
export function rangeProblem(from, to, today = todayUtc()) {
  if (!from || !to) return "Choose both dates, From and To.";
  for (const [name, day] of [["From", from], ["To", to]]) {
    if (!DAY.test(day) || Number.isNaN(Date.parse(day))) {
      return `${name} (${day.slice(0, 40)}) is not a day such as ${today}: choose the dates again.`;
    }
  }
  if (from < FIRST_DAY || to < FIRST_DAY) return `The dates start on ${FIRST_DAY}: choose a later day.`;
  if (from > to) return `From (${from}) is after To (${to}): choose a From on or before the To.`;
  if (from > today) return `From (${from}) is after today (${today}, UTC): no data has come in for it yet.`;
  const last = to > today ? today : to;
  const days = (Date.parse(last) - Date.parse(from)) / 86400000 + 1;
  if (days > MAX_DAYS) return `The range is ${days} days long; the longest is ${MAX_DAYS}: move From later or To earlier.`;
  return null;
}

export function bindFilterForm(form, filters) {
  form.elements.from.value = filters.from;
  form.elements.to.value = filters.to;
  form.elements.component.value = filters.component;
  form.action = location.pathname;
  // The date pickers offer only days the API takes; the range itself is checked on submit, so that
  // a reversed or too long one is told here, in our words, not by the browser or the API.
  const today = todayUtc();
  for (const input of [form.elements.from, form.elements.to]) {
    input.min = FIRST_DAY;
    input.max = today;
  }
  form.noValidate = true;
  const error = document.getElementById("filter-error");
  form.addEventListener("submit", (event) => {
    const problem = rangeProblem(form.elements.from.value, form.elements.to.value, today);
    if (error) {
      error.textContent = problem || "";
      error.hidden = !problem;
    }
    if (problem) event.preventDefault();
  });
  // An empty component would otherwise land in the URL as "component=".
  form.addEventListener("formdata", (event) => {
    if (!event.formData.get("component")) event.formData.delete("component");
    // New dates keep the page's own state (its period, sort order...).
    for (const [name, value] of new URLSearchParams(location.search)) {
      if (!FILTER_NAMES.includes(name)) event.formData.set(name, value);
    }
  });
  form.elements.component.addEventListener("change", () => form.requestSubmit());
  for (const preset of form.querySelectorAll("[data-days]")) {
    preset.addEventListener("click", () => {
      const to = todayUtc();
      form.elements.to.value = to;
      form.elements.from.value = addDays(to, -(Number(preset.dataset.days) - 1));
      form.requestSubmit();
    });
  }
}

/**
 * A page control's value from the URL: one of {@code allowed}, else {@code fallback} (a hand-edited
 * or outdated URL still shows a page).
 */
export function readPageState(name, allowed, fallback, search = location.search) {
  const value = new URLSearchParams(search).get(name);
  return allowed.includes(value) ? value : fallback;
}

/** Puts a page control's value in the URL without reloading; its default is left out. */
export function writePageState(name, value, fallback) {
  const url = new URL(location.href);
  if (value === fallback) url.searchParams.delete(name);
  else url.searchParams.set(name, value);
  history.replaceState(history.state, "", url.pathname + url.search + url.hash);
}

/**
 * A labelled select bound to the URL parameter {@code name}: it starts from the URL and every
 * change is written back, then handed to {@code onChange}.
 * @param choices [{value, label}]; the first is the default
 */
export function stateSelect(name, label, choices, onChange) {
  const values = choices.map((c) => c.value);
  const select = document.createElement("select");
  select.id = `state-${name}`;
  select.name = name;
  for (const choice of choices) select.append(new Option(choice.label, choice.value));
  select.value = readPageState(name, values, values[0]);
  select.addEventListener("change", () => {
    writePageState(name, select.value, values[0]);
    onChange(select.value);
  });
  const wrap = document.createElement("label");
  wrap.className = "state-control";
  wrap.append(label + " ", select);
  return wrap;
}
