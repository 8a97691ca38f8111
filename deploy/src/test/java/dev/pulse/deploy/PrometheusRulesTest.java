package dev.pulse.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The chart's alert rules pass Prometheus's own checks ({@code promtool check rules}) and their unit
 * tests ({@code promtool test rules}: each alert fires when its condition has held long enough, with
 * its words). Needs Debian's {@code prometheus} package for promtool; skipped without it, except
 * under CI=true.
 */
class PrometheusRulesTest {

  static final Path RULES = Manifests.MODULE.resolve("helm/pulse/files/prometheus-rules.yaml");
  private static final Path RULE_TESTS = Manifests.MODULE.resolve("src/test/prometheus/prometheus-rules-test.yaml");

  @Test
  void rulesPassPromtoolsCheck() throws Exception {
    assertThat(promtool("check", "rules", RULES.toString())).contains("SUCCESS: 12 rules found");
  }

  @Test
  void eachAlertFiresWhenItsConditionHeldLongEnoughWithItsWords() throws Exception {
    assertThat(promtool("test", "rules", RULE_TESTS.toString())).contains("SUCCESS");
  }

  private static String promtool(String... args) throws IOException, InterruptedException {
    List<String> command = Stream.concat(Stream.of(find().toString()), Stream.of(args)).toList();
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
      fail("promtool " + String.join(" ", args) + " failed:\n" + output);
    }
    return output;
  }

  private static Path find() {
    Optional<Path> found = Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
        .filter(dir -> !dir.isEmpty())
        .map(dir -> Path.of(dir, "promtool"))
        .filter(Files::isExecutable)
        .findFirst();
    if (found.isPresent()) {
      return found.get();
    }
    String message = "promtool is not on PATH: the alert rules' tests need it (apt-get install prometheus)";
    if ("true".equalsIgnoreCase(System.getenv("CI"))) {
      fail(message + " (CI=true, so this is a failure, not a skip)");
    }
    Assumptions.abort(message);
    throw new AssertionError("unreachable");
  }
}
