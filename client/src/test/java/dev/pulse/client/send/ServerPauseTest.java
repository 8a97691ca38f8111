package dev.pulse.client.send;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import dev.pulse.client.PulseTelemetry;
import dev.pulse.client.PulseTelemetryBuilder;
import dev.pulse.client.cli.QuietFile;
import dev.pulse.client.cli.ShownWarnings;
import dev.pulse.client.config.SettingKey;
import dev.pulse.client.testing.Await;
import dev.pulse.client.testing.FakePulseServer;
import dev.pulse.client.testing.FakePulseServer.Reply;
import dev.pulse.client.testing.LogCapture;
import dev.pulse.client.testing.TestTelemetry;
import dev.pulse.schema.ComponentType;
import dev.pulse.schema.EventType;
import dev.pulse.schema.WireOperations;

/** A server's Retry-After pauses ALL sending; what waits is kept (bounded) and delivered afterwards. */
class ServerPauseTest {

  /** Fast retries, but the default cap on a server's pause (1 h). */
  private static final RetryPolicy POLICY =
      new RetryPolicy(3, Duration.ofMillis(10), Duration.ofMillis(40), RetryPolicy.DEFAULT.maxRetryAfter());
  private static final String PAUSED_TICK = "sending paused by the server";

  @TempDir Path dir;
  private FakePulseServer server;
  private PulseTelemetry telemetry;
  private LogCapture log;

  @BeforeEach
  void capture() {
    log = LogCapture.start();
  }

  @AfterEach
  void stop() {
    if (telemetry != null) {
      telemetry.close(Duration.ofMillis(200));
    }
    if (server != null) {
      server.close();
    }
    log.close();
  }

  private PulseTelemetryBuilder builder() {
    return TestTelemetry.builder(server.apiAddress(), dir)
        .contextId("ctx")
        .retryPolicy(POLICY)
        .set(SettingKey.TELEMETRY_DEBUG, "true");
  }

  private static RuntimeException error(int i) {
    RuntimeException e = new RuntimeException("boom " + i);
    e.setStackTrace(new StackTraceElement[] {new StackTraceElement("Host", "work", "Host.java", 1)});
    return e;
  }

  @Test
  void aLongRetryAfterStopsAllSendingWhileEventsKeepBeingRecorded() throws Exception {
    server = FakePulseServer.start().respond((i, r) -> new Reply(429, Map.of("Retry-After", "3600"), "{}", false));
    telemetry = builder().build();
    telemetry.reportError(error(0));
    Await.until(() -> server.attempts() == 1, "the first request");

    // Ten forced flushes, each seen by the worker (it logs one line per paused tick), events in between.
    for (int i = 1; i <= 10; i++) {
      long ticks = log.count(PAUSED_TICK);
      telemetry.send(EventType.INTENTS_APPLIED, i);
      telemetry.reportError(error(i));
      telemetry.flush();
      // Either the worker's paused tick, or a request it should not have sent (then the test fails below).
      Await.until(() -> log.count(PAUSED_TICK) > ticks || server.attempts() > 1, "the worker's tick " + ticks);
    }

    assertThat(server.attempts()).isEqualTo(1);
    assertThat(log.messages()).anyMatch(m -> m.contains("Retry-After 3600 s; sending nothing for 3600 s"));
    TelemetryStats stats = telemetry.stats();
    assertThat(stats.sent()).isZero();
    assertThat(stats.dropped()).isZero();
    // Closing within the pause sends nothing more: the 11 kept errors and the 3 usage events kept
    // (STARTED, ACTIVE, INTENTS_APPLIED) are accounted for as not sent.
    assertThat(telemetry.close(Duration.ofSeconds(2))).isTrue();
    assertThat(server.attempts()).isEqualTo(1);
    assertThat(telemetry.stats().droppedFailed()).isEqualTo(14);
  }

  @Test
  void aPauseEndsAndTheKeptBatchIsDeliveredWithWhatCameSince() throws Exception {
    AtomicLong firstAt = new AtomicLong();
    AtomicLong secondAt = new AtomicLong();
    server = FakePulseServer.start().respond((i, r) -> {
      if (i == 0) {
        firstAt.set(System.nanoTime());
        return new Reply(503, Map.of("Retry-After", "1"), "{}", false);
      }
      secondAt.compareAndSet(0, System.nanoTime());
      return Reply.ok();
    });
    telemetry = builder().set(SettingKey.TELEMETRY_USAGE_ENABLED, "false").build();
    for (int i = 0; i < 3; i++) {
      telemetry.reportError(error(i));
    }
    telemetry.flush();
    Await.until(() -> server.attempts() == 1, "the first request");
    telemetry.reportError(error(3));
    telemetry.reportError(error(4));

    Await.until(() -> telemetry.stats().sent() == 5, "all five errors delivered after the pause");
    assertThat(telemetry.stats().dropped()).isZero();
    List<FakePulseServer.Received> requests = server.received("ReportErrors");
    assertThat(requests.get(0).body()).contains("boom 0", "boom 1", "boom 2");
    assertThat(requests.get(1).body()).contains("boom 0", "boom 1", "boom 2", "boom 3", "boom 4");
    // A lower bound the client guarantees (it kept quiet for the server's second), not a scheduling guess.
    assertThat(Duration.ofNanos(secondAt.get() - firstAt.get())).isGreaterThanOrEqualTo(Duration.ofMillis(950));
  }

  @Test
  void usageKeptDuringAPauseIsMergedWithWhatCameSince() throws Exception {
    server = FakePulseServer.start()
        .respond((i, r) -> i == 0 ? new Reply(429, Map.of("Retry-After", "1"), "{}", false) : Reply.ok());
    telemetry = builder().set(SettingKey.TELEMETRY_ERRORS_ENABLED, "false").build();
    telemetry.send(EventType.NETWORK_POLICIES_CREATED, 2);
    telemetry.flush();
    Await.until(() -> server.attempts() >= 1, "the first request");
    telemetry.send(EventType.NETWORK_POLICIES_CREATED, 3);

    Await.until(() -> server.received("SendTelemetries").size() >= 2, "the usage sent again after the pause");
    String resent = server.received("SendTelemetries").get(1).body();
    // A delta is summed across the pause: 2 kept + 3 since, in one event.
    assertThat(resent).contains("\"eventType\":\"NETWORK_POLICIES_CREATED\",\"count\":5");
  }

  @Test
  void aCliShowsALongPauseOnceItsNextRunsKeepItWithoutAskingAndOneWithDebugAsksAndShowsIt() throws Exception {
    server = FakePulseServer.start().respond((i, r) -> new Reply(429, Map.of("Retry-After", "3600"), "{}", false));
    String pauseLine = "Retry-After 3600 s; sending nothing for 3600 s";
    for (String debug : List.of("false", "false", "true")) {
      PulseTelemetry run = TestTelemetry.builder(server.apiAddress(), dir)
          .componentType(ComponentType.CLI)
          .firstRunNotice("otterize", new PrintStream(OutputStream.nullOutputStream()))
          .retryPolicy(POLICY)
          .set(SettingKey.TELEMETRY_DEBUG, debug)
          .build();
      run.reportCommand("otterize mapper export");
      int asked = server.attempts();
      if (asked == 0 || debug.equals("true")) {
        run.flush();
        Await.until(() -> run.stats().retried() == 1, "the pause begun"); // its line is logged before close ends
      }
      assertThat(run.close(Duration.ofSeconds(30))).isTrue();
      assertThat(run.stats().spooled()).as("kept for the next run").isPositive();
    }

    assertThat(server.attempts()).as("by the first run and the one with debug").isEqualTo(2);
    assertThat(log.at(Level.INFO, pauseLine)).as("by the first run, then by the one with debug").isEqualTo(2);
    assertThat(log.at(Level.INFO, pauseLine + ", keeping what waits (" + WireOperations.SEND_CLI_TELEMETRY_NAME + ")"
        + RepeatedWarnings.ONCE_A_DAY)).as("the first run's line says why the next do not show it").isEqualTo(1);
    assertThat(dir.resolve(ShownWarnings.FILE_NAME)).content().doesNotContain("127.0.0.1").hasLineCount(1);
  }

  @Test
  void theBufferStaysBoundedDuringAPause() throws Exception {
    server = FakePulseServer.start().respond((i, r) -> new Reply(429, Map.of("Retry-After", "3600"), "{}", false));
    telemetry = builder().set(SettingKey.TELEMETRY_USAGE_ENABLED, "false").bufferSize(5).build();
    for (int i = 0; i < 3; i++) {
      telemetry.reportError(error(i));
    }
    telemetry.flush();
    Await.until(() -> telemetry.stats().retried() == 1, "the pause begun");
    telemetry.flush();
    Await.until(() -> log.count(PAUSED_TICK) > 0, "a paused tick (the three errors are back in the buffer)");

    for (int i = 3; i < 7; i++) {
      telemetry.reportError(error(i)); // 3 kept + 2 fit; 2 refused
    }

    assertThat(telemetry.stats().droppedBufferFull()).isEqualTo(2);
    assertThat(telemetry.close(Duration.ofSeconds(2))).isTrue();
    assertThat(telemetry.stats().droppedFailed()).isEqualTo(5);
    assertThat(server.attempts()).isEqualTo(1);
  }

  @Test
  void aServiceRefusedAsEveryRequestToTheAddressWouldBeSendsNothingForAWhileNotEachInterval() throws Exception {
    server = FakePulseServer.start().respond((i, r) -> Reply.status(404)); // no Pulse server at api-address
    RetryPolicy minuteAfterRefusal =
        new RetryPolicy(3, Duration.ofMillis(10), Duration.ofSeconds(30), RetryPolicy.DEFAULT.maxRetryAfter());
    telemetry = builder().retryPolicy(minuteAfterRefusal).build();
    telemetry.reportError(error(0));
    telemetry.flush();
    Await.until(() -> log.count(PAUSED_TICK) > 0 || server.attempts() > 2, "the worker's first paused tick");
    int refused = server.attempts(); // the first cycle's requests: usage and the error

    for (int i = 1; i <= 5; i++) {
      long ticks = log.count(PAUSED_TICK);
      telemetry.send(EventType.INTENTS_APPLIED, i);
      telemetry.reportError(error(i));
      telemetry.flush();
      Await.until(() -> log.count(PAUSED_TICK) > ticks || server.attempts() > refused, "the worker's tick " + ticks);
    }

    assertThat(refused).isBetween(1, 2);
    assertThat(server.attempts()).as("nothing sent while it holds off").isEqualTo(refused);
    assertThat(log.messages()).anyMatch(m -> m.contains("the server answered HTTP 404") && m.contains(
        "every request to it would be refused alike, so sending nothing for 60 s (longer each time in a row"));
  }

  @Test
  void aRefusalOfTheRequestsContentIsNoReasonToHoldOff() throws Exception {
    server = FakePulseServer.start().respond((i, r) -> i == 0 ? Reply.status(400) : Reply.ok());
    RetryPolicy minuteAfterRefusal =
        new RetryPolicy(3, Duration.ofMillis(10), Duration.ofSeconds(30), RetryPolicy.DEFAULT.maxRetryAfter());
    telemetry = builder().set(SettingKey.TELEMETRY_USAGE_ENABLED, "false").retryPolicy(minuteAfterRefusal).build();
    telemetry.reportError(error(0));
    telemetry.flush();
    Await.until(() -> server.attempts() == 1, "the refused request");
    telemetry.reportError(error(1));
    telemetry.flush();

    Await.until(() -> telemetry.stats().sent() == 1, "the next error delivered at once");
  }

  @Test
  void aServerThatAnsweredThisRunIsNotLeftAloneForTheRequestItWasSlowToAnswerAtClose() {
    QuietFile memory = new QuietFile(dir, URI.create("http://127.0.0.1:9/telemetry/query"));
    ServerPause answeredFirst = new ServerPause(memory);
    answeredFirst.resumeRemembered(false, false);
    answeredFirst.answered();
    assertThat(answeredFirst.unanswered()).as("slow, not silent").isZero();
    assertThat(memory.remembered()).isNull();

    ServerPause answeredAfter = new ServerPause(memory);
    answeredAfter.resumeRemembered(false, false);
    assertThat(answeredAfter.unanswered()).isEqualTo(QuietFile.FIRST_QUIET);
    answeredAfter.answered(); // the answer to the request given up came in while the run ended
    assertThat(memory.remembered()).isNull();
  }
}
