package dev.pulse.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.Container;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.regex.MatchResult;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Builds the image from the Dockerfile with podman and runs it: the base is a Debian bookworm root with
 * a headless JRE 17 (deploy/image/debian-base.sh, kept in podman's store between runs), the jar is the
 * one the reactor built (the Dockerfile's {@code prebuilt} target). The container runs on the host's
 * network, bound to 127.0.0.1 on a free port, with a read-only root filesystem as Kubernetes runs it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ContainerImageTest {

  private static final Path ROOT = Manifests.MODULE.getParent();
  private static final Path JAR = ROOT.resolve("cli/target/pulse.jar");
  private static final String ADMIN_TOKEN = "container-test-" + UUID.randomUUID();
  private static final Duration BUILD_TIMEOUT = Duration.ofMinutes(4);
  private static final Duration START_TIMEOUT = Duration.ofSeconds(90);
  private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(60);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final String suffix = UUID.randomUUID().toString().substring(0, 8);
  private final String image = "localhost/pulse-image-test:" + suffix;
  private final String container = "pulse-image-test-" + suffix;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private Podman podman;
  private boolean built;
  private boolean started;
  private URI server;

  // The image is built once for the class; each test says for itself why it is skipped.
  @BeforeAll
  void buildAndStartTheImage() throws Exception {
    if (Podman.unavailable().isPresent() || !Files.isRegularFile(JAR)) {
      return;
    }
    podman = Podman.require();
    Instant begin = Instant.now();
    BaseImage.ensure(podman);
    Duration base = Duration.between(begin, Instant.now());
    podman.run(BUILD_TIMEOUT, buildArgs());
    built = true;
    Duration build = Duration.between(begin, Instant.now()).minus(base);
    int port = freePort();
    server = URI.create("http://127.0.0.1:" + port);
    List<String> run = new ArrayList<>(List.of("run", "--detach", "--name", container));
    run.addAll(Podman.RUNTIME_FLAGS);
    run.addAll(List.of("--read-only", "--tmpfs", "/tmp",
        "-e", "PULSE_HOST=127.0.0.1", "-e", "PULSE_PORT=" + port,
        "-e", "PULSE_ADMIN_TOKEN=" + ADMIN_TOKEN, "-e", "PULSE_CONTEXT_KEY=" + UUID.randomUUID(), image));
    podman.run(COMMAND_TIMEOUT, run);
    started = true;
    awaitReady();
    System.out.printf("container image %s: %d MB (jar %d MB); base image ready in %d s, image built in %d s,"
        + " server ready %d s after the start%n", image, imageSize() / 1_000_000, Files.size(JAR) / 1_000_000,
        base.toSeconds(), build.toSeconds(), Duration.between(begin, Instant.now()).minus(base).minus(build)
            .toSeconds());
  }

  @BeforeEach
  void requirePodmanAndTheJar() {
    Podman.require();
    if (!Files.isRegularFile(JAR)) {
      String message = JAR + " is missing: build the CLI first (mvn -B -DskipTests -pl cli -am package)";
      if ("true".equalsIgnoreCase(System.getenv("CI"))) {
        fail(message + " (CI=true, so this is a failure, not a skip)");
      }
      Assumptions.abort(message);
    }
  }

  @AfterAll
  void removeTheContainerAndTheImage() {
    if (podman == null) {
      return;
    }
    if (started) {
      podman.tryRun(COMMAND_TIMEOUT, List.of("rm", "--force", "--volumes", container));
    }
    if (built) {
      podman.tryRun(COMMAND_TIMEOUT, List.of("rmi", "--force", image));
    }
  }

  @Test
  void storesAConformanceBatchAndExportsItToTheAdminToken() throws Exception {
    String batch = Files.readString(Path.of(getClass().getResource("/conformance/01-operator-started.json").toURI()));
    HttpResponse<String> ingest = http.send(HttpRequest.newBuilder(server.resolve("/telemetry/query"))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(batch)).timeout(Duration.ofSeconds(10)).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(ingest.statusCode()).as(ingest.body()).isEqualTo(200);
    assertThat(JSON.readTree(ingest.body())).isEqualTo(JSON.readTree("{\"data\":{\"sendTelemetries\":true}}"));

    assertThat(export(null).statusCode()).as("export without the token").isEqualTo(401);
    List<JsonNode> events = awaitExportedEvents(2);
    assertThat(events).extracting(e -> e.get("eventType").asText()).containsExactly("STARTED", "ACTIVE");
    assertThat(events).allSatisfy(event -> {
      assertThat(event.get("componentType").asText()).isEqualTo("INTENTS_OPERATOR");
      assertThat(event.get("componentInstanceId").asText()).isEqualTo("8a6d3b52-2f4e-4c0b-9a57-1e2f3c4d5e6f");
      assertThat(event.get("version").asText()).isEqualTo("v3.0.2");
      assertThat(event.get("contextId").asText()).as("context id re-keyed, not stored as sent")
          .hasSize(64).isNotEqualTo("0252338b7da7b5c1f8cc21fcdfe41cc050c4b5c39986ba191837ffed79c3af66");
    });
    assertThat(events.get(0).get("count").asInt()).isEqualTo(1);
  }

  @Test
  void serverRunsAsTheNonRootUserTheManifestsExpect() {
    assertThat(podman.run(COMMAND_TIMEOUT, List.of("exec", container, "id", "-u"))).isEqualTo("10001");
    assertThat(podman.run(COMMAND_TIMEOUT, List.of("exec", container, "id", "-g"))).isEqualTo("10001");
    assertThat(podman.run(COMMAND_TIMEOUT, List.of("inspect", "--format", "{{.Config.User}}", image)))
        .isEqualTo("10001:10001");
  }

  @Test
  void theServerLoadsDuckDbsLibraryFromTheImageNotFromACopyInTmp() {
    // The server is the container's PID 1; what it mapped says which library file it loaded.
    List<String> libraries = podman.run(COMMAND_TIMEOUT, List.of("exec", container, "cat", "/proc/1/maps")).lines()
        .filter(line -> line.contains("duckdb")).map(line -> line.substring(line.lastIndexOf(' ') + 1))
        .distinct().toList();
    assertThat(libraries).containsExactly("/usr/java/packages/lib/libduckdb_java.so");
    assertThat(podman.run(COMMAND_TIMEOUT, List.of("exec", container, "ls", "-A", "/tmp")).lines())
        .as("no copy of the library in /tmp").noneMatch(name -> name.startsWith("libduckdb_java"));
  }

  @Test
  void pulseOnThePathRunsACommandThatPrintsOnlyItsOwnOutputAndTheServerIsPidOneWithItsOptions() {
    // The launcher execs java (the stop signal reaches the server) with JAVA_OPTS, which, unlike
    // JAVA_TOOL_OPTIONS, makes the JVM print nothing of its own before a command's output.
    assertThat(podman.run(COMMAND_TIMEOUT, List.of("exec", container, "cat", "/proc/1/comm"))).isEqualTo("java");
    assertThat(podman.run(COMMAND_TIMEOUT, List.of("exec", container, "cat", "/proc/1/cmdline")))
        .contains("-XX:MaxRAMPercentage=70").contains("/app/pulse.jar");
    assertThat(podman.run(COMMAND_TIMEOUT, List.of("exec", container, "pulse", "--version"))).matches("pulse \\S+");
    // docs/deploy.md's example: a query of the server, with the container's own token
    assertThat(podman.run(COMMAND_TIMEOUT, List.of("exec", container, "pulse", "query", "active-installs",
        "--server", server.toString()))).as("the table and nothing before it").startsWith("day ");
  }

  @Test
  void healthcheckOfTheImageReachesTheServerWithBashAlone() {
    // The image has no curl: the HEALTHCHECK speaks HTTP through bash's /dev/tcp to /healthz.
    Podman.Result check = podman.tryRun(COMMAND_TIMEOUT, List.of("healthcheck", "run", container));
    assertThat(check.exitCode()).as(check.output()).isZero();
  }

  @Test
  void everyMetricTheAlertRulesNameIsOneTheServerExports() throws Exception {
    HttpResponse<String> metrics = http.send(HttpRequest.newBuilder(server.resolve("/metrics"))
        .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(metrics.statusCode()).isEqualTo(200);
    Set<String> exported = metrics.body().lines().filter(line -> !line.startsWith("#") && !line.isBlank())
        .map(line -> line.split("[{ ]", 2)[0]).collect(Collectors.toSet());
    Set<String> named = Pattern.compile("\\bpulse_[a-z_]+").matcher(Manifests.read(PrometheusRulesTest.RULES))
        .results().map(MatchResult::group).collect(Collectors.toSet());

    // The certificate's expiry is exported by a server with its own TLS only (TlsTest in the server).
    named.remove("pulse_tls_certificate_not_after_seconds");
    assertThat(named).isNotEmpty();
    assertThat(exported).containsAll(named);
  }

  @Test
  void theChartsBackupJobRunsInTheImageAndKeepsTheNewestCopies() {
    Container job = ChartBackupTest.backupJob(Helm.require(), "--set", "backup.keep=2");
    String dir = "/tmp/backups-" + suffix;
    podman.run(COMMAND_TIMEOUT, List.of("exec", container, "mkdir", dir));
    for (String old : List.of("pulse-20200101T000000Z.duckdb", "pulse-20210101T000000Z.duckdb")) {
      podman.run(COMMAND_TIMEOUT, List.of("exec", container, "touch", dir + "/" + old));
    }
    // The job's own script and settings; only the directory and the server's address are this container's.
    List<String> exec = new ArrayList<>(List.of("exec", "-e", "PULSE_BACKUP_DIR=" + dir,
        "-e", "PULSE_BACKUP_SERVER=" + server, "-e", "PULSE_ADMIN_TOKEN=" + ADMIN_TOKEN));
    job.getEnv().stream().filter(e -> e.getValue() != null && !e.getName().startsWith("PULSE_BACKUP_")
            || "PULSE_BACKUP_KEEP".equals(e.getName()))
        .forEach(e -> exec.addAll(List.of("-e", e.getName() + "=" + e.getValue())));
    exec.add(container);
    exec.addAll(job.getCommand());

    Podman.Result ran = podman.tryRun(COMMAND_TIMEOUT, exec);

    assertThat(ran.exitCode()).as(ran.output()).isZero();
    assertThat(ran.output()).contains("backed up the server at " + server)
        .contains("deleted " + dir + "/pulse-20200101T000000Z.duckdb");
    assertThat(podman.run(COMMAND_TIMEOUT, List.of("exec", container, "ls", dir)).lines().toList())
        .hasSize(2).contains("pulse-20210101T000000Z.duckdb")
        .anySatisfy(name -> assertThat(name).matches("pulse-2[0-9]{7}T[0-9]{6}Z\\.duckdb").isNotEqualTo(
            "pulse-20210101T000000Z.duckdb"));
  }

  private List<String> buildArgs() {
    List<String> build = new ArrayList<>(List.of("build"));
    build.addAll(Podman.RUNTIME_FLAGS);
    // docker format keeps the HEALTHCHECK; no intermediate images are left behind.
    build.addAll(List.of("--format", "docker", "--layers=false", "--pull=never",
        "--build-arg", "BASE_IMAGE=" + BaseImage.NAME, "--target", "prebuilt", "--tag", image,
        "--file", ROOT.resolve("Dockerfile").toString(), ROOT.resolve("cli/target").toString()));
    return build;
  }

  private long imageSize() {
    return Long.parseLong(podman.run(COMMAND_TIMEOUT, List.of("image", "inspect", "--format", "{{.Size}}", image)));
  }

  private void awaitReady() throws InterruptedException {
    Instant deadline = Instant.now().plus(START_TIMEOUT);
    while (Instant.now().isBefore(deadline)) {
      try {
        HttpResponse<String> ready = http.send(HttpRequest.newBuilder(server.resolve("/readyz"))
            .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
        if (ready.statusCode() == 200) {
          return;
        }
      } catch (IOException notYet) {
        // not listening yet
      }
      String running = podman.run(COMMAND_TIMEOUT, List.of("inspect", "--format", "{{.State.Running}}", container));
      if (!"true".equals(running)) {
        fail("the container stopped before it was ready:\n" + podman.tryRun(COMMAND_TIMEOUT,
            List.of("logs", container)).output());
      }
      Thread.sleep(250); // polling interval, not synchronisation: the loop checks the condition
    }
    fail("the server in the container was not ready within " + START_TIMEOUT.toSeconds() + " s:\n"
        + podman.tryRun(COMMAND_TIMEOUT, List.of("logs", container)).output());
  }

  private List<JsonNode> awaitExportedEvents(int expected) throws Exception {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
    List<JsonNode> events = List.of();
    while (Instant.now().isBefore(deadline)) {
      HttpResponse<String> response = export(ADMIN_TOKEN);
      assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
      events = new ArrayList<>();
      for (String line : response.body().split("\n")) {
        if (!line.isBlank()) {
          events.add(JSON.readTree(line));
        }
      }
      if (events.size() >= expected) {
        assertThat(events).as("each acknowledged event exactly once").hasSize(expected);
        return events;
      }
      Thread.sleep(250); // polling interval
    }
    fail("the export held " + events.size() + " events after 30 s, expected " + expected + ": " + events);
    return events;
  }

  private HttpResponse<String> export(String token) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(server.resolve("/api/v1/export/events"))
        .timeout(Duration.ofSeconds(10));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
