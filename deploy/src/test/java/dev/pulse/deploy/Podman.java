package dev.pulse.deploy;

import static org.assertj.core.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Runs podman as root with the runc runtime (crun refuses hybrid cgroups) and explicit rlimits (some
 * machines refuse to raise them). Tests that need it call {@link #require()}: without root, podman, runc
 * or debootstrap they are skipped with a message, except under CI=true, where they fail.
 */
final class Podman {

  /** Flags every build and run needs here: the runtime, the host's network and fixed rlimits. */
  static final List<String> RUNTIME_FLAGS = List.of("--runtime", "runc", "--network", "host",
      "--ulimit", "nofile=1024:1024", "--ulimit", "nproc=1024:1024");

  private Podman() {}

  static Podman require() {
    Optional<String> why = unavailable();
    if (why.isEmpty()) {
      return new Podman();
    }
    String message = "the container image test needs root, podman, runc and debootstrap: " + why.get();
    if ("true".equalsIgnoreCase(System.getenv("CI"))) {
      fail(message + " (CI=true, so this is a failure, not a skip)");
    }
    Assumptions.abort(message);
    throw new AssertionError("unreachable");
  }

  /** Why podman cannot run containers here, or empty when it can. */
  static Optional<String> unavailable() {
    List<String> missing = new ArrayList<>();
    for (String tool : List.of("podman", "runc", "debootstrap")) {
      if (!onPath(tool)) {
        missing.add(tool);
      }
    }
    if (!missing.isEmpty()) {
      return Optional.of(String.join(", ", missing) + " not found on PATH (apt-get install podman runc debootstrap)");
    }
    if (!"root".equals(System.getProperty("user.name"))) {
      return Optional.of("not running as root (podman with runc and debootstrap need root here)");
    }
    return Optional.empty();
  }

  /** {@code podman <args>}; fails the test on a non-zero exit or when it outlasts the timeout. */
  String run(Duration timeout, List<String> args) {
    Result result = tryRun(timeout, args);
    if (result.exitCode() != 0) {
      fail("podman " + String.join(" ", args) + " exited " + result.exitCode() + ":\n" + tail(result.output()));
    }
    return result.output().strip();
  }

  /** {@code podman <args>}, returning whatever happened. */
  Result tryRun(Duration timeout, List<String> args) {
    List<String> command = new ArrayList<>();
    command.add("podman");
    command.addAll(args);
    return exec(command, timeout);
  }

  /** Any command (stdout and stderr together), bounded by the timeout. */
  static Result exec(List<String> command, Duration timeout) {
    try {
      Path output = Files.createTempFile("podman-out", ".txt");
      try {
        Process process = new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(output.toFile())
            .start();
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
          process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
          fail(String.join(" ", command) + " did not finish within " + timeout.toSeconds() + " s:\n"
              + tail(Files.readString(output, StandardCharsets.UTF_8)));
        }
        return new Result(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
      } finally {
        Files.deleteIfExists(output);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted while running " + command, e);
    }
  }

  private static String tail(String output) {
    List<String> lines = output.lines().toList();
    return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
  }

  private static boolean onPath(String tool) {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, tool))) {
        return true;
      }
    }
    // debootstrap and runc live in /usr/sbin, which a non-login PATH may lack.
    return Files.isExecutable(Path.of("/usr/sbin", tool)) || Files.isExecutable(Path.of("/sbin", tool));
  }

  record Result(int exitCode, String output) {}
}
