package dev.pulse.server.store.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pulse.schema.EventType;
import dev.pulse.schema.TelemetryData;
import dev.pulse.server.store.ReadBack;
import dev.pulse.server.store.RecordBatch;
import dev.pulse.server.store.Records;
import dev.pulse.server.store.StoredEvent;
import dev.pulse.server.store.UnstorableContentException;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * Records reach PostgreSQL in COPY's binary format ({@link CopyRows}): times as microseconds from
 * PostgreSQL's epoch, text as UTF-8. What each encoding could get wrong, read back as stored.
 */
@ResourceLock(EmbeddedPostgresServer.LOCK)
class PostgresCopyFormatTest {

  private static final StoredEvent GOOD = Records.event("i-1", EventType.ACTIVE, 1);

  private static StoredEvent at(String instant) {
    return new StoredEvent(Instant.parse(instant), GOOD.component(), GOOD.data());
  }

  private static StoredEvent withError(String error) {
    return new StoredEvent(Records.T0, GOOD.component(), new TelemetryData(EventType.ACTIVE, 1, error));
  }

  @Test
  void timesOnEitherSideOfBothEpochsAreStoredToTheMicrosecond() {
    try (PostgresEventStore store = PostgresEventStore.open(EmbeddedPostgresServer.newDatabase())) {
      List<StoredEvent> events = List.of(
          at("1969-12-31T23:59:59.999999Z"),
          at("1999-12-31T23:59:59.000001Z"),
          at("2000-01-01T00:00:00Z"),
          at("2026-11-24T10:15:30.123456Z"));
      store.append(RecordBatch.ofEvents(events));

      assertThat(ReadBack.events(store)).containsExactlyElementsOf(events);
    }
  }

  @Test
  void nanosecondsAreTruncatedToMicrosecondsAsInTheEmbeddedStore() {
    try (PostgresEventStore store = PostgresEventStore.open(EmbeddedPostgresServer.newDatabase())) {
      store.append(RecordBatch.ofEvents(
          List.of(at("2026-11-24T10:15:30.123456999Z"), at("1969-07-20T20:17:40.0000009Z"))));

      assertThat(ReadBack.events(store)).containsExactly(
          at("2026-11-24T10:15:30.123456Z"), at("1969-07-20T20:17:40Z"));
    }
  }

  @Test
  void timesTooFarForAMicrosecondCountAreRefusedNotStoredAsInfinity() {
    try (PostgresEventStore store = PostgresEventStore.open(EmbeddedPostgresServer.newDatabase())) {
      // Beyond a long's microseconds, on both sides: the ends of that range are PostgreSQL's infinities.
      for (Instant extreme :
          List.of(Instant.parse("+300000000-01-01T00:00:00Z"), Instant.parse("-300000000-01-01T00:00:00Z"))) {
        StoredEvent event = new StoredEvent(extreme, GOOD.component(), GOOD.data());
        assertThatThrownBy(() -> store.append(RecordBatch.ofEvents(List.of(event))))
            .as("%s", extreme)
            .isInstanceOf(UnstorableContentException.class)
            .hasMessageContaining("SQLState 22008");
      }
      assertThat(ReadBack.events(store)).isEmpty();
    }
  }

  @Test
  void textIsStoredAsSentWhateverItsCharacters() {
    try (PostgresEventStore store = PostgresEventStore.open(EmbeddedPostgresServer.newDatabase())) {
      List<StoredEvent> events = List.of(
          withError(""),
          withError("tab\there, newline\nthere, \\backslash\\N, carriage\rreturn"),
          withError("ünïcödé ✓ then 🚀, and ASCII after"),
          withError("x".repeat(70_000)));
      store.append(RecordBatch.ofEvents(events));

      assertThat(ReadBack.events(store)).containsExactlyElementsOf(events);
    }
  }

  @Test
  void aNulAnywhereInTextIsRefusedBeforeAnythingIsSent() {
    for (String text : List.of("\0", "a\0b", "ü\0", "ü then a NUL at the end\0")) {
      assertThatThrownBy(() -> CopyRows.events(RecordBatch.ofEvents(List.of(withError(text)))))
          .as("%s", text.replace("\0", "\\0"))
          .isInstanceOf(UnstorableContentException.class)
          .hasMessageContaining("NUL character");
    }
  }
}
