package dev.pulse.cli.failure;

import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;

/**
 * A command's failure in the user's words, with its exit code: the message is printed as one line
 * after {@code pulse <command>:}, and no stack trace is shown unless {@code --debug} is given.
 */
public final class CliFailure extends RuntimeException {

  /** The command ran and failed: the server is down, refused the token, the store is locked, ... */
  public static final int FAILURE = 1;

  /** The command could not run with what it was given: a bad option, file, URL or setting. */
  public static final int USAGE = 2;

  private final int exitCode;

  private CliFailure(int exitCode, String message, Throwable cause) {
    super(message, cause);
    this.exitCode = exitCode;
  }

  /** A failure while running ({@link #FAILURE}). */
  public static CliFailure failure(String message) {
    return new CliFailure(FAILURE, message, null);
  }

  /** A failure while running ({@link #FAILURE}), with what caused it (shown with {@code --debug}). */
  public static CliFailure failure(String message, Throwable cause) {
    return new CliFailure(FAILURE, message, cause);
  }

  /** A usage mistake ({@link #USAGE}): what the user gave cannot be used. */
  public static CliFailure usage(String message) {
    return new CliFailure(USAGE, message, null);
  }

  /** A usage mistake ({@link #USAGE}), with what caused it (shown with {@code --debug}). */
  public static CliFailure usage(String message, Throwable cause) {
    return new CliFailure(USAGE, message, cause);
  }

  /** The exit code of the command that failed so. */
  public int exitCode() {
    return exitCode;
  }

  /** The same failure (exit code, cause) told as {@code message}: this one when it says the same. */
  public CliFailure reworded(String message) {
    return message.equals(getMessage()) ? this : new CliFailure(exitCode, message, getCause());
  }

  /**
   * How much of a foreign message (a library's, a proxy's page) is shown: enough to act on, never a page.
   * Pulse's own messages are shown whole, for what to do is said at their end.
   */
  public static final int FOREIGN_BOUND = 1000;

  /**
   * The first line of a failure's message: Pulse's own whole, a library's bounded ({@link #FOREIGN_BOUND}).
   * A file system failure names its file and says what is wrong with it (Java's message names only the
   * file for the commonest ones).
   */
  public static String firstLine(Throwable e) {
    if (e instanceof FileSystemException files && files.getFile() != null) {
      return fileProblem(files);
    }
    String message = e.getMessage();
    if (message == null || message.isBlank()) {
      return "no details (run again with --debug)";
    }
    String line = message.strip().lines().findFirst().orElse("");
    return e.getClass().getName().startsWith("dev.pulse.") ? line : bounded(line);
  }

  /** Foreign text, cut at {@link #FOREIGN_BOUND} characters. */
  public static String bounded(String line) {
    return line.length() <= FOREIGN_BOUND ? line : line.substring(0, FOREIGN_BOUND) + "...";
  }

  /** A file system failure in words: Java's messages name only the file for the commonest ones. */
  private static String fileProblem(FileSystemException e) {
    return e.getFile() + ": " + reason(e);
  }

  /** Why a file system operation failed, in words, without the file's name. */
  public static String reason(FileSystemException e) {
    if (e instanceof NoSuchFileException) {
      return "it or its directory does not exist";
    } else if (e instanceof AccessDeniedException) {
      return "permission denied";
    } else if (e instanceof FileAlreadyExistsException) {
      return "it already exists";
    }
    return e.getReason() == null ? "an I/O error" : e.getReason();
  }
}
