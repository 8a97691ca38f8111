package dev.pulse.cli.status;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pulse.client.cli.QuietFile;
import dev.pulse.client.config.ResolvedSetting;
import dev.pulse.client.config.SettingsResolver;
import dev.pulse.client.config.TelemetrySettings;
import dev.pulse.client.context.ConfigDirectory;
import dev.pulse.client.context.ContextIdPreview;
import dev.pulse.client.context.KubernetesApi;
import dev.pulse.client.http.ProxyChoice;
import dev.pulse.client.send.QuietMemory;
import dev.pulse.schema.Anonymizer;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code pulse status}: the telemetry settings a component on this machine would use, where each came
 * from (flag, system property, environment, default), flags and variables that look meant for
 * telemetry but name no setting, and the contextId it would report. Telemetry flags given after
 * {@code status} are resolved like a component's, e.g. {@code pulse status --telemetry-enabled=false}.
 * While CLI runs leave the endpoint alone ({@link QuietFile}), it says for how long.
 * It writes nothing: with telemetry off it does not even look the contextId up. {@code --json} prints
 * the same facts as one JSON object.
 */
@Command(
    name = "status",
    mixinStandardHelpOptions = true,
    description = "Print the telemetry settings this machine would use, with their sources.")
public final class StatusCommand implements Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--env-prefix", defaultValue = SettingsResolver.DEFAULT_ENV_PREFIX,
      description = "Environment-variable prefix of the settings (default: ${DEFAULT-VALUE}).")
  String envPrefix;

  @Option(names = "--config-dir", description = "The SDK's config directory (default: $XDG_CONFIG_HOME/pulse"
      + " or ~/.config/pulse, in a subdirectory named after another --env-prefix).")
  Path configDir;

  @Option(names = "--json", description = "Print the same facts as one JSON object.")
  boolean json;

  @CommandLine.Unmatched List<String> telemetryFlags = new ArrayList<>();

  @Override
  public Integer call() throws JsonProcessingException {
    refuseUnrelated(spec, telemetryFlags);
    PrintWriter out = spec.commandLine().getOut();
    TelemetrySettings settings =
        new SettingsResolver().environmentPrefix(envPrefix).flags(telemetryFlags).resolve();
    Path dir = configDir != null ? configDir : ConfigDirectory.defaultFor(System.getenv(), envPrefix);
    ContextIdPreview contextId = ContextIdPreview.of(settings.anythingActive(),
        KubernetesApi.fromEnvironment(System.getenv()), dir, Anonymizer.create());
    ProxyChoice proxy = ProxyChoice.resolve(System.getProperties(), System.getenv());
    Duration quiet = settings.hasEndpoint() ? new QuietFile(dir, settings.endpoint(), proxy).remembered() : null;
    if (json) {
      Map<String, Object> facts = facts(settings, contextId, proxy);
      facts.put("quietSeconds", quiet == null || quiet.isZero() ? null : quiet.toSeconds());
      out.println(new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(facts));
    } else {
      printText(out, settings, contextId, proxy, quiet);
    }
    out.flush();
    return 0;
  }

  /**
   * Refuses, as a usage mistake, what a command that takes telemetry flags after its own options got
   * besides them: a component would ignore {@code --jsn} as its host's, this command has no host.
   */
  static void refuseUnrelated(CommandLine.Model.CommandSpec spec, List<String> telemetryFlags) {
    List<String> unrelated = SettingsResolver.unrelatedArguments(telemetryFlags);
    if (!unrelated.isEmpty()) {
      throw new CommandLine.UnmatchedArgumentException(spec.commandLine(), unrelated);
    }
  }

  private void printText(PrintWriter out, TelemetrySettings settings, ContextIdPreview contextId, ProxyChoice proxy,
      Duration quiet) {
    out.printf("Telemetry: usage %s, errors %s%n", onOff(settings.usageActive()), onOff(settings.errorsActive()));
    out.println(settings.hasEndpoint() ? "Endpoint: " + settings.endpoint()
        : "Endpoint: none set here; a component sends to its maintainer's default address, if any,"
            + " unless api-address is set (with neither it sends nothing)");
    if (settings.hasEndpoint()) {
      out.println("Sends " + proxy.describe(settings.endpoint()));
    }
    if (quiet != null && !quiet.isZero()) {
      out.printf("! CLI runs here leave this server alone for %s more, keeping what they have without trying:"
          + " an earlier run got no answer from it, or it asked for quiet; pulse send-test tries it anyway%n",
          QuietMemory.inWords(quiet));
    }
    for (String notice : proxy.notices()) {
      out.printf("! %s%n", notice);
    }
    out.printf("%-36s %-32s %s%n", "SETTING", "VALUE", "SOURCE");
    for (ResolvedSetting s : settings.describe()) {
      String source = s.source().label() + (s.origin().isEmpty() ? "" : " (" + s.origin() + ")");
      out.printf("%-36s %-32s %s%n", s.key().key(), s.value().isEmpty() ? "\"\"" : s.value(), source);
      if (s.hasProblem()) {
        out.printf("  ! %s%n", s.problem());
      }
    }
    for (String warning : settings.warnings()) {
      out.printf("! %s%n", warning);
    }
    out.printf("%-36s %s%n", "contextId",
        contextId.value().map(id -> id + " (" + contextId.detail() + ")").orElse(contextId.detail()));
  }

  private static Map<String, Object> facts(TelemetrySettings settings, ContextIdPreview contextId, ProxyChoice proxy) {
    Map<String, Object> facts = new LinkedHashMap<>();
    facts.put("usage", settings.usageActive());
    facts.put("errors", settings.errorsActive());
    facts.put("endpoint", settings.hasEndpoint() ? settings.endpoint().toString() : null);
    facts.put("sends", settings.hasEndpoint() ? proxy.describe(settings.endpoint()) : null);
    List<Map<String, Object>> list = new ArrayList<>();
    for (ResolvedSetting s : settings.describe()) {
      Map<String, Object> one = new LinkedHashMap<>();
      one.put("key", s.key().key());
      one.put("value", s.value());
      one.put("source", s.source().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'));
      one.put("origin", s.origin());
      one.put("problem", s.hasProblem() ? s.problem() : null);
      list.add(one);
    }
    facts.put("settings", list);
    facts.put("warnings", settings.warnings());
    Map<String, Object> id = new LinkedHashMap<>();
    id.put("value", contextId.value().orElse(null));
    id.put("source", contextId.source());
    id.put("file", contextId.file() == null ? null : contextId.file().toString());
    id.put("detail", contextId.detail());
    facts.put("contextId", id);
    return facts;
  }

  private static String onOff(boolean on) {
    return on ? "on" : "off";
  }
}
