package dev.pulse.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.ConcurrentModificationException;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import dev.pulse.client.config.SettingKey;
import dev.pulse.client.errors.MessageScrubber;
import dev.pulse.client.send.ServerLimits;
import dev.pulse.client.testing.FakePulseServer;
import dev.pulse.client.testing.TestTelemetry;
import dev.pulse.schema.WireOperations;

/**
 * An error the host hands over is reported even when it misbehaves (a message, stack or cause that
 * cannot be read) or comes with metadata the SDK cannot use (a null key, a map that never ends): what
 * cannot be read is left out, never the report.
 */
class MisbehavingErrorsTest {

  @TempDir Path dir;

  /** The errors that reached the server after {@code calls}, every one of them counted as sent. */
  @SuppressWarnings("unchecked")
  private List<Map<String, Object>> reported(Consumer<PulseTelemetry> calls) throws Exception {
    try (FakePulseServer server = FakePulseServer.start()) {
      PulseTelemetry telemetry = TestTelemetry.builder(server.apiAddress(), dir)
          .contextId("ctx")
          .set(SettingKey.TELEMETRY_USAGE_ENABLED, "false")
          .build();
      calls.accept(telemetry);
      assertThat(telemetry.close(Duration.ofSeconds(30))).isTrue();
      List<Map<String, Object>> errors = server.received(WireOperations.REPORT_ERRORS_NAME).stream()
          .flatMap(r -> ((List<Map<String, Object>>) r.variables().get("errors")).stream()).toList();
      assertThat(telemetry.stats().sent()).isEqualTo(errors.size());
      assertThat(telemetry.stats().dropped()).isZero();
      return errors;
    }
  }

  @Test
  void aNullMetadataKeyIsLeftOutAndTheRestSent() throws Exception {
    Map<String, String> metadata = new HashMap<>();
    metadata.put(null, "x");
    metadata.put("logger", "operator");

    List<Map<String, Object>> errors = reported(t -> t.reportError(new IllegalStateException("boom"), metadata));

    assertThat(errors).singleElement().satisfies(e -> {
      assertThat(e).containsEntry("message", "boom");
      assertThat(e.get("metadata")).isEqualTo(List.of(Map.of("key", "logger", "value", "operator")));
    });
  }

  @Test
  void aMessageThatCannotBeReadIsSentWithheld() throws Exception {
    Throwable unreadable = new IllegalStateException() {
      @Override
      public String getMessage() {
        throw new IllegalStateException("no message for you");
      }
    };

    List<Map<String, Object>> errors = reported(t -> t.reportError(unreadable));

    assertThat(errors).singleElement().satisfies(e -> assertThat(e)
        .containsEntry("message", MessageScrubber.WITHHELD)
        .containsEntry("errorClass", unreadable.getClass().getName()));
  }

  @Test
  void aStackThatCannotBeReadIsSentWithoutItsFrames() throws Exception {
    Throwable nullStack = new IllegalStateException("null stack") {
      @Override
      public StackTraceElement[] getStackTrace() {
        return null;
      }
    };
    Throwable throwingStack = new IllegalStateException("throwing stack") {
      @Override
      public StackTraceElement[] getStackTrace() {
        throw new UnsupportedOperationException();
      }
    };
    Throwable nullFrame = new IllegalStateException("a null frame");
    nullFrame.setStackTrace(new StackTraceElement[] {new StackTraceElement("Host", "work", "Host.java", 7)});
    Throwable withNullFrame = new IllegalStateException("a null frame") {
      @Override
      public StackTraceElement[] getStackTrace() {
        return new StackTraceElement[] {null, nullFrame.getStackTrace()[0]};
      }
    };

    List<Map<String, Object>> errors = reported(t -> List.of(nullStack, throwingStack, withNullFrame).forEach(t::reportError));

    assertThat(errors).extracting(e -> e.get("message"))
        .containsExactly("null stack", "throwing stack", "a null frame");
    assertThat(errors).extracting(e -> e.get("stack"))
        .containsExactly(List.of(), List.of(), List.of(Map.of("file", "Host.java", "lineNumber", 7L,
            "name", "Host.work", "package", "")));
  }

  @Test
  void aCauseThatCannotBeReadEndsTheChain() throws Exception {
    Throwable brokenCause = new IllegalStateException("outer") {
      @Override
      public synchronized Throwable getCause() {
        throw new UnsupportedOperationException();
      }
    };

    List<Map<String, Object>> errors = reported(t -> t.reportError(brokenCause));

    assertThat(errors).singleElement().satisfies(e -> assertThat(e)
        .containsEntry("message", "outer").containsEntry("cause", null));
  }

  @Test
  void aMetadataMapThatThrowsIsLeftOutAndTheReportSent() throws Exception {
    Map<String, String> broken = new HashMap<>(Map.of("logger", "operator")) {
      @Override
      public Set<Map.Entry<String, String>> entrySet() {
        throw new ConcurrentModificationException("the host's map is broken");
      }
    };

    List<Map<String, Object>> errors = reported(t -> t.reportError(new IllegalStateException("boom"), broken));

    assertThat(errors).singleElement().satisfies(e -> {
      assertThat(e).containsEntry("message", "boom").containsEntry("metadata", null);
      assertThat((List<?>) e.get("stack")).isNotEmpty();
    });
  }

  @Test
  void aMetadataMapThatNeverEndsIsReadOnlyOnePastTheBound() throws Exception {
    AtomicInteger reads = new AtomicInteger();
    // Its iterator always has a next entry: "logger" again and again (each time with another value),
    // and keys off the allow-list in between. Past the guard it fails the test, instead of hanging it.
    Map<String, String> endless = new AbstractMap<>() {
      @Override
      public Set<Map.Entry<String, String>> entrySet() {
        return new AbstractSet<>() {
          @Override
          public Iterator<Map.Entry<String, String>> iterator() {
            return new Iterator<>() {
              @Override
              public boolean hasNext() {
                return true;
              }

              @Override
              public Map.Entry<String, String> next() {
                int i = reads.getAndIncrement();
                if (i == 10_000) {
                  throw new AssertionError("the SDK read 10,000 entries of a map that never ends");
                }
                return i % 2 == 0 ? Map.entry("logger", "operator-" + i) : Map.entry("k" + i, "v");
              }
            };
          }

          @Override
          public int size() {
            return Integer.MAX_VALUE;
          }
        };
      }
    };

    List<Map<String, Object>> errors = reported(t -> t.reportError(new IllegalStateException("boom"), endless));

    assertThat(reads).as("one entry past the 64 sent at most").hasValue(ServerLimits.MAX_METADATA_ENTRIES + 1);
    assertThat(errors).singleElement().satisfies(e -> assertThat(e)
        .containsEntry("message", "boom")
        .containsEntry("metadata", List.of(Map.of("key", "logger", "value", "operator-0"))));
  }

  /** An exception that counts the reads of its message in {@code reads}. */
  private static RuntimeException countingReads(AtomicInteger reads) {
    return new IllegalStateException("read only to be dropped") {
      @Override
      public String getMessage() {
        reads.incrementAndGet();
        return super.getMessage();
      }
    };
  }

  /** A telemetry whose buffer of one is full: nothing leaves it before close. */
  private PulseTelemetry withAFullBuffer(FakePulseServer server, boolean reportUncaught) {
    PulseTelemetry telemetry = TestTelemetry.builder(server.apiAddress(), dir)
        .contextId("ctx")
        .set(SettingKey.TELEMETRY_USAGE_ENABLED, "false")
        .set(SettingKey.TELEMETRY_INTERVAL_SECONDS, "3600")
        .reportUncaughtExceptions(reportUncaught)
        .bufferSize(1)
        .build();
    telemetry.reportError(new IllegalStateException("fills the buffer"));
    return telemetry;
  }

  @Test
  void anErrorForAFullBufferIsCountedWithoutBeingScrubbed() throws Exception {
    AtomicInteger messageReads = new AtomicInteger();
    try (FakePulseServer server = FakePulseServer.start()) {
      PulseTelemetry telemetry = withAFullBuffer(server, false);
      telemetry.reportError(countingReads(messageReads));

      assertThat(messageReads).as("no message read, so none scrubbed").hasValue(0);
      assertThat(telemetry.stats().droppedBufferFull()).isEqualTo(1);
      assertThat(telemetry.close(Duration.ofSeconds(30))).isTrue();
      assertThat(telemetry.stats().sent()).isEqualTo(1);
    }
  }

  @Test
  void aLoggedOrUncaughtErrorForAFullBufferIsCountedWithoutBeingRead() throws Exception {
    AtomicInteger logReads = new AtomicInteger();
    AtomicInteger uncaughtReads = new AtomicInteger();
    LogRecord record = new LogRecord(Level.SEVERE, "reconcile failed") {
      @Override
      public String getMessage() {
        logReads.incrementAndGet();
        return super.getMessage();
      }
    };
    record.setLoggerName("com.acme.operator");
    record.setThrown(countingReads(logReads));
    Thread.UncaughtExceptionHandler before = Thread.getDefaultUncaughtExceptionHandler();
    Thread.setDefaultUncaughtExceptionHandler((thread, e) -> { }); // the host's own: prints nothing
    try (FakePulseServer server = FakePulseServer.start()) {
      PulseTelemetry telemetry = withAFullBuffer(server, true);
      telemetry.logHandler().publish(record);
      Thread dying = new Thread(() -> {
        throw countingReads(uncaughtReads);
      }, "host-worker");
      dying.start();
      dying.join();

      assertThat(logReads).as("the record's pattern and exception not scrubbed").hasValue(0);
      assertThat(uncaughtReads).as("the uncaught exception not scrubbed").hasValue(0);
      assertThat(telemetry.stats().droppedBufferFull()).isEqualTo(2);
      assertThat(telemetry.close(Duration.ofSeconds(30))).isTrue();
      assertThat(telemetry.stats().sent()).isEqualTo(1);
    } finally {
      Thread.setDefaultUncaughtExceptionHandler(before);
    }
  }
}
