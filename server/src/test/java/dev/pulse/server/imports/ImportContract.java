package dev.pulse.server.imports;

import static dev.pulse.server.store.ReadBack.cliCommands;
import static dev.pulse.server.store.ReadBack.errors;
import static dev.pulse.server.store.ReadBack.events;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.pulse.schema.TelemetryData;
import dev.pulse.server.export.ExportFormat;
import dev.pulse.server.store.EventStore;
import dev.pulse.server.store.Fixture;
import dev.pulse.server.store.RecordBatch;
import dev.pulse.server.store.RecordKind;
import dev.pulse.server.store.StoredEvent;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Idempotent import, run against each store by a subclass that gives each test an empty store. */
abstract class ImportContract {

  private EventStore store;

  /** A fresh, empty store for this test. */
  protected abstract EventStore openEmpty();

  private EventStore store() {
    if (store == null) {
      store = openEmpty();
    }
    return store;
  }

  @AfterEach
  void close() {
    if (store != null) {
      store.close();
    }
  }

  @Test
  void importingTheSameFileTwiceAddsItsRecordsOnce() {
    RecordBatch mixed = Fixture.mixedBatch();
    StoredEvent twin = mixed.events().get(0);
    List<StoredEvent> withTwin = new ArrayList<>(mixed.events());
    withTwin.add(twin);

    ImportResult first = importLines(eventLines(withTwin), RecordKind.EVENTS, 2);
    ImportResult again = importLines(eventLines(withTwin), RecordKind.EVENTS, 2);
    importLines(errorLines(mixed), RecordKind.ERRORS, 100);
    ImportResult errorsAgain = importLines(errorLines(mixed), RecordKind.ERRORS, 100);
    importLines(cliLines(mixed), RecordKind.CLI_COMMANDS, 1);
    ImportResult cliAgain = importLines(cliLines(mixed), RecordKind.CLI_COMMANDS, 1);

    assertThat(first).isEqualTo(new ImportResult(4, 0));
    assertThat(again).isEqualTo(new ImportResult(0, 4));
    // Compared as exported lines: the export keeps milliseconds of the fixture's microseconds.
    assertThat(eventLines(events(store())).lines())
        .containsExactlyInAnyOrderElementsOf(eventLines(withTwin).lines().toList());
    assertThat(errorsAgain).isEqualTo(new ImportResult(0, 2));
    assertThat(errorLines(RecordBatch.ofErrors(errors(store()))).lines())
        .containsExactlyInAnyOrderElementsOf(errorLines(mixed).lines().toList());
    assertThat(cliAgain).isEqualTo(new ImportResult(0, 2));
    assertThat(cliLines(RecordBatch.ofCliCommands(cliCommands(store()))).lines())
        .containsExactlyInAnyOrderElementsOf(cliLines(mixed).lines().toList());
  }

  @Test
  void rerunAfterABadLineMidwayAddsOnlyTheRest() {
    List<StoredEvent> records =
        IntStream.range(0, 10)
            .mapToObj(i -> Fixture.event("i" + i, "ctx-a", Instant.parse("2026-11-05T10:00:00.123Z").plusSeconds(i)))
            .toList();
    List<String> lines = new ArrayList<>(eventLines(records).lines().toList());
    String good = lines.get(5);
    lines.set(5, good.replace("\"receivedAt\":\"", "\"receivedAt\":\"broken"));

    assertThatThrownBy(() -> importLines(String.join("\n", lines), RecordKind.EVENTS, 2))
        .isInstanceOfSatisfying(
            ImportException.class,
            e -> {
              assertThat(e.line()).isEqualTo(6);
              // Lines 1-4 were committed in two batches; line 5 was waiting with the bad line 6.
              assertThat(e.committed()).isEqualTo(new ImportResult(4, 0));
            });
    assertThat(events(store())).hasSize(4);

    lines.set(5, good);
    ImportResult rerun = importLines(String.join("\n", lines), RecordKind.EVENTS, 2);

    assertThat(rerun).isEqualTo(new ImportResult(6, 4));
    assertThat(events(store())).containsExactlyInAnyOrderElementsOf(records);
  }

  @Test
  void aFileOfAnotherKindIsRefusedNamingTheKindItHolds() {
    assertThatThrownBy(() -> importLines(cliLines(Fixture.mixedBatch()), RecordKind.EVENTS, 100))
        .isInstanceOf(ImportException.class)
        .hasMessageContaining("the line is one of CLI commands: import it with the kind cli");
    assertThatThrownBy(() -> importLines(errorLines(Fixture.mixedBatch()), RecordKind.CLI_COMMANDS, 100))
        .hasMessageContaining("the line is one of errors: import it with the kind errors");
    assertThatThrownBy(() -> importLines("{\"receivedAt\":\"2026-11-05T10:00:00Z\"}", RecordKind.EVENTS, 100))
        .hasMessageNotContaining("the line is one of");
    assertThat(events(store())).isEmpty();
  }

  @Test
  void reimportingAnExportOfTheSameStoreAddsNothingButADifferingRecordIsAdded() {
    // Microsecond receive times, as ingestion may store; the export keeps milliseconds.
    store().append(Fixture.mixedBatch());
    StringBuilder exported = new StringBuilder();
    store().forEachEvent(e -> exported.append(eventLines(List.of(e))));
    StoredEvent stored = events(store()).get(0);
    StoredEvent differing =
        new StoredEvent(
            stored.receivedAt(),
            stored.component(),
            new TelemetryData(stored.data().eventType(), stored.data().count() + 1, stored.data().error()));

    ImportResult again = importLines(exported.toString(), RecordKind.EVENTS, 1000);
    ImportResult oneMore = importLines(eventLines(List.of(differing)), RecordKind.EVENTS, 1000);

    assertThat(again).isEqualTo(new ImportResult(0, 3));
    assertThat(oneMore).isEqualTo(new ImportResult(1, 0));
    assertThat(events(store())).hasSize(4);
  }

  @Test
  void identicalRecordsAcrossABatchBoundaryAreAllImported() {
    StoredEvent event = Fixture.event("a", "ctx-a", Instant.parse("2026-11-05T10:00:00.123Z"));
    List<StoredEvent> triplet = List.of(event, event, event);

    ImportResult first = importLines(eventLines(triplet), RecordKind.EVENTS, 1);
    ImportResult again = importLines(eventLines(triplet), RecordKind.EVENTS, 1);

    assertThat(first).isEqualTo(new ImportResult(3, 0));
    assertThat(again).isEqualTo(new ImportResult(0, 3));
    assertThat(events(store())).hasSize(3);
  }

  @Test
  void anEventsErrorTextIsScrubbedOnImportAndAnExportMadeBeforeScrubbingIsNotImportedTwice() {
    StoredEvent fixture = Fixture.event("a", "ctx-a", Instant.parse("2026-11-05T10:00:00.123Z"));
    StoredEvent raw = new StoredEvent(fixture.receivedAt(), fixture.component(),
        new TelemetryData(fixture.data().eventType(), 1, "dial tcp 10.0.0.7:9092 as jane@example.com"));
    StoredEvent other = new StoredEvent(fixture.receivedAt(), fixture.component(),
        new TelemetryData(fixture.data().eventType(), 2, "dial tcp 10.0.0.8:9092"));
    store().append(RecordBatch.ofEvents(List.of(raw))); // as a server that did not scrub it stored it

    ImportResult result = importLines(eventLines(List.of(raw, other)), RecordKind.EVENTS, 100);

    assertThat(result).isEqualTo(new ImportResult(1, 1));
    assertThat(events(store())).extracting(e -> e.data().error())
        .containsExactlyInAnyOrder("dial tcp 10.0.0.7:9092 as jane@example.com", "dial tcp <ip>:9092");
  }

  private ImportResult importLines(String lines, RecordKind kind, int batchSize) {
    return new NdjsonImporter(store(), batchSize)
        .importFrom(new BufferedReader(new StringReader(lines)), kind);
  }

  private interface LineWriter<T> {
    void write(JsonGenerator out, T record) throws IOException;
  }

  private static <T> String lines(List<T> records, LineWriter<T> writer) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (JsonGenerator generator = ExportFormat.generator(out)) {
      for (T record : records) {
        writer.write(generator, record);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  static String eventLines(List<StoredEvent> events) {
    return lines(events, ExportFormat::writeEvent);
  }

  static String errorLines(RecordBatch batch) {
    return lines(batch.errors(), ExportFormat::writeError);
  }

  static String cliLines(RecordBatch batch) {
    return lines(batch.cliCommands(), ExportFormat::writeCliCommand);
  }
}
