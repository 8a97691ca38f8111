// The filters live in the page URL (?from=&to=&component=), so a view can be bookmarked and shared.
// Dates are UTC calendar days, as in the API.

const DEFAULT_DAYS = 28;

export function todayUtc() {
  return new Date().toISOString().slice(0, 10);
}

export function addDays(isoDay, days) {
  const date = new Date(isoDay + "T00:00:00Z");
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

export function readFilters(search = location.search) {
  const query = new URLSearchParams(search);
  const to = query.get("to") || todayUtc();
  const from = query.get("from") || addDays(to, -(DEFAULT_DAYS - 1));
  return { from, to, component: query.get("component") || "" };
}

export function toQuery(filters) {
  const query = new URLSearchParams({ from: filters.from, to: filters.to });
  if (filters.component) query.set("component", filters.component);
  return query.toString();
}

export function withFilters(path, filters) {
  return path + "?" + toQuery(filters);
}

export function bindFilterForm(form, filters) {
  form.elements.from.value = filters.from;
  form.elements.to.value = filters.to;
  form.elements.component.value = filters.component;
  form.action = location.pathname;
  // An empty component would otherwise land in the URL as "component=".
  form.addEventListener("formdata", (event) => {
    if (!event.formData.get("component")) event.formData.delete("component");
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
