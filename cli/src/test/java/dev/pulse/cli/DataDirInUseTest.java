package dev.pulse.cli;

import static dev.pulse.cli.Mistakes.FAILURE;
import static dev.pulse.cli.Mistakes.assertTold;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A data dir a running {@code pulse serve} holds is refused by every other command that would open
 * its store, with exit code 1 and the same words, and it stays held when its store is moved away, as
 * restore's refusal of a dir with a store says to do: the server goes on writing into the moved
 * file, so a store restored in its place would never see the records acknowledged meanwhile.
 */
class DataDirInUseTest {

  private static final String TOKEN = "data-dir-in-use-token-0123";
  private static final Map<String, String> NO_ENV = Map.of();

  @TempDir Path dir;

  @Test
  void aRunningServersDataDirIsRefusedToRestoreAndGenerateEvenWithItsStoreMovedAway() throws Exception {
    Path data = dir.resolve("cfgdir");
    try (ServeProcess server = ServeProcess.start(data, TOKEN)) {
      Path backup = dir.resolve("b1.duckdb");
      PulseRun backedUp = PulseRun.run(Map.of("PULSE_ADMIN_TOKEN", TOKEN), "backup", "--server",
          server.uri("").toString(), "-o", backup.toString());
      assertThat(backedUp.exitCode()).as(backedUp.output()).isZero();
      Path moved = Files.createDirectory(dir.resolve("moved"));
      try (Stream<Path> files = Files.list(data)) {
        for (Path file : files.filter(DataDirInUseTest::isStore).toList()) {
          Files.move(file, moved.resolve(file.getFileName()));
        }
      }

      PulseRun restore = PulseRun.run(NO_ENV, "restore", backup.toString(), "--data-dir", data.toString());
      assertTold(restore, FAILURE, "pulse restore: the data dir " + data + " is in use by another process (PID ");
      assertThat(restore.output()).contains("a running pulse serve: stop it first").doesNotContain("restored");
      assertThat(data.resolve("pulse.duckdb")).doesNotExist();

      PulseRun generate = PulseRun.run(NO_ENV, "generate", "--installs", "2", "--days", "1", "--data-dir",
          data.toString());
      assertTold(generate, FAILURE, "pulse generate: the data dir " + data + " is in use by another process");
      assertThat(generate.output()).doesNotContain("already holds records");

      PulseRun second = PulseRun.run(NO_ENV, "serve", "--host", "127.0.0.1", "--port", "0", "--data-dir",
          data.toString());
      assertTold(second, FAILURE, "pulse serve: cannot start: the data dir " + data + " is in use by another process");
      assertThat(data.resolve("pulse.duckdb")).as("nothing was made in its place").doesNotExist();
    }
  }

  @Test
  void restoreRefusesARunningServersDataDirBeforeCheckingTheBackupsContextKey() throws Exception {
    Path other = dir.resolve("other");
    PulseRun.generate(other, 2, 1); // a store of its own context key
    Path backup = dir.resolve("other.duckdb");
    PulseRun backedUp = PulseRun.run(NO_ENV, "backup", "--data-dir", other.toString(), "-o", backup.toString());
    assertThat(backedUp.exitCode()).as(backedUp.output()).isZero();
    Path data = dir.resolve("held-by-another-key");
    try (ServeProcess server = ServeProcess.start(data, TOKEN)) {
      PulseRun restore = PulseRun.run(NO_ENV, "restore", backup.toString(), "--data-dir", data.toString());

      assertTold(restore, FAILURE, "pulse restore: the data dir " + data + " is in use by another process (PID ");
      assertThat(restore.output()).doesNotContain("context key");
    }
  }

  @Test
  void aServerWhoseStoreDirIsHeldNamesTheStoreDirNotItsDataDir() throws Exception {
    Path held = dir.resolve("g1");
    Path data = dir.resolve("d1");
    try (ServeProcess server = ServeProcess.start(held, TOKEN)) {
      PulseRun second = PulseRun.run(NO_ENV, "serve", "--host", "127.0.0.1", "--port", "0", "--data-dir",
          data.toString(), "--store", "duckdb:" + held);
      assertTold(second, FAILURE, "pulse serve: cannot start: the store's directory " + held
          + " is in use by another process (PID ");
      assertThat(second.output()).contains("give this server another --store duckdb:DIR")
          .doesNotContain("the data dir " + data);
    }
  }

  @Test
  void everyCommandThatOpensAHeldStoreSaysItIsInUseWithExitCodeOne() throws Exception {
    Path data = dir.resolve("held");
    Path lines = Files.write(dir.resolve("events.ndjson"), ExportLines.events(2));
    Path backup = Files.writeString(dir.resolve("b.duckdb"), "not read");
    try (ServeProcess server = ServeProcess.start(data, TOKEN)) {
      List<String[]> commands = List.of(
          new String[] {"query", "versions"}, new String[] {"export", "events"},
          new String[] {"import", "events", lines.toString()}, new String[] {"purge", "--context-id", "abc"},
          new String[] {"backup", "-o", dir.resolve("out.duckdb").toString()},
          new String[] {"generate", "--installs", "2", "--days", "1"}, new String[] {"restore", backup.toString()},
          new String[] {"serve", "--host", "127.0.0.1", "--port", "0"});
      for (String[] command : commands) {
        String[] args = Stream.concat(Stream.of(command), Stream.of("--data-dir", data.toString()))
            .toArray(String[]::new);
        PulseRun run = PulseRun.run(NO_ENV, args);
        assertTold(run, FAILURE, "the data dir " + data + " is in use by another process");
        if (command[0].equals("import")) { // a server imports too: the way that works while it runs
          assertThat(run.output()).contains("import through it with --server (its address), or stop it first");
        }
      }
      assertThat(readiness(server)).as("the server goes on").isEqualTo(200);
    }
  }

  private static int readiness(ServeProcess server) throws Exception {
    return HttpClient.newHttpClient().send(HttpRequest.newBuilder(server.uri("/readyz"))
        .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
  }

  private static boolean isStore(Path file) {
    String name = file.getFileName().toString();
    return name.startsWith("pulse.duckdb") || name.equals("journal");
  }
}
