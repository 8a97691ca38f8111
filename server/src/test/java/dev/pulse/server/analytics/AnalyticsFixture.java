package dev.pulse.server.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pulse.server.store.EventStore;
import dev.pulse.server.store.RecordBatch;
import dev.pulse.server.store.duckdb.DuckDbAnalyticsSource;
import dev.pulse.server.store.duckdb.DuckDbEventStore;
import dev.pulse.server.store.postgres.EmbeddedPostgresServer;
import dev.pulse.server.store.postgres.PostgresAnalyticsSource;
import dev.pulse.server.store.postgres.PostgresEventStore;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The same records in both stores, a real DuckDB file in a temp dir and a fresh database on a real
 * PostgreSQL, with the analytics over each store's rollups and over a raw scan of each; every answer
 * is taken from all four and must be the same.
 */
final class AnalyticsFixture implements AutoCloseable {

  final DuckDbEventStore store;
  final PostgresEventStore postgres;
  /** The DuckDB store's rollups. */
  final Analytics rollups;
  /** The PostgreSQL store's rollups. */
  final Analytics postgresRollups;
  final Analytics raw;
  private final Analytics postgresRaw;

  AnalyticsFixture(Path dataDir) {
    store = DuckDbEventStore.open(dataDir);
    postgres = PostgresEventStore.open(EmbeddedPostgresServer.newDatabase());
    rollups = Analytics.create(DuckDbAnalyticsSource.rollups(store));
    raw = Analytics.create(DuckDbAnalyticsSource.rawScan(store));
    postgresRollups = Analytics.create(PostgresAnalyticsSource.rollups(postgres));
    postgresRaw = Analytics.create(PostgresAnalyticsSource.rawScan(postgres));
  }

  AnalyticsFixture append(Telemetry telemetry) {
    return append(telemetry.batch());
  }

  AnalyticsFixture append(RecordBatch batch) {
    store.append(batch);
    postgres.append(batch);
    return this;
  }

  /** Both stores, DuckDB first. */
  List<EventStore> stores() {
    return List.of(store, postgres);
  }

  /** The rollup analytics of both stores, DuckDB first. */
  List<Analytics> rollupsOfEachStore() {
    return List.of(rollups, postgresRollups);
  }

  /** The answer, checked to be the same from the rollups and the raw scan of both stores. */
  <T> List<T> answer(Function<Analytics, List<T>> analysis) {
    return same(analysis);
  }

  /** As {@link #answer}, for an optional answer. */
  <T> Optional<T> maybe(Function<Analytics, Optional<T>> analysis) {
    return same(analysis);
  }

  private <T> T same(Function<Analytics, T> analysis) {
    T fromRollups = analysis.apply(rollups);
    assertThat((Object) analysis.apply(raw)).as("DuckDB: the raw scan answers as the rollups do").isEqualTo(fromRollups);
    assertThat((Object) analysis.apply(postgresRollups)).as("PostgreSQL's rollups answer as DuckDB's do")
        .isEqualTo(fromRollups);
    assertThat((Object) analysis.apply(postgresRaw)).as("PostgreSQL: the raw scan answers as the rollups do")
        .isEqualTo(fromRollups);
    return fromRollups;
  }

  @Override
  public void close() {
    try (postgres) {
      store.close();
    }
  }
}
