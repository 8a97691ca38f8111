// Entry point of every dashboard page: binds the filters, marks the current page in the
// navigation, then lets the page module fill <main> from the analytics API.
import { bindFilterForm, readFilters, withFilters } from "./filters.js";
import { h } from "./dom.js";

const ROUTES = [
  { pattern: /^\/$/, page: "overview", title: "Overview" },
  { pattern: /^\/features$/, page: "features", title: "Features" },
  { pattern: /^\/cli$/, page: "cli", title: "CLI" },
  { pattern: /^\/errors$/, page: "errors", title: "Errors" },
  { pattern: /^\/errors\/([^/]+)$/, page: "error-detail", title: "Error", nav: "errors" },
  { pattern: /^\/retention$/, page: "retention", title: "Retention" },
  { pattern: /^\/releases$/, page: "releases", title: "Releases" },
];

function route(path) {
  for (const r of ROUTES) {
    const match = path.match(r.pattern);
    if (match) return { ...r, param: match[1] ? decodeURIComponent(match[1]) : null };
  }
  return ROUTES[0];
}

function markNavigation(current, filters) {
  for (const link of document.querySelectorAll("nav a[data-page]")) {
    link.href = withFilters(link.getAttribute("href").split("?")[0], filters);
    if (link.dataset.page === (current.nav || current.page)) link.setAttribute("aria-current", "page");
  }
  const brand = document.querySelector("a.brand");
  brand.href = withFilters("/", filters);
}

async function start() {
  const filters = readFilters();
  const current = route(location.pathname);
  document.title = `${current.title} · Pulse`;
  bindFilterForm(document.getElementById("filters"), filters);
  markNavigation(current, filters);

  const main = document.getElementById("page");
  try {
    const module = await import(`./pages/${current.page}.js`);
    const content = await module.render(filters, current.param);
    main.replaceChildren(...content);
    main.dataset.state = "ready";
  } catch (error) {
    main.replaceChildren(
      h("h1", {}, current.title),
      h("p", { class: "failure", role: "alert" }, "Could not load this page: " + error.message)
    );
    main.dataset.state = "error";
  }
}

start();
