package dev.pulse.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * {@code pulse generate} and {@code pulse import} with {@code --store}, in real processes, into an
 * embedded PostgreSQL and a DuckDB data dir: the two stores end up holding the same records, as
 * {@code pulse export} reads them back, and an import run twice adds its records once.
 */
@ResourceLock(PostgresForTests.LOCK)
class LoadIntoEitherStoreTest {

  @RegisterExtension static final PostgresForTests POSTGRES = new PostgresForTests();

  @TempDir Path dir;

  @Test
  void generatingWithOneSeedGivesBothStoresTheSameRecords() throws Exception {
    String database = database("generated");
    String data = dir.resolve("data").toString();
    String[] set = {"--installs", "30", "--days", "12", "--last-day", "2026-11-20", "--seed", "7"};

    PulseRun intoDuckDb = pulse(concat(new String[] {"generate", "--data-dir", data}, set));
    PulseRun intoPostgres = pulse(concat(new String[] {"generate", "--store", database}, set));

    assertThat(intoDuckDb.exitCode()).as(intoDuckDb.output()).isZero();
    assertThat(intoPostgres.exitCode()).as(intoPostgres.output()).isZero();
    assertThat(intoPostgres.output()).contains("into PostgreSQL at").doesNotContain("password")
        .contains("note: no context key was given (PULSE_CONTEXT_KEY or context-key), so none is recorded in the"
            + " store: start its servers with one key they share");
    assertThat(intoDuckDb.output()).as("the data dir's key, made then, is recorded").doesNotContain("note:");
    assertThat(Path.of(data).resolve("context.key")).isRegularFile();
    for (String kind : List.of("events", "cli", "errors")) {
      List<String> fromDuckDb = exported(kind, "--data-dir", data);
      assertThat(fromDuckDb).as(kind).isNotEmpty();
      assertThat(exported(kind, "--store", database)).as(kind).containsExactlyInAnyOrderElementsOf(fromDuckDb);
    }
  }

  @Test
  void generatingIntoAStoreThatHoldsRecordsIsRefusedAndAddsNothing() throws Exception {
    String database = database("twice");
    String data = dir.resolve("data").toString();
    String[] set = {"--installs", "10", "--days", "3", "--last-day", "2026-11-20", "--quiet"};
    for (String[] store : new String[][] {{"--data-dir", data}, {"--store", database}}) {
      assertThat(pulse(concat(concat(new String[] {"generate"}, store), set)).exitCode()).isZero();
      List<String> first = exported("events", store[0], store[1]);

      PulseRun again = pulse(concat(concat(new String[] {"generate"}, store), set));
      assertThat(again.exitCode()).as(again.output()).isEqualTo(2);
      assertThat(again.output()).contains("already holds records", "give an empty --data-dir or a new database");
      assertThat(exported("events", store[0], store[1])).as(store[0]).containsExactlyInAnyOrderElementsOf(first);
    }
  }

  @Test
  void importingIntoPostgresTwiceAddsEveryRecordOnce() throws Exception {
    String data = dir.resolve("data").toString();
    PulseRun generated = pulse("generate", "--installs", "20", "--days", "5", "--last-day", "2026-11-20",
        "--data-dir", data, "--quiet");
    assertThat(generated.exitCode()).as(generated.output()).isZero();
    Path file = dir.resolve("events.ndjson");
    Files.write(file, exported("events", "--data-dir", data));
    long lines = Files.readAllLines(file).size();
    String database = database("imported");

    PulseRun first = pulse("import", file.toString(), "--kind", "events", "--store", database);
    PulseRun second = pulse("import", file.toString(), "--kind", "events", "--store", database);

    assertThat(first.exitCode()).as(first.output()).isZero();
    assertThat(first.output()).contains("imported " + PulseRun.count(lines) + " events into").contains("skipped 0");
    assertThat(second.exitCode()).as(second.output()).isZero();
    assertThat(second.output()).contains("imported 0 events into").contains("skipped " + PulseRun.count(lines));
    assertThat(exported("events", "--store", database)).containsExactlyInAnyOrderElementsOf(Files.readAllLines(file));
  }

  @Test
  void progressIsOneLinePerTenthOfTheDaysOffATerminalAndNoneWhenQuiet() throws Exception {
    String[] set = {"generate", "--installs", "5", "--days", "20", "--last-day", "2026-11-20"};

    PulseRun plain = pulse(concat(set, new String[] {"--data-dir", dir.resolve("plain").toString()}));
    PulseRun quiet = pulse(concat(set, new String[] {"--data-dir", dir.resolve("quiet").toString(), "--quiet"}));

    assertThat(plain.exitCode()).as(plain.output()).isZero();
    assertThat(plain.lines().stream().filter(l -> l.matches("\\[[#.]{30}] \\d+/20 days, .* records/s")))
        .extracting(l -> l.substring(l.indexOf("] ") + 2, l.indexOf(" days")))
        .containsExactly("2/20", "4/20", "6/20", "8/20", "10/20", "12/20", "14/20", "16/20", "18/20", "20/20");
    assertThat(plain.output()).doesNotContain("\r");
    assertThat(quiet.exitCode()).as(quiet.output()).isZero();
    assertThat(quiet.lines()).hasSize(1);
    assertThat(quiet.output()).startsWith("generated ");
  }

  /** A fresh database on the embedded server, as a store URL. */
  private static String database(String name) {
    return POSTGRES.newDatabase(name).storeUrl();
  }

  private static List<String> exported(String kind, String option, String value) throws Exception {
    PulseRun export = pulse("export", kind, option, value);
    assertThat(export.exitCode()).as(export.output()).isZero();
    return export.output().lines().filter(l -> l.startsWith("{")).toList();
  }

  private static PulseRun pulse(String... args) throws Exception {
    return PulseRun.run(Map.of(), args);
  }

  private static String[] concat(String[] first, String[] second) {
    String[] both = new String[first.length + second.length];
    System.arraycopy(first, 0, both, 0, first.length);
    System.arraycopy(second, 0, both, first.length, second.length);
    return both;
  }
}
