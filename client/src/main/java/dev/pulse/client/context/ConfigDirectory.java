package dev.pulse.client.context;

import java.nio.file.Path;
import java.util.Map;

/**
 * The per-user directory where the SDK keeps its few small files (the persisted contextId, the CLI's
 * first-run marker and spool): {@code $XDG_CONFIG_HOME/pulse}, else {@code ~/.config/pulse}.
 */
public final class ConfigDirectory {

  private ConfigDirectory() {}

  /** The default directory for this environment. */
  public static Path defaultFor(Map<String, String> environment) {
    String xdg = environment.get("XDG_CONFIG_HOME");
    if (xdg != null && !xdg.isBlank()) {
      return Path.of(xdg, "pulse");
    }
    return Path.of(System.getProperty("user.home", "."), ".config", "pulse");
  }
}
