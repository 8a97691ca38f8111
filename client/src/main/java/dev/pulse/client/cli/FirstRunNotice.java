package dev.pulse.client.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.System.Logger.Level;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Prints, once per user, that anonymous usage is reported and how to turn it off; remembered by the
 * file {@code telemetry-notice-shown} in the config directory. If the directory cannot be written the
 * notice is shown every run (better too often than never).
 */
public final class FirstRunNotice {

  /** The marker file name. */
  public static final String MARKER = "telemetry-notice-shown";

  private static final System.Logger LOG = System.getLogger(FirstRunNotice.class.getName());

  private FirstRunNotice() {}

  /** The notice text for a program and environment-variable prefix. */
  public static String text(String program, String envPrefix) {
    return program + " reports anonymous usage information (which commands are run, never their"
        + " arguments or results) to help its maintainers.\n"
        + "To turn this off, set " + envPrefix + "TELEMETRY_ENABLED=false (or DO_NOT_TRACK=1), or pass"
        + " --telemetry-enabled=false. This notice is shown once.";
  }

  /**
   * Shows the notice unless already shown; returns true when it was printed now. A null {@code
   * configDir} (no home directory) remembers nothing: the notice is shown every run.
   */
  public static boolean showOnce(Path configDir, PrintStream out, String program, String envPrefix) {
    Path marker = configDir == null ? null : configDir.resolve(MARKER);
    if (marker != null && Files.exists(marker)) {
      return false;
    }
    out.println(text(program, envPrefix));
    out.flush();
    if (marker == null) {
      return true;
    }
    try {
      Files.createDirectories(configDir);
      Files.createFile(marker);
    } catch (FileAlreadyExistsException e) {
      // Another run got there first; it has been shown.
    } catch (IOException | RuntimeException e) {
      LOG.log(Level.DEBUG, "cannot remember the telemetry notice in " + configDir + ": " + e);
    }
    return true;
  }
}
