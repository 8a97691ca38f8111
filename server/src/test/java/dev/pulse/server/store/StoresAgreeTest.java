package dev.pulse.server.store;

import static dev.pulse.server.store.ReadBack.cliCommands;
import static dev.pulse.server.store.ReadBack.errors;
import static dev.pulse.server.store.ReadBack.events;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pulse.server.store.duckdb.DuckDbEventStore;
import dev.pulse.server.store.postgres.EmbeddedPostgresServer;
import dev.pulse.server.store.postgres.PostgresEventStore;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceLock;

/** The same inputs and operations give the same answers on DuckDB and on PostgreSQL. */
@ResourceLock(EmbeddedPostgresServer.LOCK)
class StoresAgreeTest {

  @TempDir Path dataDir;

  @Test
  void bothStoresReadBackTheSameRecordsAfterAppendEraseAndPrune() {
    try (EventStore duckDb = DuckDbEventStore.open(dataDir);
        EventStore postgres = PostgresEventStore.open(EmbeddedPostgresServer.newDatabase())) {
      List<Object> duckDbAnswers = run(duckDb);
      List<Object> postgresAnswers = run(postgres);

      assertThat(postgresAnswers).isEqualTo(duckDbAnswers);
      assertThat(events(postgres)).isEqualTo(events(duckDb)).isNotEmpty();
      assertThat(cliCommands(postgres)).isEqualTo(cliCommands(duckDb)).isNotEmpty();
      assertThat(errors(postgres)).isEqualTo(errors(duckDb)).isNotEmpty();
    }
  }

  /** Every answer the store gives along the way, in order. */
  private static List<Object> run(EventStore store) {
    List<Object> answers = new ArrayList<>();
    store.append(Fixture.mixedBatch());
    store.append(Fixture.twoInstalls("ctx-gone", "ctx-kept"));
    store.append(Fixture.overDays(0, 1, 2, 3, 4));
    answers.add(events(store));
    answers.add(cliCommands(store));
    answers.add(errors(store));
    answers.add(store.erase("ctx-gone"));
    answers.add(store.erase("ctx-never-seen"));
    for (RecordKind kind : RecordKind.values()) {
      answers.add(store.pruneOlderThan(kind, Fixture.day(kind.ordinal() + 1)));
    }
    return answers;
  }
}
