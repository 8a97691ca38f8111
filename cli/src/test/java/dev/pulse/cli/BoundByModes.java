package dev.pulse.cli;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Runs {@code pulse} bound by file modes, as an operator who is not root is. Root (CI runs as root)
 * is not stopped by modes: it runs through setpriv without the two capabilities that override them
 * (CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH), still uid 0, so that it reads its own classpath under
 * /root but not a dir of mode 000. Another user runs as it is. When the modes would not bind it (no
 * setpriv) the test is skipped, except under {@code CI=true}, where it fails.
 */
final class BoundByModes {

  private static final List<String> SETPRIV = List.of("setpriv", "--bounding-set=-dac_override,-dac_read_search");

  private final List<String> prefix;

  private BoundByModes(List<String> prefix) {
    this.prefix = prefix;
  }

  /** The way to run pulse such that it may not write {@code unwritable}, checked on it. */
  static BoundByModes checkedOn(Path unwritable) throws IOException, InterruptedException {
    List<String> prefix = root() ? SETPRIV : List.of();
    List<String> probe = new ArrayList<>(prefix);
    probe.addAll(List.of("test", "-w", unwritable.toString()));
    Process process;
    try {
      process = new ProcessBuilder(probe).redirectErrorStream(true).start();
    } catch (IOException e) {
      return skip("cannot run " + String.join(" ", probe) + ": " + e.getMessage());
    }
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      return skip(String.join(" ", probe) + " did not finish");
    }
    String output = new String(process.getInputStream().readAllBytes()).strip();
    if (process.exitValue() != 1) {
      return skip(String.join(" ", probe) + " did not find " + unwritable + " unwritable (exit "
          + process.exitValue() + (output.isEmpty() ? "" : ": " + output) + ")");
    }
    return new BoundByModes(prefix);
  }

  PulseRun run(Map<String, String> env, String... args) throws IOException, InterruptedException {
    return PulseRun.runThrough(prefix, env, args);
  }

  private static boolean root() throws IOException {
    return ((Number) Files.getAttribute(Path.of("/proc/self"), "unix:uid")).intValue() == 0;
  }

  private static BoundByModes skip(String problem) {
    String message = "this test needs a pulse that file modes bind (as root: setpriv, util-linux): " + problem;
    if ("true".equals(System.getenv("CI"))) {
      fail(message + " (CI=true, so this is a failure, not a skip)");
    }
    Assumptions.abort(message);
    throw new AssertionError("unreachable");
  }
}
