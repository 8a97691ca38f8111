// Entry point of every dashboard page: binds the filters, marks the current page in the
// navigation, then lets the page module fill <main> from the analytics API.
import { bindFilterForm, rangeProblem, readFilters, withFilters } from "./filters.js";
import { failureNote, h } from "./dom.js";
import { firstRunPanel, isFirstRun } from "./first-run.js";
import { hideUnusedFilters, withPageDefaults } from "./page-defaults.js";

const ROUTES = [
  { pattern: /^\/$/, page: "overview", title: "Overview" },
  { pattern: /^\/features$/, page: "features", title: "Features" },
  { pattern: /^\/cli$/, page: "cli", title: "CLI" },
  { pattern: /^\/errors$/, page: "errors", title: "Errors" },
  { pattern: /^\/errors\/([^/]+)$/, page: "error-detail", title: "Error", nav: "errors" },
  { pattern: /^\/retention$/, page: "retention", title: "Retention" },
  { pattern: /^\/releases$/, page: "releases", title: "Releases" },
];

// The page's path below the server's base path (the <base href>): "/errors" under "/pulse/" too. The
// server answers "/features/" as "/features": the address bar is set to the page's own path.
function pagePath() {
  const base = new URL(document.baseURI).pathname;
  const path = location.pathname;
  const page = path.startsWith(base) ? "/" + path.slice(base.length) : path;
  const trimmed = page.replace(/(.)\/+$/, "$1");
  const cut = page.length - trimmed.length;
  if (cut) history.replaceState(history.state, "", path.slice(0, path.length - cut) + location.search + location.hash);
  return trimmed;
}

// A line under the filter form, where the form tells what it makes of the filters.
function tellInForm(text) {
  const line = document.getElementById("filter-error");
  line.textContent = text;
  line.hidden = false;
}

// A component the form does not offer (CLI, whose records have no component type; a mistyped one)
// would show zeros under a blank select, or fail: the page shows every component and says why.
function offeredComponent(form, filters, page) {
  const offered = [...form.elements.component.options].map((option) => option.value);
  if (!filters.component || offered.includes(filters.component) || page === "cli") return filters;
  const why = filters.component === "CLI" ? "CLI commands are on the CLI page" : "no component has that type";
  tellInForm(`Component "${filters.component}" is not one to filter by (${why}): showing all components.`);
  const url = new URL(location.href);
  url.searchParams.delete("component");
  history.replaceState(history.state, "", url.pathname + url.search + url.hash);
  return { ...filters, component: "" };
}

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
  brand.href = withFilters("./", filters);
}

async function start() {
  const current = route(pagePath());
  const form = document.getElementById("filters");
  const filters = offeredComponent(form, readFilters(withPageDefaults(current.page)), current.page);
  document.title = `${current.title} · Pulse`;
  bindFilterForm(form, filters);
  markNavigation(current, filters);

  // A range edited by hand into the URL is told in the form's words, as if chosen in the form.
  const problem = rangeProblem(filters.from, filters.to);
  const main = document.getElementById("page");
  if (problem) {
    tellInForm(problem);
    main.replaceChildren(h("h1", {}, current.title), h("p", { class: "empty" }, "Choose another range above."));
    main.dataset.state = "ready";
    return;
  }
  await show(main, current, filters);
}

async function show(main, current, filters) {
  try {
    const module = await import(`./pages/${current.page}.js`);
    hideUnusedFilters(document.getElementById("filters"), module);
    // CLI records are not component events: the CLI page shows them even on a first run.
    const firstRun = isFirstRun(main) && current.page !== "cli";
    if (firstRun) document.getElementById("filters").hidden = true;
    const content = firstRun ? firstRunPanel(main) : await module.render(filters, current.param);
    main.replaceChildren(...content);
    main.dataset.state = "ready";
  } catch (error) {
    main.replaceChildren(
      h("h1", {}, current.title),
      failureNote("Could not load this page: " + error.message, () => {
        main.replaceChildren(h("h1", {}, current.title), h("p", { class: "loading" }, "Loading…"));
        main.dataset.state = "loading";
        show(main, current, filters);
      })
    );
    main.dataset.state = "error";
  }
}

start();
