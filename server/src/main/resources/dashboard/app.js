// Entry point of every dashboard page: binds the filters, marks the current page in the
// navigation, then lets the page module fill <main> from the analytics API.
import { bindFilterForm, readFilters, withFilters } from "./filters.js";
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

// The page's path below the server's base path (the <base href>): "/errors" under "/pulse/" too.
function pagePath() {
  const base = new URL(document.baseURI).pathname;
  const path = location.pathname;
  return path.startsWith(base) ? "/" + path.slice(base.length) : path;
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
  const filters = readFilters(withPageDefaults(current.page));
  document.title = `${current.title} · Pulse`;
  bindFilterForm(document.getElementById("filters"), filters);
  markNavigation(current, filters);

  await show(document.getElementById("page"), current, filters);
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
