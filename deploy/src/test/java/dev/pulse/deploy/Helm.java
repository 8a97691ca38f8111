package dev.pulse.deploy;

import static org.assertj.core.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Runs the real helm binary. Tests that need it call {@link #require()}: without helm on PATH (or in
 * HELM_BIN) they are skipped with a message, except under CI=true, where they fail so a CI machine that
 * forgot to run deploy/install-helm.sh cannot pass silently.
 */
final class Helm {

  private static final long TIMEOUT_SECONDS = 60;

  private final Path binary;

  private Helm(Path binary) {
    this.binary = binary;
  }

  static Helm require() {
    Optional<Path> binary = find();
    if (binary.isPresent()) {
      return new Helm(binary.get());
    }
    String message = "helm is not on PATH (nor in HELM_BIN): the chart rendering tests need a real helm; "
        + "install it with `bash deploy/install-helm.sh`";
    if ("true".equalsIgnoreCase(System.getenv("CI"))) {
      fail(message + " (CI=true, so this is a failure, not a skip)");
    }
    Assumptions.abort(message);
    throw new AssertionError("unreachable");
  }

  static Optional<Path> find() {
    String explicit = System.getenv("HELM_BIN");
    if (explicit != null && !explicit.isBlank() && Files.isExecutable(Path.of(explicit))) {
      return Optional.of(Path.of(explicit));
    }
    String path = System.getenv().getOrDefault("PATH", "");
    for (String dir : path.split(File.pathSeparator)) {
      if (dir.isEmpty()) {
        continue;
      }
      Path candidate = Path.of(dir, "helm");
      if (Files.isExecutable(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }

  /** {@code helm template <release> <chart> --namespace <namespace> <args...>}; fails on a non-zero exit. */
  String template(Path chart, String release, String namespace, String... args) {
    Result result = templateResult(chart, release, namespace, args);
    if (result.exitCode() != 0) {
      fail("helm template " + chart + " " + List.of(args) + " exited " + result.exitCode() + ":\n"
          + result.stderr());
    }
    return result.stdout();
  }

  Result templateResult(Path chart, String release, String namespace, String... args) {
    List<String> command = new ArrayList<>(List.of("template", release, chart.toString(),
        "--namespace", namespace));
    command.addAll(List.of(args));
    return run(chart.getParent(), command);
  }

  /** Runs helm with these arguments in a directory and returns its exit code and output. */
  Result run(Path directory, List<String> args) {
    List<String> command = new ArrayList<>();
    command.add(binary.toString());
    command.addAll(args);
    try {
      Path stdout = Files.createTempFile("helm-out", ".txt");
      Path stderr = Files.createTempFile("helm-err", ".txt");
      try {
        Process process = new ProcessBuilder(command)
            .directory(directory.toFile())
            .redirectOutput(stdout.toFile())
            .redirectError(stderr.toFile())
            .start();
        if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
          process.destroyForcibly();
          fail("helm did not finish within " + TIMEOUT_SECONDS + " s: " + command);
        }
        return new Result(process.exitValue(), Files.readString(stdout, StandardCharsets.UTF_8),
            Files.readString(stderr, StandardCharsets.UTF_8));
      } finally {
        Files.deleteIfExists(stdout);
        Files.deleteIfExists(stderr);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted while running " + command, e);
    }
  }

  record Result(int exitCode, String stdout, String stderr) {}
}
