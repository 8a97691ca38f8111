// First run: no component has reported to this server yet. Instead of a wall of zeros, the page
// says how to send the first event here (the server marks its shell with data-first-run).
import { card, h } from "./dom.js";

/** Whether the server said it holds no component event yet. */
export function isFirstRun(main) {
  return main.dataset.firstRun === "true";
}

/** The command that sends one test event to this server, as a user would type it. */
export function sendTestCommand(origin = location.origin) {
  return `pulse send-test --api-address=${origin}`;
}

function step(title, ...content) {
  return h("li", {}, h("strong", {}, title), ...content);
}

export function firstRunPanel(origin = location.origin) {
  return [
    h("h1", {}, "Welcome to Pulse"),
    card(
      "No component has reported to this server yet",
      h("div", { class: "first-run", id: "first-run" },
        h("p", {}, "Charts and tables appear here once the first event arrives. To send one:"),
        h("ol", {},
          step("Check the path end to end.",
            h("p", {}, "From any machine that can reach this server, run:"),
            h("pre", {}, h("code", { id: "send-test-command" }, sendTestCommand(origin))),
            h("p", {}, "It sends one test event and says whether it was delivered. Then reload this page.")),
          step("Point your components at this server.",
            h("p", {}, "Set each component's API address to this server (it appends /telemetry/query):"),
            h("pre", {}, h("code", { id: "api-address-setting" }, `OTTERIZE_API_ADDRESS=${origin}`)),
            h("p", {}, "or the Helm value ", h("code", {}, "global.telemetry.apiAddress"),
              ", or the flag ", h("code", {}, "--api-address"), "."))),
        h("p", {},
          "More in the documentation: ",
          h("a", { href: "/docs/client.md", id: "first-run-docs" }, "where components send (client.md)"),
          ", ",
          h("a", { href: "/docs/cli.md" }, "the pulse command (cli.md)"),
          "."))
    ),
  ];
}
