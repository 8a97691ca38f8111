package dev.pulse.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.jar.JarOutputStream;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The SDK can be adopted from outside: {@code examples/sdk-standalone}, a project of its own importing
 * {@code pulse-bom} and depending on {@code pulse-client}, builds against this build's artifacts and
 * its program reports to a loopback server. The artifacts (parent, BOM, schema and client POMs, and jars
 * of the freshly compiled classes) go into a TEMPORARY local repository; everything else Maven needs
 * (plugins, imported BOMs) comes from the user's local repository, read-only, as a {@code file://}
 * mirror. Nothing is installed into {@code ~/.m2}, nothing is downloaded.
 */
class SdkStandaloneBuildTest {

  private static final Path ROOT = Path.of(System.getProperty("user.dir")).getParent();

  @TempDir Path temp;

  @Test
  void theStandaloneExampleBuildsAgainstTheBomAndSends() throws Exception {
    Path m2 = Path.of(System.getProperty("user.home"), ".m2", "repository");
    boolean ready = Files.isDirectory(m2) && onPath("mvn");
    if ("true".equals(System.getenv("CI"))) {
      assertThat(ready).as("mvn on PATH and a local repository at " + m2).isTrue();
    }
    assumeTrue(ready, "needs mvn on PATH and a local Maven repository at " + m2);
    String version = version(ROOT.resolve("pom.xml"));
    assertThat(version(ROOT.resolve("bom/pom.xml"))).as("pulse-bom version = parent version").isEqualTo(version);

    Path repo = temp.resolve("repo");
    put(repo, "pulse-parent", version, ROOT.resolve("pom.xml"), null);
    put(repo, "pulse-bom", version, ROOT.resolve("bom/pom.xml"), null);
    put(repo, "pulse-schema", version, ROOT.resolve("schema/pom.xml"), ROOT.resolve("schema/target/classes"));
    put(repo, "pulse-client", version, ROOT.resolve("client/pom.xml"), ROOT.resolve("client/target/classes"));
    Path settings = temp.resolve("settings.xml");
    Files.writeString(settings, "<settings><localRepository>" + repo + "</localRepository><mirrors><mirror>"
        + "<id>user-local-repository</id><mirrorOf>*</mirrorOf><url>" + m2.toUri() + "</url>"
        + "</mirror></mirrors></settings>");
    Path project = temp.resolve("sdk-standalone");
    copyTree(ROOT.resolve("examples/sdk-standalone"), project);

    Process build = new ProcessBuilder("mvn", "-B", "-q", "-nsu", "-s", settings.toString(),
        "-Dpulse.version=" + version, "-DskipTests", "package")
        .directory(project.toFile()).redirectErrorStream(true).start();
    String buildOutput = output(build, 180);
    assertThat(build.exitValue()).as("mvn package of the standalone example:\n" + buildOutput).isZero();

    AtomicInteger received = new AtomicInteger();
    List<String> bodies = new java.util.concurrent.CopyOnWriteArrayList<>();
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/telemetry/query", exchange -> {
      try (exchange; var in = new java.util.zip.GZIPInputStream(exchange.getRequestBody())) {
        bodies.add(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        received.incrementAndGet();
        byte[] ok = "{\"data\":{\"sendCLITelemetry\":true}}".getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(200, ok.length);
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(ok);
        }
      }
    });
    server.start();
    try {
      String classpath = String.join(File.pathSeparator,
          project.resolve("target/sdk-standalone-1.0.0.jar").toString(),
          artifact(repo, "pulse-client", version, "jar").toString(),
          artifact(repo, "pulse-schema", version, "jar").toString());
      ProcessBuilder run = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
          "-cp", classpath, "com.example.standalone.Main",
          "--api-address=http://127.0.0.1:" + server.getAddress().getPort())
          .redirectErrorStream(true);
      run.environment().keySet().removeIf(k -> k.startsWith("OTTERIZE_") || k.equals("DO_NOT_TRACK"));
      run.environment().putAll(Map.of("XDG_CONFIG_HOME", temp.resolve("config").toString()));
      Process program = run.start();
      String programOutput = output(program, 60);

      assertThat(program.exitValue()).as(programOutput).isZero();
      assertThat(programOutput).contains("Hello, world. Telemetry goes to http://127.0.0.1:");
      assertThat(received.get()).isEqualTo(1);
      assertThat(bodies.get(0)).contains("SendCLITelemetry", "\"noun\":\"greet\"", "\"verb\":\"world\"");
    } finally {
      server.stop(0);
    }
  }

  /** Lays an artifact out as Maven's local repository does: its POM, and a jar of {@code classes}. */
  private static void put(Path repo, String artifactId, String version, Path pom, Path classes) throws IOException {
    Files.createDirectories(artifact(repo, artifactId, version, "pom").getParent());
    Files.copy(pom, artifact(repo, artifactId, version, "pom"), StandardCopyOption.REPLACE_EXISTING);
    if (classes == null) {
      return;
    }
    assertThat(classes).as("compiled classes of " + artifactId).isDirectory();
    try (JarOutputStream jar = new JarOutputStream(Files.newOutputStream(artifact(repo, artifactId, version, "jar")));
        Stream<Path> files = Files.walk(classes)) {
      for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
        jar.putNextEntry(new ZipEntry(classes.relativize(file).toString().replace(File.separatorChar, '/')));
        Files.copy(file, jar);
        jar.closeEntry();
      }
    }
  }

  private static Path artifact(Path repo, String artifactId, String version, String extension) {
    return repo.resolve("dev/pulse").resolve(artifactId).resolve(version)
        .resolve(artifactId + "-" + version + "." + extension);
  }

  /** The project version of a POM: the first version after its own artifactId. */
  private static String version(Path pom) throws IOException {
    String text = Files.readString(pom);
    Matcher m = Pattern.compile("<artifactId>pulse-(parent|bom)</artifactId>\\s*<version>([^<]+)</version>", Pattern.DOTALL)
        .matcher(text.substring(text.indexOf("</parent>") < 0 ? 0 : text.indexOf("</parent>")));
    assertThat(m.find()).as("a version in " + pom).isTrue();
    return m.group(2);
  }

  private static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> files = Files.walk(from)) {
      for (Path file : files.filter(p -> !from.relativize(p).startsWith("target")).toList()) {
        Path target = to.resolve(from.relativize(file).toString());
        if (Files.isDirectory(file)) {
          Files.createDirectories(target);
        } else {
          Files.copy(file, target, StandardCopyOption.REPLACE_EXISTING);
        }
      }
    }
  }

  private static String output(Process process, int seconds) throws Exception {
    List<String> lines = new ArrayList<>();
    Thread reader = new Thread(() -> {
      try {
        lines.add(new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
      } catch (IOException ignored) {
        // the process ended
      }
    });
    reader.start();
    if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("process did not finish within " + seconds + " s");
    }
    reader.join(5000);
    return String.join("", lines);
  }

  private static boolean onPath(String command) {
    String path = System.getenv().getOrDefault("PATH", "");
    for (String dir : path.split(File.pathSeparator)) {
      if (Files.isExecutable(Path.of(dir, command))) {
        return true;
      }
    }
    return false;
  }
}
