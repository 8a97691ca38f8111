package dev.pulse.client.context;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The per-user directory where the SDK keeps its few small files (the persisted contextId, the CLI's
 * first-run marker and spool), found as Go's {@code os.UserConfigDir} finds it on Linux (on every OS): {@code
 * $XDG_CONFIG_HOME/pulse}, else {@code $HOME/.config/pulse}, else the JVM's {@code user.home} with
 * {@code .config/pulse}, for the components of the default {@code OTTERIZE_} settings; a subdirectory
 * named after its settings' prefix for any other ({@code ~/.config/pulse/acme} for {@code ACME_}).
 * Programs of different families on one machine then share no contextId, no first-run notice and no
 * spooled requests. A value that is not an absolute path is passed over ({@code XDG_CONFIG_HOME}) or
 * means there is no directory at all (a home of {@code "?"}, as the JVM gives a user id with no passwd
 * entry): then the SDK writes nothing, as with a directory it cannot write.
 */
public final class ConfigDirectory {

  /** The settings prefix whose components keep the top directory, as they did before prefixes had their own. */
  private static final String SHARED_PREFIX = "OTTERIZE_";

  private ConfigDirectory() {}

  /** The default directory for this environment and the default {@code OTTERIZE_} prefix; null when none. */
  public static Path defaultFor(Map<String, String> environment) {
    return defaultFor(environment, SHARED_PREFIX);
  }

  /**
   * The default directory for this environment and the components whose settings have {@code
   * envPrefix}; null when there is none (no absolute home directory).
   */
  public static Path defaultFor(Map<String, String> environment, String envPrefix) {
    return find(environment, envPrefix, System.getProperty("user.home")).orElse(null);
  }

  /** The directory from this environment, or else from {@code userHome}; empty when none is absolute. */
  static Optional<Path> find(Map<String, String> environment, String envPrefix, String userHome) {
    Optional<Path> top = absolute(environment.get("XDG_CONFIG_HOME"))
        .or(() -> home(environment.get("HOME"), userHome).map(h -> h.resolve(".config")))
        .map(dir -> dir.resolve("pulse"));
    if (envPrefix.equals(SHARED_PREFIX)) {
      return top;
    }
    String family = envPrefix.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
    return top.map(dir -> dir.resolve(family.isEmpty() ? "unprefixed" : family));
  }

  /** $HOME when set, else user.home; empty when the one used is not an absolute path. */
  private static Optional<Path> home(String envHome, String userHome) {
    return absolute(envHome != null && !envHome.isEmpty() ? envHome : userHome);
  }

  private static Optional<Path> absolute(String value) {
    if (value == null || value.isBlank()) {
      return Optional.empty();
    }
    try {
      Path path = Path.of(value);
      return path.isAbsolute() ? Optional.of(path) : Optional.empty();
    } catch (InvalidPathException e) {
      return Optional.empty();
    }
  }
}
