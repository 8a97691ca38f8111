// First run: no component has reported to this server yet. Instead of a wall of zeros, the page
// says how to send the first event here. The server marks its shell with data-first-run: "empty"
// (no record at all) or "no-component" (a test event or other records arrived, no component event).
import { card, h } from "./dom.js";

/** Whether the server said it holds no component event yet. */
export function isFirstRun(main) {
  return Boolean(main.dataset.firstRun);
}

function testArrived(main) {
  return main.dataset.firstRun === "no-component";
}

/** This server's address as components see it: the origin and the base path, if any. */
export function serverAddress(base = document.baseURI) {
  return new URL(".", base).href.replace(/\/$/, "");
}

/** The command that sends one test event to this server, as a user would type it. */
export function sendTestCommand(origin = serverAddress()) {
  return `pulse send-test --api-address=${origin}`;
}

function step(title, ...content) {
  return h("li", {}, h("strong", {}, title), ...content);
}

function checkStep(main, origin) {
  const command = h("pre", {}, h("code", { id: "send-test-command" }, sendTestCommand(origin)));
  if (testArrived(main)) {
    return step("Check the path end to end: done.",
      h("p", { id: "test-arrived" }, "Records have arrived (a test event, CLI use or error reports): machines reach this server. A test event shows on the CLI page. To check another machine, run:"),
      command);
  }
  return step("Check the path end to end.",
    h("p", {}, "From any machine that can reach this server, run:"),
    command,
    h("p", {}, "It sends one test event (shown on the CLI page) and says whether it was delivered."));
}

export function firstRunPanel(main, origin = serverAddress()) {
  return [
    h("h1", {}, "Welcome to Pulse"),
    card(
      "No component has reported to this server yet",
      h("div", { class: "first-run", id: "first-run", "data-stage": main.dataset.firstRun },
        h("p", {}, "Charts and tables appear here once the first component reports. To get there:"),
        h("ol", {},
          checkStep(main, origin),
          step("Point your components at this server.",
            h("p", {}, "Set each component's API address to this server (it appends /telemetry/query):"),
            h("pre", {}, h("code", { id: "api-address-setting" }, `OTTERIZE_API_ADDRESS=${origin}`)),
            h("p", {}, "or the Helm value ", h("code", {}, "global.telemetry.apiAddress"),
              ", or the flag ", h("code", {}, "--api-address"), ". Reload this page once it runs."))),
        h("p", {},
          "More in the documentation: ",
          h("a", { href: "docs/client.md", id: "first-run-docs" }, "where components send (client.md)"),
          ", ",
          h("a", { href: "docs/cli.md" }, "the pulse command (cli.md)"),
          "."))
    ),
  ];
}
