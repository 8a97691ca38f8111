package dev.pulse.server.store.duckdb;

import dev.pulse.server.store.StoreException;
import java.io.ByteArrayOutputStream;
import java.io.FileNotFoundException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * DuckDB's native library, loaded before the first connection, so that a machine it cannot run on is
 * told in words. The driver loads it in a static initializer: from its jar, else from
 * {@code java.library.path}, else from the jar's directory, printing the second attempt's failure
 * with a stack trace to stderr itself. Where all three fail (a jar without this platform's library
 * and none installed, a libc the library was not built for, a temporary directory that cannot take
 * the copy or is mounted noexec), the failure is an {@link Error}, which would end the calling thread
 * with a stack trace and leave a server's other threads running.
 */
final class NativeLibrary {

  private static final String DRIVER_NATIVE = "org.duckdb.DuckDBNative";
  private static final int CAUSE_CHARS = 90;
  private static volatile boolean loaded;
  /** The first failure, told again: a second try would only meet "could not initialize class". */
  private static StoreException failure;

  private NativeLibrary() {}

  /**
   * Deletes what killed processes left ({@link NativeLibraryLeftovers}) and loads the library.
   *
   * @throws StoreException when it cannot be loaded on this machine
   */
  static void load() {
    if (loaded) {
      return;
    }
    NativeLibraryLeftovers.deleteOnce();
    synchronized (NativeLibrary.class) {
      if (failure != null) {
        throw failure;
      }
      if (!loaded) {
        loadQuietly();
      }
    }
  }

  // The driver's own print of its failed attempt is held back: the exception says it in words.
  private static void loadQuietly() {
    PrintStream err = System.err;
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    System.setErr(new PrintStream(printed, true, StandardCharsets.UTF_8));
    try {
      Class.forName(DRIVER_NATIVE, true, NativeLibrary.class.getClassLoader());
      loaded = true;
    } catch (ClassNotFoundException | LinkageError e) {
      failure = notLoaded(e);
      throw failure;
    } finally {
      System.setErr(err);
      if (loaded) {
        err.print(printed.toString(StandardCharsets.UTF_8)); // whatever else was printed meanwhile
      }
    }
  }

  private static StoreException notLoaded(Throwable e) {
    Throwable cause = innermost(e);
    String reason = firstLine(cause);
    String tmp = System.getProperty("java.io.tmpdir");
    String copy = Path.of(tmp, NativeLibraryLeftovers.COPY_PREFIX).toString();
    String elsewhere = ": give Java another one, JAVA_TOOL_OPTIONS=-Djava.io.tmpdir=DIR, or install the library"
        + " (docs/deploy.md)";
    if (cause instanceof FileSystemException write && String.valueOf(write.getFile()).startsWith(copy)) {
      return new StoreException("DuckDB's driver could not copy its library into the temporary directory " + tmp
          + " (" + whyNotWritten(write) + ")" + elsewhere, e);
    }
    // "<copy>: <copy>: failed to map segment from shared object": the copy is there and would not load.
    if (reason.startsWith(copy)) {
      return new StoreException("DuckDB's library, copied by its driver into the temporary directory " + tmp
          + ", would not load from there (" + bounded(reason.substring(reason.lastIndexOf(": ") + 2)) + "; is it"
          + " mounted noexec?)" + elsewhere, e);
    }
    String machine = System.getProperty("os.name") + " " + System.getProperty("os.arch");
    // The driver's last place, the jar's own directory, had no file either: nothing was found to load.
    if (cause instanceof FileNotFoundException) {
      return new StoreException("DuckDB's library for this machine (" + machine + ") is neither in pulse's jar"
          + " nor installed (on java.library.path, or beside the jar): run the jar as it was built, install the"
          + " library (docs/deploy.md), or keep the data in PostgreSQL (--store postgresql://HOST/DB)", e);
    }
    return new StoreException("DuckDB, the embedded store, does not run here (" + machine + "): its library did"
        + " not load (" + bounded(reason) + "). Keep the data in PostgreSQL (--store postgresql://HOST/DB), or run"
        + " on Linux (glibc) amd64/arm64, macOS or Windows", e);
  }

  private static String whyNotWritten(FileSystemException e) {
    if (e instanceof NoSuchFileException) {
      return "it does not exist";
    }
    if (e instanceof AccessDeniedException) {
      return "no permission to write there";
    }
    return e.getReason() == null ? "no reason given" : bounded(e.getReason());
  }

  private static Throwable innermost(Throwable e) {
    Throwable cause = e;
    while (cause.getCause() != null && cause.getCause() != cause) {
      cause = cause.getCause();
    }
    return cause;
  }

  private static String firstLine(Throwable e) {
    if (e instanceof ClassNotFoundException || e instanceof NoClassDefFoundError) {
      return "a part of its driver is missing: is pulse's jar whole?"; // the message is a class name
    }
    String message = e.getMessage() == null ? "no reason given" : e.getMessage();
    return message.lines().findFirst().orElse(message);
  }

  /** Bounded, so that the advice after it fits the line a command prints. */
  private static String bounded(String reason) {
    return reason.length() <= CAUSE_CHARS ? reason : reason.substring(0, CAUSE_CHARS) + "...";
  }
}
