package dev.pulse.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import dev.pulse.client.config.ResolvedSetting;
import dev.pulse.client.config.SettingsResolver;
import dev.pulse.client.config.TelemetrySettings;
import dev.pulse.client.context.ConfigDirectory;
import dev.pulse.client.context.KubernetesApi;
import dev.pulse.client.context.KubernetesContextId;
import dev.pulse.client.context.PersistedContextId;
import dev.pulse.schema.Anonymizer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code pulse status}: the telemetry settings a component on this machine would use, where each came
 * from (flag, system property, environment, default), and the contextId it would report. Telemetry
 * flags given after {@code status} are resolved like a component's, e.g.
 * {@code pulse status --telemetry-enabled=false}.
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
      + " or ~/.config/pulse).")
  Path configDir;

  @CommandLine.Unmatched List<String> telemetryFlags = new ArrayList<>();

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    TelemetrySettings settings =
        new SettingsResolver().environmentPrefix(envPrefix).flags(telemetryFlags).resolve();
    out.printf("Telemetry: usage %s, errors %s%n", onOff(settings.usageActive()), onOff(settings.errorsActive()));
    out.printf("%-36s %-32s %s%n", "SETTING", "VALUE", "SOURCE");
    for (ResolvedSetting s : settings.describe()) {
      String source = s.source().label() + (s.origin().isEmpty() ? "" : " (" + s.origin() + ")");
      out.printf("%-36s %-32s %s%n", s.key().key(), s.value().isEmpty() ? "\"\"" : s.value(), source);
      if (s.hasProblem()) {
        out.printf("  ! %s%n", s.problem());
      }
    }
    printContextId(out);
    out.flush();
    return 0;
  }

  private void printContextId(PrintWriter out) {
    Anonymizer anonymizer = Anonymizer.create();
    KubernetesApi k8s = KubernetesApi.fromEnvironment(System.getenv());
    Optional<String> fromCluster = new KubernetesContextId(k8s, anonymizer).contextId();
    if (fromCluster.isPresent()) {
      out.printf("%-36s %s%n", "contextId", fromCluster.get() + " (hash of the kube-system namespace UID)");
      return;
    }
    Path dir = configDir != null ? configDir : ConfigDirectory.defaultFor(System.getenv());
    Optional<String> persisted = new PersistedContextId(dir, anonymizer).contextId();
    out.printf("%-36s %s%n", "contextId", persisted
        .map(id -> id + " (per-user id kept in " + dir.resolve(PersistedContextId.FILE_NAME) + ")")
        .orElse("a random id per run (" + dir + " is not writable)"));
  }

  private static String onOff(boolean on) {
    return on ? "on" : "off";
  }
}
