package dev.pulse.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import dev.pulse.client.config.SettingKey;
import dev.pulse.client.testing.Await;
import dev.pulse.client.testing.FakePulseServer;
import dev.pulse.client.testing.FakePulseServer.Reply;
import dev.pulse.client.testing.TestTelemetry;
import dev.pulse.schema.EventType;
import dev.pulse.schema.WireOperations;

class DebugAndSafetyTest {

  @TempDir Path dir;
  private FakePulseServer server;
  private final List<LogRecord> logged = new CopyOnWriteArrayList<>();
  private final Handler capture = new Handler() {
    @Override
    public void publish(LogRecord record) {
      logged.add(record);
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}
  };
  private final Logger sdkLogger = Logger.getLogger("dev.pulse.client");

  @BeforeEach
  void start() throws Exception {
    server = FakePulseServer.start();
    sdkLogger.addHandler(capture);
  }

  @AfterEach
  void stop() {
    sdkLogger.removeHandler(capture);
    server.close();
  }

  private List<String> messages() {
    return logged.stream().map(LogRecord::getMessage).toList();
  }

  @Test
  void debugLogsEveryPayloadExactlyAsSentAndWhatBecameOfIt() {
    PulseTelemetry telemetry = TestTelemetry.builder(server.apiAddress(), dir)
        .contextId("ctx").flags("--telemetry-debug=true").build();
    telemetry.close();

    String sent = server.received(WireOperations.SEND_TELEMETRIES_NAME).get(0).body();
    assertThat(messages()).anyMatch(m -> m.endsWith("payload: " + sent));
    assertThat(messages()).anyMatch(m -> m.contains("SendTelemetries delivered (HTTP 200)"));
  }

  @Test
  void logsDropsAsOneSummaryLineNotOnePerEvent() {
    server.respond((i, r) -> Reply.status(500));
    PulseTelemetry telemetry = TestTelemetry.builder(server.apiAddress(), dir)
        .contextId("ctx").set(SettingKey.TELEMETRY_USAGE_ENABLED, "false").bufferSize(10)
        // Only the flush sends: an interval tick inside the loop (a loaded machine) would take more than 10.
        .set(SettingKey.TELEMETRY_INTERVAL_SECONDS, "600").build();
    for (int i = 0; i < 1000; i++) {
      telemetry.reportError(new RuntimeException("e"));
    }
    telemetry.flush();
    Await.until(() -> telemetry.stats().droppedFailed() >= 10, "the failed batch");
    telemetry.close();

    // The sender may take a batch while the loop still adds, so how many the full buffer dropped
    // depends on timing; what may not is that a few summary lines account for every one of them.
    long droppedBufferFull = telemetry.stats().droppedBufferFull();
    long summed = 0;
    for (String message : messages()) {
      Matcher dropped = BUFFER_FULL.matcher(message);
      if (dropped.find()) {
        summed += Long.parseLong(dropped.group(1));
      }
    }
    assertThat(droppedBufferFull).isGreaterThanOrEqualTo(900);
    assertThat(logged.stream().filter(r -> r.getLevel() == Level.WARNING).count()).isBetween(1L, 3L);
    assertThat(summed).isEqualTo(droppedBufferFull);
  }

  private static final Pattern BUFFER_FULL = Pattern.compile("dropped (\\d+) \\(buffer full\\)");

  @Test
  void neverReportsItsOwnFailuresAsErrors() {
    server.respond((i, r) -> Reply.status(500));
    PulseTelemetry telemetry = TestTelemetry.builder(server.apiAddress(), dir)
        .contextId("ctx").flags("--telemetry-debug=true").build();
    Logger root = Logger.getLogger("");
    Handler reporter = telemetry.logHandler();
    reporter.setLevel(Level.ALL); // even INFO/WARNING from the SDK must not come back as errors
    root.addHandler(reporter);
    try {
      telemetry.reportError(new RuntimeException("host failure"));
      telemetry.flush();
      Await.until(() -> telemetry.stats().droppedFailed() >= 3, "failed batches");
      telemetry.close();
    } finally {
      root.removeHandler(reporter);
    }

    assertThat(server.received(WireOperations.REPORT_ERRORS_NAME))
        .allSatisfy(r -> assertThat(r.body()).contains("host failure").doesNotContain("telemetry"));
  }

  @Test
  void nothingTheHostPassesCanThrow() {
    PulseTelemetry telemetry = TestTelemetry.builder(server.apiAddress(), dir).contextId("ctx").build();

    assertThatCode(() -> {
      telemetry.send(null, 1);
      telemetry.send(EventType.MAPPER_EXPORT, -5);
      telemetry.incrementUnique(null, null);
      telemetry.incrementUnique(EventType.SERVICE_DISCOVERED, null);
      telemetry.reportError(null);
      telemetry.reportError(new RuntimeException(), null);
      telemetry.reportCommand((String) null);
      telemetry.reportCommand((List<String>) null);
      telemetry.anonymize(null);
      telemetry.close();
      telemetry.close();
      telemetry.send(EventType.MAPPER_EXPORT, 1);
    }).doesNotThrowAnyException();
  }

  @Test
  void invalidSettingsFallBackWithAWarningAndStillWork() {
    PulseTelemetry telemetry = TestTelemetry.builder(server.apiAddress(), dir)
        .contextId("ctx").set(SettingKey.TELEMETRY_MAX_BATCH_SIZE, "lots").build();
    telemetry.close();

    assertThat(telemetry.settings().maxBatchSize()).isEqualTo(100);
    assertThat(messages()).anyMatch(m -> m.contains("telemetry-max-batch-size") && m.contains("lots"));
    assertThat(server.received()).isNotEmpty();
  }

  @Test
  void uncaughtExceptionsAreReportedWhenAsked() throws Exception {
    Thread.UncaughtExceptionHandler before = Thread.getDefaultUncaughtExceptionHandler();
    Thread.setDefaultUncaughtExceptionHandler((t, e) -> { });
    PulseTelemetry telemetry = TestTelemetry.builder(server.apiAddress(), dir)
        .contextId("ctx").reportUncaughtExceptions(true).build();
    try {
      Thread t = new Thread(() -> {
        throw new IllegalStateException("crash");
      });
      t.start();
      t.join();
      telemetry.close();
    } finally {
      Thread.setDefaultUncaughtExceptionHandler(before);
    }

    assertThat(server.received(WireOperations.REPORT_ERRORS_NAME)).singleElement()
        .satisfies(r -> assertThat(r.body()).contains("java.lang.IllegalStateException"));
  }
}
