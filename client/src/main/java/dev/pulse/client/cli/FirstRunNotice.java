package dev.pulse.client.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.System.Logger.Level;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import dev.pulse.client.errors.MessagePolicy;

/**
 * Prints, once per user, what is reported (usage, error reports or both) and how to turn it off; remembered by the
 * file {@code telemetry-notice-shown} in the config directory, written before the notice is printed
 * so that the notice says the truth about itself: when the directory cannot be written (or there is
 * none), the notice is shown every run (better too often than never) and says so.
 */
public final class FirstRunNotice {

  /** The marker file name. */
  public static final String MARKER = "telemetry-notice-shown";

  private static final System.Logger LOG = System.getLogger(FirstRunNotice.class.getName());

  private FirstRunNotice() {}

  /**
   * What the notice says is sent: usage (which commands are run), error reports (as {@code policy}
   * leaves their message), or both.
   */
  public static String whatIsSent(boolean usage, boolean errors, MessagePolicy policy) {
    String commands = "anonymous usage information (which commands are run, never their arguments or results)";
    String errorReports = "the errors it meets (their class and stack frames"
        + switch (policy) {
          case SCRUB -> ", and their message with identifiers such as addresses, paths and secrets removed)";
          case VERBATIM -> ", and their message)";
          case DROP -> ")";
        };
    if (usage && errors) {
      return commands + " and " + errorReports;
    }
    return usage ? commands : errorReports;
  }

  /**
   * The notice text for a program and environment-variable prefix, saying {@code whatIsSent}; {@code
   * unremembered} is null when the notice is remembered, else why it is not (it then says it is shown
   * every run).
   */
  public static String text(String program, String envPrefix, String whatIsSent, String unremembered) {
    return program + " reports " + whatIsSent + " to help its maintainers.\n"
        + "To turn this off, set " + envPrefix + "TELEMETRY_ENABLED=false (or DO_NOT_TRACK=1), or pass"
        + " --telemetry-enabled=false. "
        + (unremembered == null ? "This notice is shown once."
            : "This notice is shown on every run: " + unremembered + ".");
  }

  /**
   * Shows the notice, saying {@code whatIsSent} ({@link #whatIsSent}), unless already shown; returns
   * true when it was printed now. A null {@code
   * configDir} (no home directory) remembers nothing: the notice is shown every run.
   */
  public static boolean showOnce(Path configDir, PrintStream out, String program, String envPrefix,
      String whatIsSent) {
    String unremembered;
    if (configDir == null) {
      unremembered = "there is no home directory to remember it in";
    } else {
      Path marker = configDir.resolve(MARKER);
      if (Files.exists(marker)) {
        return false;
      }
      try {
        Files.createDirectories(configDir);
        if (!created(marker)) {
          return false; // another run got there first and shows it
        }
        unremembered = null;
      } catch (IOException | RuntimeException e) {
        LOG.log(Level.DEBUG, "cannot remember the telemetry notice in " + configDir + ": " + e);
        unremembered = configDir + " cannot be written to remember it";
      }
    }
    out.println(text(program, envPrefix, whatIsSent, unremembered));
    out.flush();
    return true;
  }

  /** Creates the marker; false when it exists already. */
  private static boolean created(Path marker) throws IOException {
    try {
      Files.createFile(marker);
      return true;
    } catch (FileAlreadyExistsException e) {
      return false;
    }
  }
}
