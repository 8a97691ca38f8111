package dev.pulse.cli.settings;

import dev.pulse.client.config.SettingKey;
import dev.pulse.client.config.SettingsResolver;
import dev.pulse.schema.Suggestions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import picocli.CommandLine;

/**
 * The environment variables that look like Pulse settings but are none, such as
 * {@code PULSE_DATA_DIRR}: the server would otherwise take the default in silence. Each one is a
 * warning naming it and, when one is close (the same words in another order, or as {@link Suggestions}
 * finds one), the setting it probably meant. A warning, not a refusal: other tools may share the
 * prefix.
 *
 * <p>Not warned about: the settings ({@link Settings#KEYS}), the variables the chart's backup job
 * reads ({@code PULSE_BACKUP_DIR}, {@code PULSE_BACKUP_KEEP}, {@code PULSE_BACKUP_SERVER}), and the
 * ones Kubernetes sets for a Service whose name starts with {@code pulse} ({@code PULSE_SERVICE_HOST},
 * {@code PULSE_PORT_8080_TCP_ADDR}, ...).
 *
 * <p>A variable naming one of the SDK's settings under this prefix ({@code PULSE_TELEMETRY_ENABLED})
 * is told the variable components read instead ({@code OTTERIZE_TELEMETRY_ENABLED}): an opt-out set
 * under the wrong prefix would otherwise leave telemetry on without a word.
 */
public final class UnknownVariables {

  private static final String PREFIX = "PULSE_";

  /** Read by the backup job's script (deploy/), not by the command. */
  private static final Set<String> DEPLOYMENT = Set.of("PULSE_BACKUP_DIR", "PULSE_BACKUP_KEEP",
      "PULSE_BACKUP_SERVER");

  /** Kubernetes' service links of a Service named pulse or pulse-..., e.g. PULSE_PORT_8080_TCP_PORT. */
  private static final Pattern SERVICE_LINK = Pattern.compile(
      "PULSE(_[A-Z0-9_]+)?_(SERVICE_HOST|SERVICE_PORT(_[A-Z0-9_]+)?|PORT_\\d+_(TCP|UDP|SCTP)(_PROTO|_PORT|_ADDR)?)");

  private static final Pattern SERVICE_LINK_URL = Pattern.compile("(tcp|udp|sctp)://.*");

  private UnknownVariables() {}

  /**
   * Prints {@link #warnings} to standard error, each after the command's name, as
   * {@code pulse query: warning: ...}.
   */
  public static void warn(CommandLine command, Map<String, String> env) {
    String name = command.getCommandSpec().qualifiedName();
    warnings(env).forEach(w -> command.getErr().println(name + ": warning: " + w));
  }

  /** One warning per unknown {@code PULSE_} variable of {@code env}, in name order. */
  public static List<String> warnings(Map<String, String> env) {
    List<String> known = Settings.KEYS.stream().map(Settings::envName).toList();
    List<String> warnings = new ArrayList<>();
    for (String name : new TreeSet<>(env.keySet())) {
      if (!name.startsWith(PREFIX) || known.contains(name) || DEPLOYMENT.contains(name)
          || isServiceLink(name, env.get(name))) {
        continue;
      }
      Optional<String> telemetry = componentSetting(name);
      if (telemetry.isPresent()) {
        warnings.add(name + " is not a Pulse setting: components read their telemetry settings as "
            + telemetry.get() + " ('pulse status' shows what they would use). It is ignored.");
        continue;
      }
      warnings.add(meant(name, known)
          .map(m -> name + " is not a Pulse setting; did you mean " + m + "? It is ignored.")
          .orElse(name + " is not a Pulse setting; it is ignored (the settings are listed by 'pulse --help')."));
    }
    return warnings;
  }

  /**
   * The variable a component reads for the SDK setting that {@code name} gives under Pulse's prefix
   * ({@code PULSE_TELEMETRY_ENABLED}: {@code OTTERIZE_TELEMETRY_ENABLED}): someone turning telemetry off
   * who guessed the prefix from the command's name.
   */
  private static Optional<String> componentSetting(String name) {
    return Arrays.stream(SettingKey.values())
        .filter(k -> k.environmentVariable(PREFIX).equalsIgnoreCase(name))
        .findFirst()
        .map(k -> k.environmentVariable(SettingsResolver.DEFAULT_ENV_PREFIX));
  }

  private static boolean isServiceLink(String name, String value) {
    // PULSE_PORT itself is a setting; PULSE_FOO_PORT=tcp://... is a link of the Service pulse-foo.
    return SERVICE_LINK.matcher(name).matches()
        || name.endsWith("_PORT") && value != null && SERVICE_LINK_URL.matcher(value).matches();
  }

  /** The setting {@code name} is close to: the same words in another order, else as Suggestions finds one. */
  private static Optional<String> meant(String name, List<String> known) {
    String words = words(name);
    Optional<String> reordered = known.stream().filter(k -> words(k).equals(words)).findFirst();
    if (reordered.isPresent()) {
      return reordered;
    }
    return Suggestions.meant(name, known);
  }

  private static String words(String name) {
    return Arrays.stream(name.split("_")).filter(w -> !w.isEmpty()).sorted().collect(Collectors.joining("_"));
  }
}
