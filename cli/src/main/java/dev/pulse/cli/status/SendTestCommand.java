package dev.pulse.cli.status;

import dev.pulse.cli.failure.CliFailure;
import dev.pulse.cli.version.PulseVersion;
import dev.pulse.client.PulseTelemetry;
import dev.pulse.client.PulseTelemetryBuilder;
import dev.pulse.client.cli.QuietFile;
import dev.pulse.client.config.ResolvedSetting;
import dev.pulse.client.config.SettingKey;
import dev.pulse.client.config.SettingSource;
import dev.pulse.client.config.SettingsResolver;
import dev.pulse.client.config.TelemetrySettings;
import dev.pulse.client.context.ConfigDirectory;
import dev.pulse.client.http.ProxyChoice;
import dev.pulse.client.send.QuietMemory;
import dev.pulse.client.send.TelemetryStats;
import dev.pulse.schema.ComponentType;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

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
public final class SendTestCommand implements Callable<Integer> {

  /** The SDK's logger of dropped items, held here: java.util.logging keeps its loggers weakly. */
  private static final java.util.logging.Logger SDK_DROPS_LOG =
      java.util.logging.Logger.getLogger(TelemetryStats.DROPS_LOGGER);

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  /** How long the test waits for its event to be delivered. */
  private static final Duration CLOSE_WAIT = Duration.ofSeconds(10);

  /** How often the SDK's counters are read while the event is on its way. */
  private static final long POLL_MILLIS = 20;

  @Option(names = "--env-prefix", defaultValue = SettingsResolver.DEFAULT_ENV_PREFIX,
      description = "Environment-variable prefix of the settings, as the component sets it (default:"
          + " ${DEFAULT-VALUE}).")
  String envPrefix;

  @Option(names = "--config-dir", description = "The SDK's config directory, where the spool and quiet are kept"
      + " (default: $XDG_CONFIG_HOME/pulse or ~/.config/pulse, in a subdirectory named after another --env-prefix).")
  Path configDir;

  @CommandLine.Unmatched List<String> telemetryFlags = new ArrayList<>();

  @Override
  public Integer call() throws InterruptedException {
    StatusCommand.refuseUnrelated(spec, telemetryFlags);
    PrintWriter out = spec.commandLine().getOut();
    String prefix = SettingsResolver.prefixOf(envPrefix);
    Path dir = configDir != null ? configDir : ConfigDirectory.defaultFor(System.getenv(), prefix);
    // A component carries on with the default for a bad value; a test of the settings stops on it.
    TelemetrySettings settings = new SettingsResolver().environmentPrefix(prefix).flags(telemetryFlags).resolve();
    List<String> notices = settings.notices().stream()
        .map(notice -> notice.replaceFirst("; (using the default.*|ignored)$", "").replace(" is ignored;", ";"))
        .toList();
    if (!notices.isEmpty()) {
      String told = String.join("; ", notices);
      throw CliFailure.usage(told + (told.endsWith("?") ? "" : ".") + " Nothing was sent.");
    }
    String off = turnedOffBy(settings);
    if (off != null) {
      throw CliFailure.usage(off + " (pulse status shows every setting and where it came from)");
    }
    // Any case, as the SDK reads setting names.
    boolean addressGiven = telemetryFlags.stream().anyMatch(f -> f.toLowerCase(Locale.ROOT).startsWith("--api-address"))
        || System.getenv().entrySet().stream().anyMatch(e -> e.getKey().equalsIgnoreCase(prefix + "API_ADDRESS")
            && !e.getValue().isBlank());
    if (!addressGiven) {
      throw CliFailure.usage("send-test needs the server to send to: give --api-address=http://HOST:8080"
          + " (or set " + prefix + "API_ADDRESS)");
    }
    // This command tells what became of its event: the SDK's summary of what it dropped would say it twice.
    SDK_DROPS_LOG.setLevel(java.util.logging.Level.OFF);
    PulseTelemetryBuilder builder = PulseTelemetry.builder()
        .componentType(ComponentType.CLI)
        .version(PulseVersion.current())
        .flags(telemetryFlags)
        .environmentPrefix(prefix)
        .shutdownHook(false)
        .reportUncaughtExceptions(false)
        .tryWhileQuiet(true) // testing the path is this command's job, whatever earlier runs met
        // Asked to send one event, it says what it sent; the notice is the next program's to show.
        .firstRunNotice("pulse send-test", null);
    if (dir != null) { // null: no home directory, where the SDK keeps nothing either
      builder.configDirectory(dir);
    }
    PulseTelemetry telemetry = builder.build();
    if (!telemetry.isActive()) { // the SDK could not start here: its warning above says why
      throw CliFailure.failure("the telemetry SDK did not start, so nothing was sent; the line above says why");
    }
    String endpoint = telemetry.settings().endpoint().toString();
    telemetry.reportCommand(List.of("pulse", "telemetry", "send-test"));
    String why = notDelivered(telemetry, endpoint);
    if (why == null) {
      // The spool of this server goes first: what earlier runs could not deliver counts in sent too.
      long earlier = telemetry.stats().sent() - 1;
      out.println("Delivered a test event to " + endpoint + (earlier == 0 ? "" : ", and " + earlier
          + (earlier == 1 ? " command" : " commands") + " that earlier runs could not deliver to it") + ".");
      out.flush();
      return 0;
    }
    spec.commandLine().getErr().println("The test event to " + endpoint + " was not delivered" + why
        + (why.endsWith("?") ? " " : ". ") + "--telemetry-debug=true shows every attempt."
        + quietAfter(telemetry, dir));
    return 1;
  }

  /** The quiet this failure left for the CLI runs after it (no answer, or the server's own pause), in words. */
  private static String quietAfter(PulseTelemetry telemetry, Path dir) {
    Duration quiet = new QuietFile(dir, telemetry.settings().endpoint(),
        ProxyChoice.resolve(System.getProperties(), System.getenv())).remembered();
    return quiet == null || quiet.isZero() ? "" : " CLI runs here now leave that server alone for "
        + QuietMemory.inWords(quiet) + " (pulse status shows it); send-test tries it anyway.";
  }

  /**
   * What turns off the test event, a usage event, and how to turn it on, in words ("telemetry is turned
   * off by DO_NOT_TRACK in the environment, ..."); null when it would be sent.
   */
  private static String turnedOffBy(TelemetrySettings settings) {
    if (settings.usageActive()) {
      return null;
    }
    ResolvedSetting setting = settings.enabled() ? settings.get(SettingKey.TELEMETRY_USAGE_ENABLED)
        : settings.get(SettingKey.TELEMETRY_ENABLED);
    String what = settings.enabled() ? "usage telemetry (the test event is a usage event)" : "telemetry";
    String origin = setting.origin();
    String by = switch (setting.source()) {
      case DO_NOT_TRACK -> "DO_NOT_TRACK in the environment";
      case FLAG -> origin.contains("=") ? origin : origin + " " + setting.value();
      case SYSTEM_PROPERTY -> "the system property " + origin + "=" + setting.value();
      case ENVIRONMENT -> origin + "=" + setting.value() + " in the environment";
      case BUILDER, DEFAULT -> setting.key().key() + " (" + setting.source().label() + ")";
    };
    String turnOn = setting.source() == SettingSource.DO_NOT_TRACK
        ? "unset DO_NOT_TRACK"
        : "set it to true, or drop it,";
    return what + " is turned off by " + by + ", so nothing was sent: " + turnOn + " to test sending";
  }

  /**
   * Sends the event now and waits, up to {@link #CLOSE_WAIT}, for the SDK to deliver it or give it up
   * (after its retries; in a CLI it keeps what it gives up for the next run): null once delivered, else
   * why not. A server's answer or a refused connection is told as the SDK's counters show it, without
   * waiting out the rest; "no answer within" only for a server that sent none.
   */
  private static String notDelivered(PulseTelemetry telemetry, String endpoint) throws InterruptedException {
    long end = System.nanoTime() + CLOSE_WAIT.toNanos();
    telemetry.flush(); // now, not at the next interval
    TelemetryStats seen = telemetry.stats();
    while (!gaveUp(seen) && seen.sent() == 0 && end - System.nanoTime() > 0) {
      Thread.sleep(Math.max(1, Math.min(POLL_MILLIS, (end - System.nanoTime()) / 1_000_000)));
      seen = telemetry.stats();
    }
    if (gaveUp(seen)) {
      // What an earlier run left, or this event: either way the server's answer is known. The rest is kept.
      telemetry.close(Duration.ZERO);
      return failed(seen, endpoint);
    }
    if (seen.sent() == 0) { // out of time: what this failure was, before close() cuts the attempt short
      telemetry.close(Duration.ZERO);
      return outOfTime(seen, endpoint);
    }
    // The server takes what is sent: the rest (this event, after what earlier runs left) goes within the wait.
    boolean finished = telemetry.close(Duration.ofNanos(Math.max(0, end - System.nanoTime())));
    TelemetryStats last = telemetry.stats();
    if (!gaveUp(last)) {
      return null;
    }
    return finished ? failed(last, endpoint) : outOfTime(last, endpoint);
  }

  /** Whether the SDK gave a request up (kept it for the next run, or dropped it). */
  private static boolean gaveUp(TelemetryStats stats) {
    return stats.spooled() > 0 || stats.droppedFailed() > 0;
  }

  private static String failed(TelemetryStats stats, String endpoint) {
    return stats.lastFailure().isEmpty() ? " (the SDK gave it up without saying why)"
        : ": " + SendFailureWords.of(stats.lastFailure(), endpoint);
  }

  private static String outOfTime(TelemetryStats stats, String endpoint) {
    return stats.lastFailure().isEmpty()
        ? ": no answer within " + CLOSE_WAIT.toSeconds() + " s; is a Pulse server listening there, and not overloaded?"
        : " within " + CLOSE_WAIT.toSeconds() + " s: " + SendFailureWords.of(stats.lastFailure(), endpoint);
  }
}
