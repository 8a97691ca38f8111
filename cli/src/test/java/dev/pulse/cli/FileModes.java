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
 * Runs {@code pulse} where file modes bind, as they do for the users the tests stand for: root (as CI
 * runs the tests) may read and write whatever the modes say, so as root {@code pulse} runs without the
 * capabilities that override them ({@code setpriv}, of util-linux); as any other user, as that user.
 * Where root cannot drop them, the test is skipped, except under {@code CI=true}, where it fails.
 */
final class FileModes {

  private static final List<String> WITHOUT_OVERRIDE =
      List.of("setpriv", "--bounding-set=-dac_override,-dac_read_search");

  private FileModes() {}

  /** Runs {@code pulse args} so that a file's or a directory's mode binds it. */
  static PulseRun run(Map<String, String> env, String... args) throws IOException, InterruptedException {
    PulseRun.Started started = PulseRun.start(launcher(), null, null, env, args);
    started.process().getOutputStream().close(); // no input
    return started.await();
  }

  private static List<String> launcher() throws IOException, InterruptedException {
    if (!Integer.valueOf(0).equals(Files.getAttribute(Path.of("/proc/self"), "unix:uid"))) {
      return List.of();
    }
    List<String> check = new ArrayList<>(WITHOUT_OVERRIDE);
    check.add("true");
    String problem;
    try {
      Process process = new ProcessBuilder(check).redirectErrorStream(true).start();
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        problem = "setpriv did not finish within 30 s";
      } else {
        String said = new String(process.getInputStream().readAllBytes()).strip();
        problem = process.exitValue() == 0 ? null : "setpriv failed: " + said;
      }
    } catch (IOException e) {
      problem = e.getMessage();
    }
    if (problem != null) {
      String message = "file modes do not bind root, and it cannot drop the capabilities that override them: "
          + problem;
      if ("true".equals(System.getenv("CI"))) {
        fail(message);
      }
      Assumptions.abort(message);
    }
    return WITHOUT_OVERRIDE;
  }
}
