package dev.pulse.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The systemd unit for a machine of its own: systemd accepts it without a warning, and its command,
 * with the jar and data dir of this build, starts a server that answers and stops on SIGTERM within
 * the unit's stop timeout.
 */
class SystemdUnitTest {

  private static final Path UNIT = Manifests.MODULE.resolve("systemd/pulse.service");
  private static final Path COMMAND = Manifests.MODULE.resolve("systemd/pulse");
  private static final Path JAR = Manifests.MODULE.getParent().resolve("cli/target/pulse.jar");
  private static final Pattern LISTENING = Pattern.compile("listening on (http://\\S+)");
  private static final String JAVA = Path.of(System.getProperty("java.home"), "bin", "java").toString();

  @TempDir static Path installed;
  private static Path optPulse; // made by installAsDocsSay, once

  @TempDir Path dir;

  @Test
  void systemdAcceptsTheUnitWithoutAWarning() throws Exception {
    Path analyze = require(Path.of("/usr/bin/systemd-analyze"), "systemd-analyze (Debian's systemd)");
    Process verify = new ProcessBuilder(analyze.toString(), "verify", UNIT.toString()).redirectErrorStream(true).start();
    String output = new String(verify.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(verify.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(verify.exitValue()).as(output).isZero();
    assertThat(output).as("warnings of systemd-analyze verify").isBlank();
  }

  @Test
  void aSettingsMistakeIsNotRestartedAndAStopIsNoFailure() {
    assertThat(setting("Restart")).isEqualTo("on-failure");
    assertThat(setting("RestartPreventExitStatus").split(" ")).as("exit 2: a mistake in the settings").contains("2");
    assertThat(setting("SuccessExitStatus").split(" ")).as("143: a SIGTERM stop of earlier builds").contains("143");
  }

  @Test
  void theDataDirIsASettingThatTheEnvironmentFileMayChange() {
    assertThat(setting("ExecStart")).as("a flag would beat PULSE_DATA_DIR of pulse.env").doesNotContain("--data-dir");
    List<String> lines = Manifests.read(UNIT).lines().toList();
    int dataDir = lines.indexOf("Environment=PULSE_DATA_DIR=/var/lib/pulse");
    assertThat(dataDir).as("the default data dir, the StateDirectory").isNotNegative();
    assertThat(dataDir).as("set before the file, which overrides it").isLessThan(lines.indexOf(
        "EnvironmentFile=-/etc/pulse/pulse.env"));
  }

  @Test
  void itsCommandServesAndStopsOnSigtermWithinTheStopTimeoutWithExitCodeZero() throws Exception {
    require(JAR, "the CLI's jar (mvn -B -DskipTests -pl cli -am package)");
    Path opt = installAsDocsSay();
    List<String> command = new ArrayList<>();
    for (String word : setting("ExecStart").split(" ")) {
      command.add(switch (word) {
        case "/usr/bin/java" -> JAVA;
        case "/opt/pulse/pulse.jar" -> opt.resolve("pulse.jar").toString();
        case "-Djava.library.path=/opt/pulse/lib" -> "-Djava.library.path=" + opt.resolve("lib");
        default -> word;
      });
    }
    Path state = dir.resolve("state");
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().keySet().removeIf(name -> name.startsWith("PULSE_"));
    // As systemd sets it (Environment=, then pulse.env), with this test's dir for /var/lib/pulse.
    assertThat(setting("Environment")).isEqualTo("PULSE_DATA_DIR=/var/lib/pulse");
    builder.environment().putAll(Map.of("PULSE_DATA_DIR", state.toString(), "PULSE_PORT", "0",
        "PULSE_HOST", "127.0.0.1", "PULSE_ADMIN_TOKEN", "systemd-unit-test-token-0123"));
    Process server = builder.start();
    // Its output, read as it comes: first to find the address, then to the end.
    LinkedBlockingQueue<String> lines = new LinkedBlockingQueue<>();
    Thread reader = new Thread(() -> new BufferedReader(new InputStreamReader(server.getInputStream(),
        StandardCharsets.UTF_8)).lines().forEach(lines::add));
    reader.start();
    try {
      String base = null;
      while (base == null) {
        String line = lines.poll(60, TimeUnit.SECONDS);
        assertThat(line).as("the server says where it listens").isNotNull();
        Matcher listening = LISTENING.matcher(line);
        base = line.startsWith("Pulse ") && listening.find() ? listening.group(1) : null;
      }
      HttpResponse<String> ready = HttpClient.newHttpClient().send(
          HttpRequest.newBuilder(URI.create(base + "/readyz")).timeout(Duration.ofSeconds(10)).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(ready.statusCode()).as(ready.body()).isEqualTo(200);
      assertThat(Files.readString(Path.of("/proc", String.valueOf(server.pid()), "maps")))
          .as("DuckDB's library loaded from beside the jar, not from a copy in /tmp")
          .contains(opt.resolve("lib/libduckdb_java.so").toString()).doesNotContain("/tmp/libduckdb_java");

      server.toHandle().destroy(); // SIGTERM, as systemctl stop sends it; Process.destroy would close its output
      long stopSeconds = Long.parseLong(setting("TimeoutStopSec"));
      assertThat(server.waitFor(stopSeconds, TimeUnit.SECONDS)).as("stopped within TimeoutStopSec").isTrue();
      reader.join(TimeUnit.SECONDS.toMillis(10));
      assertThat(lines).contains("Pulse stopped: requests in flight finished, store closed.");
      assertThat(server.exitValue()).as("a clean stop, as systemd counts it").isZero();
      assertThat(state.resolve("pulse.duckdb")).as("the store, in the data dir of PULSE_DATA_DIR").exists();
    } finally {
      server.destroyForcibly();
    }
  }

  @Test
  void itsPulseCommandOpensAStoreWithTheLibraryOfOptPulseNotACopyInTmp() throws Exception {
    require(JAR, "the CLI's jar (mvn -B -DskipTests -pl cli -am package)");
    assertThat(Manifests.read(Manifests.MODULE.getParent().resolve("docs/deploy.md")))
        .contains("install -m 0755 deploy/systemd/pulse /usr/local/bin/pulse");
    Path opt = installAsDocsSay();
    Path pulse = Files.writeString(dir.resolve("pulse"), Manifests.read(COMMAND).replace("/opt/pulse/", opt + "/"));
    Path tmp = Files.createDirectories(dir.resolve("tmp"));
    ProcessBuilder builder = new ProcessBuilder("sh", pulse.toString(), "generate", "--installs", "1", "--days", "1",
        "--quiet", "--data-dir", dir.resolve("data").toString()).redirectErrorStream(true);
    builder.environment().put("PATH", Path.of(JAVA).getParent() + ":" + System.getenv("PATH"));
    builder.environment().put("JAVA_OPTS", "-Djava.io.tmpdir=" + tmp);

    Process generate = builder.start();
    generate.getOutputStream().close();
    String output = new String(generate.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

    assertThat(generate.waitFor(2, TimeUnit.MINUTES)).as("generate ended").isTrue();
    assertThat(generate.exitValue()).as(output).isZero();
    assertThat(dir.resolve("data/pulse.duckdb")).exists();
    try (var copies = Files.list(tmp)) {
      assertThat(copies.map(file -> file.getFileName().toString())).as("copies of DuckDB's library")
          .noneMatch(name -> name.startsWith("libduckdb_java"));
    }
  }

  /**
   * {@code /opt/pulse} in the class's dir, made once (a 100 MB jar split) by the command docs/deploy.md
   * gives; the tests only read it.
   */
  private static synchronized Path installAsDocsSay() throws Exception {
    if (optPulse != null) {
      return optPulse;
    }
    String split = "dev.pulse.cli.packaging.DuckDbLibrarySplit cli/target/pulse.jar \\\n  /opt/pulse/pulse.jar /opt/pulse/lib";
    assertThat(Manifests.read(Manifests.MODULE.getParent().resolve("docs/deploy.md"))).contains(split);
    Path made = Files.createDirectories(installed.resolve("opt/pulse"));
    Process process = new ProcessBuilder(JAVA, "-cp", JAR.toString(), "dev.pulse.cli.packaging.DuckDbLibrarySplit",
        JAR.toString(), made.resolve("pulse.jar").toString(), made.resolve("lib").toString())
        .redirectErrorStream(true).start();
    process.getOutputStream().close();
    assertThat(process.waitFor(2, TimeUnit.MINUTES)).as("the split ended").isTrue();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.exitValue()).as(output).isZero();
    optPulse = made;
    return made;
  }

  // The value of a unit setting; the unit sets each one once.
  private static String setting(String name) {
    return Manifests.read(UNIT).lines().filter(line -> line.startsWith(name + "="))
        .map(line -> line.substring(name.length() + 1)).findFirst()
        .orElseThrow(() -> new AssertionError(UNIT + " has no " + name));
  }

  private static Path require(Path path, String what) {
    if (Files.exists(path)) {
      return path;
    }
    String message = "needs " + what + " at " + path;
    if ("true".equalsIgnoreCase(System.getenv("CI"))) {
      fail(message + " (CI=true, so this is a failure, not a skip)");
    }
    Assumptions.abort(message);
    throw new AssertionError("unreachable");
  }
}
