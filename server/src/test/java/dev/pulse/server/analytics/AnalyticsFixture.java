package dev.pulse.server.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pulse.server.store.RecordBatch;
import dev.pulse.server.store.duckdb.DuckDbAnalyticsSource;
import dev.pulse.server.store.duckdb.DuckDbEventStore;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * A real DuckDB store in a temp dir with the analytics over its rollups and over a raw scan; every
 * answer is taken from both and must agree.
 */
final class AnalyticsFixture implements AutoCloseable {

  final DuckDbEventStore store;
  final Analytics rollups;
  final Analytics raw;

  AnalyticsFixture(Path dataDir) {
    store = DuckDbEventStore.open(dataDir);
    rollups = Analytics.create(DuckDbAnalyticsSource.rollups(store));
    raw = Analytics.create(DuckDbAnalyticsSource.rawScan(store));
  }

  AnalyticsFixture append(Telemetry telemetry) {
    return append(telemetry.batch());
  }

  AnalyticsFixture append(RecordBatch batch) {
    store.append(batch);
    return this;
  }

  /** The answer, checked to be the same from the rollups and from the raw scan. */
  <T> List<T> answer(Function<Analytics, List<T>> analysis) {
    return same(analysis);
  }

  /** As {@link #answer}, for an optional answer. */
  <T> Optional<T> maybe(Function<Analytics, Optional<T>> analysis) {
    return same(analysis);
  }

  private <T> T same(Function<Analytics, T> analysis) {
    T fromRollups = analysis.apply(rollups);
    T fromRaw = analysis.apply(raw);
    assertThat((Object) fromRollups).as("rollups answer as the raw scan does").isEqualTo(fromRaw);
    return fromRollups;
  }

  @Override
  public void close() {
    store.close();
  }
}
