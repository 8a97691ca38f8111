package dev.pulse.server.analytics.generate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pulse.server.analytics.Analytics;
import dev.pulse.server.analytics.AnalyticsQuery;
import dev.pulse.server.analytics.Breakdown;
import dev.pulse.server.analytics.ErrorGroupRow;
import dev.pulse.server.analytics.Period;
import dev.pulse.server.analytics.RetentionRow;
import dev.pulse.server.analytics.VersionShareRow;
import dev.pulse.server.ingest.ErrorFingerprint;
import dev.pulse.server.privacy.ErrorTextScrubber;
import dev.pulse.server.store.duckdb.DuckDbAnalyticsSource;
import dev.pulse.server.store.duckdb.DuckDbEventStore;
import dev.pulse.server.store.RecordBatch;
import dev.pulse.server.store.StoredError;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataSetGeneratorTest {

  private static final LocalDate LAST = LocalDate.parse("2026-11-20");
  private static final DataSetGenerator.Settings SMALL =
      new DataSetGenerator.Settings(150, 60, LAST, 42, 5_000);

  @TempDir Path dataDir;

  @Test
  void theSameSeedGivesTheSameDataSet() {
    try (DuckDbEventStore a = DuckDbEventStore.open(dataDir.resolve("a"));
        DuckDbEventStore b = DuckDbEventStore.open(dataDir.resolve("b"))) {
      DataSetGenerator.Summary first = new DataSetGenerator(SMALL).writeTo(a, (d, n, r) -> {});
      DataSetGenerator.Summary second = new DataSetGenerator(SMALL).writeTo(b, (d, n, r) -> {});

      assertThat(second).isEqualTo(first);
      AnalyticsQuery all = AnalyticsQuery.of(LAST.minusDays(59), LAST);
      assertThat(Analytics.create(DuckDbAnalyticsSource.rollups(b)).features(all))
          .isEqualTo(Analytics.create(DuckDbAnalyticsSource.rollups(a)).features(all));
    }
  }

  @Test
  void aDataSetEndingTodayHoldsNothingReceivedAfterNowAndTheSameRecordsOtherwise() {
    Instant now = Instant.parse("2026-11-20T09:30:00Z"); // within LAST
    List<RecordBatch> whole = new ArrayList<>();
    List<RecordBatch> untilNow = new ArrayList<>();
    DataSetGenerator.Summary wholeDays = new DataSetGenerator(SMALL).writeTo(whole::add, (d, n, r) -> {});
    DataSetGenerator.Summary cut = new DataSetGenerator(SMALL.until(now)).writeTo(untilNow::add, (d, n, r) -> {});

    assertThat(cut).isEqualTo(wholeDays);
    List<Instant> before = receivedTimes(whole);
    List<Instant> after = receivedTimes(untilNow);
    assertThat(before).anyMatch(t -> t.isAfter(now));
    assertThat(after).allMatch(t -> t.isBefore(now)).hasSameSizeAs(before);
    Instant lastDayStart = LAST.atStartOfDay(ZoneOffset.UTC).toInstant();
    for (int i = 0; i < before.size(); i++) { // earlier days unchanged; the last day's records moved earlier
      if (before.get(i).isBefore(lastDayStart)) {
        assertThat(after.get(i)).isEqualTo(before.get(i));
      } else {
        assertThat(after.get(i)).isBetween(lastDayStart, before.get(i));
      }
    }
  }

  /** The server keeps a receive time to the millisecond, which an export writes: a round trip changes nothing. */
  @Test
  void everyReceiveTimeIsAWholeMillisecondAsTheServerKeepsIt() {
    List<RecordBatch> batches = new ArrayList<>();
    new DataSetGenerator(SMALL).writeTo(batches::add, (d, n, r) -> {});

    assertThat(receivedTimes(batches)).isNotEmpty().allMatch(t -> t.getNano() % 1_000_000 == 0);
  }

  @Test
  void generatedErrorsAreWhatIngestionWouldStoreScrubbedAndFingerprinted() {
    List<RecordBatch> batches = new ArrayList<>();
    new DataSetGenerator(SMALL).writeTo(batches::add, (d, n, r) -> {});
    ErrorTextScrubber scrubber = new ErrorTextScrubber();
    List<StoredError> errors = batches.stream().flatMap(batch -> batch.errors().stream()).toList();

    assertThat(errors).isNotEmpty().allSatisfy(stored -> {
      assertThat(scrubber.scrub(stored.error())).isEqualTo(stored.error());
      assertThat(stored.fingerprint()).isEqualTo(ErrorFingerprint.of(stored.error()));
    });
    assertThat(errors).filteredOn(stored -> stored.error().message().equals("failed to apply kafka ACLs"))
        .first().extracting(stored -> stored.error().cause().cause().message())
        .isEqualTo("dial tcp <ip>:9092: connect: connection refused");
  }

  /** Ingestion keeps a version 4 UUID as sent and re-keys any other id: generated data is what it would store. */
  @Test
  void everyInstanceIdIsAVersion4UuidAsIngestionKeepsIt() {
    List<RecordBatch> batches = new ArrayList<>();
    new DataSetGenerator(SMALL).writeTo(batches::add, (d, n, r) -> {});

    assertThat(batches.stream().flatMap(batch -> batch.events().stream()))
        .isNotEmpty()
        .allSatisfy(e -> assertThat(UUID.fromString(e.component().componentInstanceId()))
            .satisfies(id -> assertThat(id.version()).isEqualTo(4), id -> assertThat(id.variant()).isEqualTo(2)));
  }

  private static List<Instant> receivedTimes(List<RecordBatch> batches) {
    List<Instant> times = new ArrayList<>();
    for (RecordBatch batch : batches) {
      batch.events().forEach(e -> times.add(e.receivedAt()));
      batch.cliCommands().forEach(c -> times.add(c.receivedAt()));
      batch.errors().forEach(e -> times.add(e.receivedAt()));
    }
    return times;
  }

  @Test
  void reportsProgressPerDayAndWritesEveryKindOfRecord() {
    try (DuckDbEventStore store = DuckDbEventStore.open(dataDir)) {
      List<Integer> days = new ArrayList<>();
      DataSetGenerator.Summary summary = new DataSetGenerator(SMALL).writeTo(store, (d, n, r) -> days.add(d));

      assertThat(days).hasSize(60).startsWith(1).endsWith(60);
      assertThat(summary.events()).isGreaterThan(150L * 10);
      assertThat(summary.cliCommands()).isPositive();
      assertThat(summary.errors()).isPositive();
    }
  }

  @Test
  void theDataSetHasUpgradesChurnAndErrorChainsAndRollupsAnswerAsTheRawScan() {
    try (DuckDbEventStore store = DuckDbEventStore.open(dataDir)) {
      new DataSetGenerator(SMALL).writeTo(store, (d, n, r) -> {});
      Analytics rollups = Analytics.create(DuckDbAnalyticsSource.rollups(store));
      Analytics raw = Analytics.create(DuckDbAnalyticsSource.rawScan(store));
      AnalyticsQuery all = AnalyticsQuery.of(LAST.minusDays(59), LAST);

      List<VersionShareRow> versions = same(rollups, raw, a -> a.versions(all));
      assertThat(versions.stream().map(VersionShareRow::version).distinct().count()).isGreaterThan(4);
      List<RetentionRow> retention = same(rollups, raw, a -> a.retention(all));
      assertThat(retention).anySatisfy(r -> assertThat(r.share()).isLessThan(0.9));
      List<ErrorGroupRow> errors = same(rollups, raw, a -> a.errors(all));
      assertThat(rollups.error(all, errors.get(0).fingerprint()).orElseThrow().sample().chainLength())
          .isGreaterThan(1);
      same(rollups, raw, a -> a.activeInstalls(all, Breakdown.NONE));
      same(rollups, raw, a -> a.activeInstalls(all, Breakdown.COMPONENT));
      same(rollups, raw, a -> a.activeInstalls(all, Breakdown.VERSION));
      same(rollups, raw, a -> a.newInstalls(all, Period.WEEK));
      same(rollups, raw, a -> a.features(all));
      same(rollups, raw, a -> a.cli(all));
    }
  }

  private static <T> List<T> same(Analytics rollups, Analytics raw, Function<Analytics, List<T>> analysis) {
    List<T> answer = analysis.apply(rollups);
    assertThat(answer).isNotEmpty().isEqualTo(analysis.apply(raw));
    return answer;
  }
}
