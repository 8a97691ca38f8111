package dev.pulse.cli;

import dev.pulse.client.PulseTelemetry;
import dev.pulse.client.config.TelemetrySettings;
import dev.pulse.client.send.TelemetryStats;
import dev.pulse.schema.ComponentType;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code pulse send-test}: reports one CLI command, {@code pulse telemetry send-test}, through the
 * client SDK with this machine's telemetry settings, and says whether it was delivered. Telemetry
 * flags are taken as a component takes them, e.g. {@code pulse send-test
 * --api-address=http://localhost:8080 --telemetry-debug=true} (debug prints the payload as sent).
 */
@Command(
    name = "send-test",
    description = {
      "Sends one test event with this machine's telemetry settings and says whether it was delivered.",
      "The event is the CLI command `pulse telemetry send-test`; `pulse status` shows the settings."
    },
    footerHeading = "%nTelemetry flags (taken as a component takes them):%n",
    footer = {
      "  --api-address=URL          the server, e.g. http://localhost:8080",
      "  --telemetry-enabled=BOOL   false turns all telemetry off",
      "  --telemetry-debug=BOOL     true prints the payload as sent",
      "  `pulse status` lists every setting, its value and where it came from.",
      "",
      "Example:",
      "  pulse send-test --api-address=http://localhost:8080 --telemetry-debug=true"
    })
final class SendTestCommand implements Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  /** How long the test waits for its event to be delivered. */
  private static final Duration CLOSE_WAIT = Duration.ofSeconds(10);

  @CommandLine.Unmatched List<String> telemetryFlags = new ArrayList<>();

  @Override
  public Integer call() {
    StatusCommand.refuseUnrelated(spec, telemetryFlags);
    PrintWriter out = spec.commandLine().getOut();
    // A component carries on with the default for a bad value; a test of the settings stops on it.
    List<String> notices = TelemetrySettings.fromEnvironment(telemetryFlags).notices().stream()
        .map(notice -> notice.replaceFirst("; (using the default.*|ignored)$", "").replace(" is ignored;", ";")).toList();
    if (!notices.isEmpty()) {
      String told = String.join("; ", notices);
      throw CliFailure.usage(told + (told.endsWith("?") ? "" : ".") + " Nothing was sent.");
    }
    // Any case, as the SDK reads setting names.
    boolean addressGiven = telemetryFlags.stream().anyMatch(f -> f.toLowerCase(Locale.ROOT).startsWith("--api-address"))
        || System.getenv().entrySet().stream().anyMatch(e -> e.getKey().equalsIgnoreCase("OTTERIZE_API_ADDRESS")
            && !e.getValue().isBlank());
    if (!addressGiven) {
      throw CliFailure.usage("send-test needs the server to send to: give --api-address=http://HOST:8080"
          + " (or set OTTERIZE_API_ADDRESS)");
    }
    PulseTelemetry telemetry =
        PulseTelemetry.builder()
            .componentType(ComponentType.CLI)
            .version(PulseVersion.current())
            .flags(telemetryFlags)
            .shutdownHook(false)
            .reportUncaughtExceptions(false)
            .build();
    if (!telemetry.isActive()) {
      out.println("Telemetry is off on this machine (see `pulse status`): nothing was sent.");
      out.flush();
      return 0;
    }
    String endpoint = telemetry.settings().endpoint().toString();
    telemetry.reportCommand(List.of("pulse", "telemetry", "send-test"));
    telemetry.close(CLOSE_WAIT);
    TelemetryStats stats = telemetry.stats();
    // The spool of this server goes first: what earlier runs could not deliver counts in sent too.
    if (stats.sent() > 0 && stats.droppedFailed() == 0 && stats.spooled() == 0) {
      long earlier = stats.sent() - 1;
      out.println("Delivered a test event to " + endpoint + (earlier == 0 ? "" : ", and " + earlier
          + (earlier == 1 ? " command" : " commands") + " that earlier runs could not deliver to it") + ".");
      out.flush();
      return 0;
    }
    String why = stats.droppedFailed() == 0
        ? ": no answer within " + CLOSE_WAIT.toSeconds() + " s" + (stats.lastFailure().isEmpty() ? ""
            : " (" + stats.lastFailure() + ")") + "; is a Pulse server listening there, and not overloaded?"
        : " (" + stats.droppedFailed() + " failed, " + stats.retried() + " retried)"
            + (stats.lastFailure().isEmpty() ? "" : ": " + stats.lastFailure());
    spec.commandLine().getErr().println(
        "The test event to " + endpoint + " was not delivered" + why + "; --telemetry-debug=true shows every attempt.");
    return 1;
  }
}
