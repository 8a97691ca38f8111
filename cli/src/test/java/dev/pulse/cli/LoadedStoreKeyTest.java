package dev.pulse.cli;

import static dev.pulse.cli.Mistakes.FAILURE;
import static dev.pulse.cli.Mistakes.USAGE;
import static dev.pulse.cli.Mistakes.assertTold;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A store loaded by import or generate and the key its servers need: an import no key checked says
 * so, and a server given no key refuses such a store rather than key it anew; a generated store keeps
 * its data dir's key, so a server then starts on it. A file of another kind is told to be imported
 * with that kind, not to be fixed line by line.
 */
class LoadedStoreKeyTest {

  private static final String NOTE = "note: no context key was given (PULSE_CONTEXT_KEY, context-key, or a"
      + " context.key in the data dir), so nothing ties these records to the key they were keyed with: start every"
      + " server of this store with the context key of the server they came from";
  private static final String EVENT = "{\"receivedAt\":\"2026-11-05T10:00:00Z\",\"componentType\":\"NETWORK_MAPPER\","
      + "\"componentInstanceId\":\"i-1\",\"contextId\":\"5f0c\",\"version\":\"v1\",\"cloudClientId\":\"\","
      + "\"eventType\":\"ACTIVE\",\"count\":1,\"error\":\"\"}\n";

  @TempDir Path dir;

  @Test
  void anImportNoKeyCheckedSaysWhichKeyItsServersNeedAndOneWithTheKeyDoesNot() throws Exception {
    Path file = Files.writeString(dir.resolve("events.ndjson"), EVENT);

    PulseRun unkeyed = PulseRun.run(Map.of(), "import", "events", file.toString(), "--data-dir",
        dir.resolve("a").toString());
    PulseRun keyed = PulseRun.run(Map.of("PULSE_CONTEXT_KEY", "0123456789abcdef0123456789abcdef"), "import",
        "events", file.toString(), "--data-dir", dir.resolve("b").toString());

    assertThat(unkeyed.exitCode()).as(unkeyed.output()).isZero();
    assertThat(unkeyed.output()).contains("imported 1 event into", NOTE);
    assertThat(keyed.exitCode()).as(keyed.output()).isZero();
    assertThat(keyed.output()).contains("imported 1 event into").doesNotContain("note:");
  }

  @Test
  void aNoteOfAMissingKeyFollowsTheCommandsNameAsEveryCommandsNotesDo() throws Exception {
    Path file = Files.writeString(dir.resolve("events.ndjson"), EVENT);
    Path imported = dir.resolve("imported");
    PulseRun importRun = PulseRun.run(Map.of(), "import", "events", file.toString(), "--data-dir", imported.toString());
    Path backup = dir.resolve("b.duckdb");
    PulseRun.run(Map.of(), "backup", "--data-dir", imported.toString(), "-o", backup.toString());
    Path restored = dir.resolve("r2");

    PulseRun restore = PulseRun.run(Map.of(), "restore", backup.toString(), "--data-dir", restored.toString());

    assertThat(importRun.output()).contains("pulse import: " + NOTE);
    assertThat(restore.exitCode()).as(restore.output()).isZero();
    assertThat(restore.output()).contains("pulse restore: note: " + restored + " has no context.key: start the server");
  }

  @Test
  void anImportStoppedAtABadLineAfterKeepingRecordsSaysWhichKeyItsServersNeed() throws Exception {
    StringBuilder lines = new StringBuilder();
    for (int i = 0; i < 1000; i++) {
      lines.append(EVENT.replace("\"i-1\"", "\"i-" + i + "\""));
    }
    Path file = Files.writeString(dir.resolve("events.ndjson"), lines + "{not a record}\n");

    PulseRun stopped = PulseRun.run(Map.of(), "import", "events", file.toString(), "--batch-size", "10",
        "--data-dir", dir.resolve("stopped").toString());

    assertThat(stopped.exitCode()).as(stopped.output()).isEqualTo(FAILURE);
    assertThat(stopped.output()).contains("stopped at line 1001").doesNotContain(" 0 records were imported");
    assertThat(stopped.output()).contains(NOTE);
  }

  @Test
  void aServerGivenNoKeyRefusesTheStoreAnUnkeyedImportFilledInsteadOfKeyingItAnew() throws Exception {
    Path file = Files.writeString(dir.resolve("events.ndjson"), EVENT);
    Path data = dir.resolve("imported");
    assertThat(PulseRun.run(Map.of(), "import", "events", file.toString(), "--data-dir", data.toString()).exitCode())
        .isZero();

    PulseRun serve = PulseRun.run(Map.of(), "serve", "--data-dir", data.toString(), "--host", "127.0.0.1",
        "--port", "0");

    assertTold(serve, USAGE, "pulse serve: cannot start: the store holds records keyed with a context key, and none"
        + " was given");
    assertThat(data.resolve("context.key")).as("no key made for it").doesNotExist();
  }

  @Test
  void aGeneratedEmbeddedStoreKeepsItsKeyInItsDataDir() throws Exception {
    Path data = dir.resolve("generated");

    PulseRun generate = PulseRun.run(Map.of(), "generate", "--installs", "3", "--days", "2", "--quiet", "--data-dir",
        data.toString());

    assertThat(generate.exitCode()).as(generate.output()).isZero();
    assertThat(data.resolve("context.key")).as("the key a server started on it then uses").isRegularFile();
  }

  @Test
  void aFileOfAnotherKindIsToldToBeImportedWithThatKind() throws Exception {
    Path file = Files.writeString(dir.resolve("events.ndjson"), EVENT);

    PulseRun run = PulseRun.run(Map.of(), "import", "cli", file.toString(), "--data-dir", dir.resolve("c").toString());

    assertTold(run, FAILURE, "the line is one of events: import it with the kind events");
    assertThat(run.output()).contains("Import the file with that kind: records already present are skipped.")
        .doesNotContain("Fix the line");
  }
}
