package dev.pulse.client.context;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * The per-user directory where the SDK keeps its few small files (the persisted contextId, the CLI's
 * first-run marker and spool): {@code $XDG_CONFIG_HOME/pulse}, else {@code ~/.config/pulse}, for the
 * components of the default {@code OTTERIZE_} settings; a subdirectory named after its settings'
 * prefix for any other ({@code ~/.config/pulse/acme} for {@code ACME_}). Programs of different
 * families on one machine then share no contextId, no first-run notice and no spooled requests.
 */
public final class ConfigDirectory {

  /** The settings prefix whose components keep the top directory, as they did before prefixes had their own. */
  private static final String SHARED_PREFIX = "OTTERIZE_";

  private ConfigDirectory() {}

  /** The default directory for this environment and the default {@code OTTERIZE_} prefix. */
  public static Path defaultFor(Map<String, String> environment) {
    return defaultFor(environment, SHARED_PREFIX);
  }

  /** The default directory for this environment and the components whose settings have {@code envPrefix}. */
  public static Path defaultFor(Map<String, String> environment, String envPrefix) {
    String xdg = environment.get("XDG_CONFIG_HOME");
    Path top = xdg != null && !xdg.isBlank()
        ? Path.of(xdg, "pulse")
        : Path.of(System.getProperty("user.home", "."), ".config", "pulse");
    if (envPrefix.equals(SHARED_PREFIX)) {
      return top;
    }
    String family = envPrefix.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
    return top.resolve(family.isEmpty() ? "unprefixed" : family);
  }
}
