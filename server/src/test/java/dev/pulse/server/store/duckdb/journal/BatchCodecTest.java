package dev.pulse.server.store.duckdb.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pulse.schema.CliCommand;
import dev.pulse.schema.CliIdentifier;
import dev.pulse.schema.Component;
import dev.pulse.schema.ComponentType;
import dev.pulse.schema.EventType;
import dev.pulse.schema.MetadataEntry;
import dev.pulse.schema.ReportedError;
import dev.pulse.schema.StackFrame;
import dev.pulse.schema.TelemetryData;
import dev.pulse.server.store.EventStoreContract;
import dev.pulse.server.store.RecordBatch;
import dev.pulse.server.store.StoreException;
import dev.pulse.server.store.StoredCliCommand;
import dev.pulse.server.store.StoredError;
import dev.pulse.server.store.StoredEvent;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class BatchCodecTest {

  private static final Instant T0 = Instant.parse("2026-11-24T10:15:30.123456789Z");

  // Where the first CLI command's version length is when a batch has no events: version byte,
  // number of events, number of commands, receivedAt.
  private static final int FIRST_COMMAND_VERSION_AT = 1 + 4 + 4 + 12;

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
    RecordBatch batch = EventStoreContract.Fixture.mixedBatch();

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

  @Test
  void truncatedBytesAreRejectedWithAPreciseError() {
    byte[] bytes = BatchCodec.encode(everyKind());

    for (int length = 0; length < bytes.length; length++) {
      int truncated = length;
      assertThatThrownBy(() -> BatchCodec.decode(bytes, 0, truncated))
          .as("truncated to %d of %d bytes", truncated, bytes.length)
          .isExactlyInstanceOf(StoreException.class)
          .hasMessageStartingWith("Malformed journal batch at offset ")
          .hasMessageContaining(" of " + truncated + ": ")
          .hasMessageContaining("left");
    }
  }

  @Test
  void aCorruptLengthIsRejectedNotAllocated() {
    byte[] bytes = BatchCodec.encode(RecordBatch.ofCliCommands(List.of(command("v2.0.3"))));
    ByteBuffer.wrap(bytes).putInt(FIRST_COMMAND_VERSION_AT, Integer.MAX_VALUE);

    assertThatThrownBy(() -> BatchCodec.decode(bytes, 0, bytes.length))
        .isExactlyInstanceOf(StoreException.class)
        .hasMessageStartingWith(
            "Malformed journal batch at offset " + FIRST_COMMAND_VERSION_AT + " of ")
        .hasMessageContaining("CLI version of 2147483647 bytes does not fit in the");
  }

  @Test
  void aCorruptCountIsRejectedNotAllocated() {
    byte[] bytes = BatchCodec.encode(RecordBatch.ofCliCommands(List.of(command("v2.0.3"))));
    ByteBuffer.wrap(bytes).putInt(1, Integer.MAX_VALUE);

    assertThatThrownBy(() -> BatchCodec.decode(bytes, 0, bytes.length))
        .isExactlyInstanceOf(StoreException.class)
        .hasMessageContaining("at offset 1 of ")
        .hasMessageContaining("number of events 2147483647 does not fit in the");
  }

  @Test
  void aReferenceToAStringNotYetReadIsRejected() {
    byte[] bytes = BatchCodec.encode(RecordBatch.ofCliCommands(List.of(command("v2.0.3"))));
    ByteBuffer.wrap(bytes).putInt(FIRST_COMMAND_VERSION_AT, -100);

    assertThatThrownBy(() -> BatchCodec.decode(bytes, 0, bytes.length))
        .isExactlyInstanceOf(StoreException.class)
        .hasMessageContaining("CLI version repeats string #99 but only 0 precede it");
  }

  @Test
  void anUnknownVersionIsRejected() {
    byte[] bytes = BatchCodec.encode(everyKind());
    bytes[0] = (byte) 0xFE;

    assertThatThrownBy(() -> BatchCodec.decode(bytes, 0, bytes.length))
        .isExactlyInstanceOf(StoreException.class)
        .hasMessage("Unsupported journal batch format version 254 (this server reads 1)");
  }

  @Test
  void anUnknownEnumNameIsRejected() {
    StoredEvent event =
        new StoredEvent(T0, component("i", "c"), TelemetryData.of(EventType.STARTED, 1));
    byte[] bytes = BatchCodec.encode(RecordBatch.ofEvents(List.of(event)));
    int at = indexOf(bytes, "STARTED".getBytes(StandardCharsets.US_ASCII));
    bytes[at + 6] = 'X';

    assertThatThrownBy(() -> BatchCodec.decode(bytes, 0, bytes.length))
        .isExactlyInstanceOf(StoreException.class)
        .hasMessageContaining("at offset " + (at - 4) + " of ")
        .hasMessageEndingWith("unknown EventType 'STARTEX'");
  }

  @Test
  void bytesAfterTheBatchAreRejected() {
    byte[] bytes = BatchCodec.encode(everyKind());
    byte[] longer = Arrays.copyOf(bytes, bytes.length + 3);

    assertThatThrownBy(() -> BatchCodec.decode(longer, 0, longer.length))
        .isExactlyInstanceOf(StoreException.class)
        .hasMessageEndingWith(
            "at offset " + bytes.length + " of " + longer.length + ": 3 bytes follow the end of the batch");
  }

  @Test
  void decodeReadsOnlyTheGivenRange() {
    RecordBatch batch = everyKind();
    byte[] bytes = BatchCodec.encode(batch);
    byte[] framed = new byte[37 + bytes.length + 41];
    new Random(7).nextBytes(framed);
    System.arraycopy(bytes, 0, framed, 37, bytes.length);

    assertThat(BatchCodec.decode(framed, 37, bytes.length)).isEqualTo(batch);
    assertThatThrownBy(() -> BatchCodec.decode(framed, 37, bytes.length - 1))
        .isExactlyInstanceOf(StoreException.class);
  }

  @Test
  void anyFlippedByteDecodesOrIsRejectedButNeverCrashes() {
    byte[] bytes = BatchCodec.encode(EventStoreContract.Fixture.mixedBatch());

    for (int position = 0; position < bytes.length; position++) {
      for (int mask : new int[] {0x01, 0x40, 0x80, 0xFF}) {
        byte[] corrupt = bytes.clone();
        corrupt[position] ^= (byte) mask;
        try {
          BatchCodec.decode(corrupt, 0, corrupt.length);
        } catch (StoreException expected) {
          assertThat(expected).hasMessageContaining("journal batch");
        }
      }
    }
  }

  private static RecordBatch roundTrip(RecordBatch batch) {
    byte[] bytes = BatchCodec.encode(batch);
    return BatchCodec.decode(bytes, 0, bytes.length);
  }

  /** Events of every type and component type, commands with and without modifiers, errors. */
  private static RecordBatch everyKind() {
    List<StoredEvent> events = new ArrayList<>();
    ComponentType[] types = ComponentType.values();
    for (EventType type : EventType.values()) {
      Component component =
          new Component(
              types[type.ordinal() % types.length],
              "instance-" + type.ordinal() % 3,
              "ctx-" + type.ordinal() % 2,
              "v1." + type.ordinal() % 4 + ".0",
              type.ordinal() % 2 == 0 ? "" : "cloud-client-1");
      String error = type.name().startsWith("EBPF") ? "attach failed: no such file" : "";
      TelemetryData data = new TelemetryData(type, type.ordinal() * 7, error);
      events.add(new StoredEvent(T0.plusNanos(type.ordinal()), component, data));
    }
    events.add(
        new StoredEvent(
            Instant.MIN,
            component("min", "ctx-0"),
            new TelemetryData(EventType.ACTIVE, Integer.MAX_VALUE, "")));
    events.add(
        new StoredEvent(
            Instant.parse("1969-12-31T23:59:59.999999999Z"),
            component("before-epoch", "ctx-0"),
            TelemetryData.of(EventType.STARTED, 0)));
    List<StoredCliCommand> commands =
        List.of(
            command("v2.0.3", "--all", "-n", ""),
            command("v2.0.4"),
            new StoredCliCommand(
                Instant.MAX,
                new CliIdentifier("v2.0.3", "ctx-1", ""),
                new CliCommand("mapper", "export", List.of("--format", "json"))));
    List<StoredError> errors =
        List.of(chainedError(), EventStoreContract.Fixture.error("b", "ctx-b", T0), loneError());
    return new RecordBatch(events, commands, errors);
  }

  private static StoredCliCommand command(String version, String... modifiers) {
    return new StoredCliCommand(
        T0.plusMillis(1),
        new CliIdentifier(version, "ctx-cli", "cli_1"),
        new CliCommand("intents", "apply", List.of(modifiers)));
  }

  private static StoredError chainedError() {
    ReportedError root =
        new ReportedError(
            "dial tcp 10.0.0.1:443: connect: connection refused",
            "*net.OpError",
            null,
            List.of(frame(0), new StackFrame("", -1, "", "")),
            List.of(new MetadataEntry("addr", "10.0.0.1:443"), new MetadataEntry("retry", "")));
    ReportedError middle =
        new ReportedError("calling the API", "*fmt.wrapError", root, List.of(), List.of());
    ReportedError outer =
        new ReportedError(
            "reconciling intents",
            "*errors.withStack",
            middle,
            List.of(frame(1), frame(2)),
            List.of(new MetadataEntry("reconciler", "IntentsReconciler")));
    return new StoredError(T0.plusSeconds(5), component("op-1", "ctx-0"), "fp-chain", outer);
  }

  private static StoredError loneError() {
    ReportedError error =
        new ReportedError("panic: nil map", "runtime.Error", null, List.of(), List.of());
    Component agent = new Component(ComponentType.NODE_AGENT, "agent-1", "ctx-9", "v0.1.0", "c");
    return new StoredError(T0, agent, "fp-lone", error);
  }

  private static StackFrame frame(int n) {
    return new StackFrame(
        "reconciler.go", 100 + n, "(*Reconciler).Reconcile", "github.com/example/operator/pkg");
  }

  private static Component component(String instanceId, String contextId) {
    return new Component(ComponentType.INTENTS_OPERATOR, instanceId, contextId, "v1.2.3", "");
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

  private static int indexOf(byte[] bytes, byte[] part) {
    for (int i = 0; i + part.length <= bytes.length; i++) {
      if (Arrays.equals(bytes, i, i + part.length, part, 0, part.length)) {
        return i;
      }
    }
    throw new AssertionError("not found");
  }
}
