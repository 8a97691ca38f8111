package dev.pulse.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A {@code pulse} killed with SIGKILL leaves the copy of DuckDB's native library its driver made in
 * the temporary directory (57 MB); the next {@code pulse} that opens a store deletes it once it is
 * old. These runs use the jar's own library, as a user's do, not the one {@link TestClasspath}
 * unpacks for the other tests.
 */
class KilledProcessLeftoversTest {

  @TempDir Path dir;

  @Test
  void aCopyOfDuckDbsLibraryLeftByAKilledServerIsDeletedByTheNextRunOnceOld() throws Exception {
    Path tmp = Files.createDirectory(dir.resolve("tmp"));
    Path data = dir.resolve("data");
    Process server = start(tmp, "serve", "--data-dir", data.toString(), "--port", "0", "--host", "127.0.0.1");
    try (BufferedReader lines = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = lines.readLine()) != null && !line.startsWith("Pulse ")) {
        // the store opens, then the banner
      }
      assertThat(line).as("the server started").isNotNull();
      server.destroyForcibly(); // SIGKILL: no shutdown hook, no deleteOnExit
      assertThat(server.waitFor(30, TimeUnit.SECONDS)).isTrue();
    }
    List<Path> left = copies(tmp);
    assertThat(left).as("the killed server's copy").hasSize(1);
    Files.setLastModifiedTime(left.get(0), FileTime.from(Instant.now().minus(Duration.ofHours(1))));

    Process export = start(tmp, "export", "events", "--data-dir", data.toString(), "-o", dir.resolve("e.ndjson").toString());
    String output = new String(export.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(export.waitFor(120, TimeUnit.SECONDS)).isTrue();

    assertThat(export.exitValue()).as(output).isZero();
    assertThat(left.get(0)).as("the leftover, an hour old").doesNotExist();
    assertThat(copies(tmp)).as("the export's own copy, deleted at its exit").isEmpty();
  }

  private static Process start(Path tmp, String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-XX:TieredStopAtLevel=1", "-Djava.io.tmpdir=" + tmp, "-cp", System.getProperty("java.class.path"),
        PulseCommand.class.getName()));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().keySet().removeIf(k -> k.startsWith("PULSE_") || k.startsWith("OTTERIZE_"));
    builder.environment().put("PULSE_ADMIN_TOKEN", "killed-process-leftovers-token-0123");
    builder.environment().put("XDG_CONFIG_HOME", tmp.resolveSibling("config").toString());
    builder.environment().put("DO_NOT_TRACK", "1");
    Process process = builder.start();
    process.getOutputStream().close();
    return process;
  }

  private static List<Path> copies(Path tmp) throws Exception {
    try (Stream<Path> files = Files.list(tmp)) {
      return files.filter(p -> p.getFileName().toString().matches("libduckdb_java\\d+\\.so")).toList();
    }
  }
}
