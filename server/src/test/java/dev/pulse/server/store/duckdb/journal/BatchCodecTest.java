package dev.pulse.server.store.duckdb.journal;

import static dev.pulse.server.store.duckdb.journal.SampleBatches.T0;
import static dev.pulse.server.store.duckdb.journal.SampleBatches.component;
import static dev.pulse.server.store.duckdb.journal.SampleBatches.everyKind;
import static dev.pulse.server.store.duckdb.journal.SampleBatches.frame;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pulse.schema.CliCommand;
import dev.pulse.schema.CliIdentifier;
import dev.pulse.schema.Component;
import dev.pulse.schema.ComponentType;
import dev.pulse.schema.EventType;
import dev.pulse.schema.MetadataEntry;
import dev.pulse.schema.ReportedError;
import dev.pulse.schema.TelemetryData;
import dev.pulse.server.store.Fixture;
import dev.pulse.server.store.RecordBatch;
import dev.pulse.server.store.StoredCliCommand;
import dev.pulse.server.store.StoredError;
import dev.pulse.server.store.StoredEvent;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Batches encoded and decoded back whole: every kind of record, odd text, deep cause chains. */
class BatchCodecTest {

  @Test
  void aBatchOfEveryKindDecodesToAnEqualBatch() {
    RecordBatch batch = everyKind();

    RecordBatch decoded = roundTrip(batch);

    assertThat(decoded).isEqualTo(batch);
    assertThat(decoded.events()).hasSize(EventType.values().length + 2);
    assertThat(decoded.events().get(0).receivedAt().getNano()).isEqualTo(123_456_789);
  }

  @Test
  void theStoreContractsMixedBatchRoundTrips() {
    RecordBatch batch = Fixture.mixedBatch();

    assertThat(roundTrip(batch)).isEqualTo(batch);
  }

  @Test
  void eventsOfOneComponentShareItAndEachChangedMemberIsKept() {
    Component base = new Component(ComponentType.NETWORK_MAPPER, "i-1", "ctx", "v1.5.0", "cloud");
    List<Component> components = List.of(
        base,
        base,
        new Component(ComponentType.INTENTS_OPERATOR, "i-1", "ctx", "v1.5.0", "cloud"),
        new Component(ComponentType.INTENTS_OPERATOR, "i-2", "ctx", "v1.5.0", "cloud"),
        new Component(ComponentType.INTENTS_OPERATOR, "i-2", "cty", "v1.5.0", "cloud"),
        new Component(ComponentType.INTENTS_OPERATOR, "i-2", "cty", "v1.5.1", "cloud"),
        new Component(ComponentType.INTENTS_OPERATOR, "i-2", "cty", "v1.5.1", ""),
        base);
    List<StoredEvent> events = new ArrayList<>();
    for (Component component : components) {
      events.add(new StoredEvent(T0, component, new TelemetryData(EventType.ACTIVE, 1, "")));
    }

    RecordBatch decoded = roundTrip(RecordBatch.ofEvents(events));

    assertThat(decoded.events()).extracting(StoredEvent::component).containsExactlyElementsOf(components);
    assertThat(decoded.events().get(1).component()).isSameAs(decoded.events().get(0).component());
  }

  @Test
  void anEmptyBatchRoundTrips() {
    RecordBatch empty = new RecordBatch(List.of(), List.of(), List.of());

    byte[] bytes = BatchCodec.encode(empty);

    assertThat(bytes).hasSize(1 + 3 * 4);
    assertThat(BatchCodec.decode(bytes, 0, bytes.length)).isEqualTo(empty);
  }

  @Test
  void emptyStringsStayEmptyAndAMissingCauseStaysNull() {
    ReportedError empty = new ReportedError("", "", null, List.of(), List.of());
    StoredError bare = new StoredError(T0, component("", ""), "", empty);
    StoredEvent event =
        new StoredEvent(T0, component("", ""), new TelemetryData(EventType.ACTIVE, 0, ""));
    RecordBatch batch = new RecordBatch(List.of(event), List.of(), List.of(bare));

    RecordBatch decoded = roundTrip(batch);

    assertThat(decoded).isEqualTo(batch);
    assertThat(decoded.errors().get(0).error().cause()).isNull();
    assertThat(decoded.events().get(0).component().contextId()).isEmpty();
  }

  @Test
  void anErrorReportedWithoutAComponentRoundTripsWithoutOne() {
    ReportedError error = new ReportedError("m", "e", null, List.of(), List.of());
    RecordBatch batch = RecordBatch.ofErrors(List.of(
        new StoredError(T0, null, "fp", error), new StoredError(T0, component("", ""), "fp", error),
        new StoredError(T0, null, "fp", error)));

    RecordBatch decoded = roundTrip(batch);

    assertThat(decoded).isEqualTo(batch);
    assertThat(decoded.errors()).extracting(StoredError::component).containsExactly(null, batch.errors().get(1).component(), null);
  }

  @Test
  void aCauseChainTenThousandDeepRoundTripsWithoutRecursion() throws Exception {
    ReportedError deep = null;
    for (int i = 0; i < 10_000; i++) {
      List<MetadataEntry> metadata =
          i % 2 == 0 ? List.of() : List.of(new MetadataEntry("depth", "" + i));
      deep = new ReportedError("level " + i, "*errors.wrapError", deep, List.of(frame(i)), metadata);
    }
    StoredError error = new StoredError(T0, component("deep", "ctx-deep"), "fp-deep", deep);
    RecordBatch batch = RecordBatch.ofErrors(List.of(error));
    ReportedError chain = deep;
    // The records' own hashCode recurses, so this stack is too small for a recursive codec.
    assertThat(onSmallStack(() -> chain.hashCode())).isInstanceOf(StackOverflowError.class);

    Object decoded = onSmallStack(() -> roundTrip(batch));

    assertThat(decoded).isInstanceOf(RecordBatch.class);
    StoredError decodedError = ((RecordBatch) decoded).errors().get(0);
    assertThat(decodedError.receivedAt()).isEqualTo(error.receivedAt());
    assertThat(decodedError.component()).isEqualTo(error.component());
    assertThat(decodedError.fingerprint()).isEqualTo(error.fingerprint());
    assertSameChain(decodedError.error(), deep);
  }

  @Test
  void stringsLongerThan64KiBRoundTrip() {
    String ascii = "x".repeat(70_000);
    String twoByte = "é".repeat(40_000);
    String fourByte = "🚀".repeat(300_000);
    StoredEvent event =
        new StoredEvent(T0, component(ascii, twoByte), new TelemetryData(EventType.STARTED, 1, fourByte));
    List<MetadataEntry> metadata = List.of(new MetadataEntry(twoByte + ".", ascii + "."));
    StoredError error =
        new StoredError(
            T0,
            component("i", "c"),
            "fp",
            new ReportedError(fourByte + "!", ascii + "?", null, List.of(), metadata));
    RecordBatch batch = new RecordBatch(List.of(event), List.of(), List.of(error));

    byte[] bytes = BatchCodec.encode(batch);

    assertThat(bytes.length).isGreaterThan(2 * 1_200_000);
    assertThat(BatchCodec.decode(bytes, 0, bytes.length)).isEqualTo(batch);
  }

  @Test
  void nonAsciiTextRoundTrips() {
    List<String> texts =
        List.of(
            "ünïcödé ✓",
            "日本語のテキスト",
            "שלום עולם",
            "🚀 👩‍💻 🇫🇷",
            "e\u0301 combining",
            "nul \0 inside",
            "\uFFFF \uFFFD",
            "\uD800\uDC00 \uDBFF\uDFFF",
            "tab\tnewline\ncr\r backslash\\ quote\"");
    List<StoredEvent> events = new ArrayList<>();
    for (String text : texts) {
      TelemetryData data = new TelemetryData(EventType.ACTIVE, 0, text);
      events.add(new StoredEvent(T0, component(text, text + "-ctx"), data));
    }
    StoredCliCommand command =
        new StoredCliCommand(
            T0, new CliIdentifier("v2", "ctx", "☁"), new CliCommand("intents", "apply", texts));
    RecordBatch batch = new RecordBatch(events, List.of(command), List.of());

    assertThat(roundTrip(batch)).isEqualTo(batch);
  }

  @Test
  void loneSurrogatesAreEncodedAsQuestionMarks() {
    List<String> sent =
        List.of("a\uD800b", "\uDFFF", "end\uD83D", "\uDE80\uD83D", "ok \uD83D\uDE80");
    StoredCliCommand command =
        new StoredCliCommand(
            T0, new CliIdentifier("v2", "ctx", ""), new CliCommand("noun", "verb", sent));

    RecordBatch decoded = roundTrip(RecordBatch.ofCliCommands(List.of(command)));

    assertThat(decoded.cliCommands().get(0).command().modifiers())
        .containsExactly("a?b", "?", "end?", "??", "ok \uD83D\uDE80");
  }

  @Test
  void repeatedStringsAreWrittenOnce() {
    Component component = component("instance-" + "i".repeat(36), "ctx-" + "c".repeat(64));
    StoredEvent event = new StoredEvent(T0, component, new TelemetryData(EventType.STARTED, 1, ""));

    int one = BatchCodec.encode(RecordBatch.ofEvents(List.of(event))).length;
    int thousand = BatchCodec.encode(RecordBatch.ofEvents(Collections.nCopies(1_000, event))).length;

    // Each further event: receivedAt, 7 string references and the count.
    assertThat(thousand - one).isEqualTo(999 * (12 + 7 * 4 + 4));
  }

  private static RecordBatch roundTrip(RecordBatch batch) {
    byte[] bytes = BatchCodec.encode(batch);
    return BatchCodec.decode(bytes, 0, bytes.length);
  }

  /** Compares two cause chains link by link: the records' equals would recurse. */
  private static void assertSameChain(ReportedError actual, ReportedError expected) {
    assertThat(actual.chainLength()).isEqualTo(expected.chainLength());
    for (ReportedError a = actual, e = expected; e != null; a = a.cause(), e = e.cause()) {
      assertThat(a.message()).isEqualTo(e.message());
      assertThat(a.errorClass()).isEqualTo(e.errorClass());
      assertThat(a.stack()).isEqualTo(e.stack());
      assertThat(a.metadata()).isEqualTo(e.metadata());
    }
  }

  /** What the task returns or throws, run on a thread with a 256 KiB stack. */
  private static Object onSmallStack(Callable<?> task) throws InterruptedException {
    AtomicReference<Object> outcome = new AtomicReference<>();
    Runnable run =
        () -> {
          try {
            outcome.set(task.call());
          } catch (Throwable t) {
            outcome.set(t);
          }
        };
    Thread thread = new Thread(null, run, "small-stack", 256 * 1024);
    thread.start();
    thread.join();
    return outcome.get();
  }
}
