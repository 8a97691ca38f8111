package dev.pulse.server.threads;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/** The calling thread's Linux nice value, read from {@code /proc}, for the tests of thread priorities. */
public final class Nice {

  private Nice() {}

  /**
   * Skips the calling test where thread priorities cannot be read (not Linux), failing instead when
   * {@code CI=true}: CI runs on Linux, where a background thread that keeps the normal priority is a bug.
   */
  public static void assumeLinux() {
    boolean linux = Files.isReadable(Path.of("/proc/thread-self/stat"));
    if (!linux && "true".equals(System.getenv("CI"))) {
      throw new AssertionError("CI runs on Linux, but /proc/thread-self/stat cannot be read");
    }
    Assumptions.assumeTrue(linux, "thread priorities are checked on Linux only (/proc/thread-self)");
  }

  /** The calling thread's nice value: field 19 of its {@code stat}, the 17th after the command name. */
  public static int ofCurrentThread() {
    try {
      String stat = Files.readString(Path.of("/proc/thread-self/stat"));
      String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      return Integer.parseInt(fields[16]);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
