package dev.pulse.client.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import dev.pulse.client.send.PayloadWriter;
import dev.pulse.schema.CliCommand;
import dev.pulse.schema.CliIdentifier;
import dev.pulse.schema.CliTelemetry;

class SpoolTest {

  private static final URI ENDPOINT = URI.create("https://telemetry.example.com/telemetry/query");
  private static final URI ANOTHER = URI.create("http://localhost:8080/telemetry/query");

  @TempDir Path dir;

  private static String body(String verb) {
    return PayloadWriter.sendCliTelemetry(new CliTelemetry(
        new CliIdentifier("v1", "ctx", ""), new CliCommand("mapper", verb, List.of())));
  }

  @Test
  void keepsAndHandsBackBodiesOnce() {
    Spool spool = new Spool(dir, ENDPOINT);

    assertThat(spool.keep(List.of(body("export"), body("visualize")))).as("dropped").isEmpty();

    assertThat(new Spool(dir, ENDPOINT).takeAll()).containsExactly(body("export"), body("visualize"));
    assertThat(new Spool(dir, ENDPOINT).takeAll()).isEmpty();
    assertThat(spool.file()).doesNotExist();
  }

  @Test
  void keepsOnlyTheNewestEntriesInOrderAndSaysWhichItDropped() {
    Spool spool = new Spool(dir, ENDPOINT);
    List<String> many = new ArrayList<>();
    for (int i = 0; i < Spool.MAX_ENTRIES + 50; i++) {
      many.add(body("v" + i));
    }

    assertThat(spool.keep(many.subList(0, 120))).containsExactlyElementsOf(many.subList(0, 20));
    assertThat(spool.keep(many.subList(120, 150))).as("kept before, pushed out now")
        .containsExactlyElementsOf(many.subList(20, 50));

    assertThat(spool.takeAll()).containsExactlyElementsOf(many.subList(50, 150));
  }

  @Test
  void staysUnderItsByteBound() throws Exception {
    Spool spool = new Spool(dir, ENDPOINT);
    String big = body("x".repeat(10_000));
    for (int i = 0; i < 20; i++) {
      spool.keep(List.of(big));
    }

    assertThat(Files.size(spool.file())).isLessThanOrEqualTo(Spool.MAX_BYTES);
  }

  @Test
  void discardsLinesThatAreNotWireRequests() throws Exception {
    Files.writeString(new Spool(dir, ENDPOINT).file(),
        "not json\n{\"query\":\"mutation Evil { x }\"}\n" + body("export") + "\n");

    assertThat(new Spool(dir, ENDPOINT).takeAll()).containsExactly(body("export"));
  }

  @Test
  void handsBackOnlyWhatWasSpooledForItsOwnEndpoint() {
    new Spool(dir, ENDPOINT).keep(List.of(body("export")));
    new Spool(dir, ANOTHER).keep(List.of(body("visualize")));

    assertThat(new Spool(dir, ANOTHER).takeAll()).containsExactly(body("visualize"));
    assertThat(new Spool(dir, ENDPOINT).takeAll()).containsExactly(body("export"));
    assertThat(new Spool(dir, ENDPOINT).file().getFileName().toString()).doesNotContain("example");
  }

  @Test
  void dropsTheOneSpoolOfEarlierVersionsUnsentSinceItsServerIsUnknown() throws Exception {
    Files.writeString(dir.resolve(Spool.LEGACY_FILE_NAME), body("export") + "\n");

    assertThat(new Spool(dir, ENDPOINT).takeAll()).isEmpty();
    assertThat(dir.resolve(Spool.LEGACY_FILE_NAME)).doesNotExist();
  }

  @Test
  void theDirectoryHoldsAtMostItsBoundOfSpoolsAndOneLockWhateverTheServersAndKilledRuns() throws Exception {
    Instant start = Instant.now();
    Files.createFile(dir.resolve("telemetry-spool-0123456789abcdef.jsonl.lock")); // an earlier version's
    Path killedMidWrite = Files.createFile(dir.resolve("telemetry-spool-0123456789abcdef.jsonl42.tmp"));
    Files.setLastModifiedTime(killedMidWrite, FileTime.from(start.minus(Duration.ofHours(1))));
    Path beingWritten = Files.createFile(dir.resolve("context-id77.tmp"));
    List<URI> servers = new ArrayList<>();
    for (int i = 0; i < 12; i++) { // each down while a run sent to it; written in this order
      servers.add(URI.create("http://127.0.0.1:" + (9000 + i) + "/telemetry/query"));
      Spool spool = new Spool(dir, servers.get(i));
      assertThat(spool.keep(List.of(body("v" + i)))).as("dropped").isEmpty();
      Files.setLastModifiedTime(spool.file(), FileTime.from(start.minus(Duration.ofMinutes(12 - i))));
    }

    assertThat(spoolFiles()).hasSize(SpoolDirectory.MAX_SPOOLS);
    assertThat(new Spool(dir, servers.get(3)).takeAll()).as("the least recently written went").isEmpty();
    for (int i = 12 - SpoolDirectory.MAX_SPOOLS; i < 12; i++) { // the servers are up again
      assertThat(new Spool(dir, servers.get(i)).takeAll()).containsExactly(body("v" + i));
    }
    try (Stream<Path> left = Files.list(dir)) {
      assertThat(left.map(p -> p.getFileName().toString()))
          .containsExactlyInAnyOrder(Spool.LOCK_FILE_NAME, beingWritten.getFileName().toString());
    }
  }

  private List<Path> spoolFiles() throws Exception {
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(p -> p.getFileName().toString().endsWith(".jsonl")).toList();
    }
  }
}
