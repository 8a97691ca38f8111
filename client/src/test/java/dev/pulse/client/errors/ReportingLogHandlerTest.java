package dev.pulse.client.errors;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;
import dev.pulse.schema.MetadataEntry;
import dev.pulse.schema.ReportedError;
import dev.pulse.client.threads.SdkThreads;

class ReportingLogHandlerTest {

  private final List<ReportedError> reported = new CopyOnWriteArrayList<>();
  private final ReportingLogHandler handler = new ReportingLogHandler(
      new ErrorMapper(MessagePolicy.SCRUB, Set.of("logger")), reported::add, Level.SEVERE);

  @Test
  void reportsSevereRecordsWithThePatternNotTheArguments() {
    Logger logger = Logger.getLogger("com.acme.operator.test1");
    logger.setUseParentHandlers(false);
    logger.addHandler(handler);
    try {
      logger.log(Level.SEVERE, "failed to reconcile {0}", "secret-namespace");
      logger.log(Level.WARNING, "only a warning");
    } finally {
      logger.removeHandler(handler);
    }

    assertThat(reported).hasSize(1);
    ReportedError e = reported.get(0);
    assertThat(e.message()).isEqualTo("failed to reconcile {0}");
    assertThat(e.errorClass()).isEqualTo(ReportingLogHandler.LOG_RECORD_CLASS);
    assertThat(e.metadata()).containsExactly(new MetadataEntry("logger", "com.acme.operator.test1"));
  }

  @Test
  void aRecordWithNoLoggerNameIsReportedWithoutALoggerEntry() {
    ReportingLogHandler both = new ReportingLogHandler(
        new ErrorMapper(MessagePolicy.SCRUB, Set.of("logger", "level")), reported::add, Level.SEVERE);

    both.publish(new LogRecord(Level.SEVERE, "reconcile failed"));

    assertThat(reported).singleElement().satisfies(e ->
        assertThat(e.metadata()).containsExactly(new MetadataEntry("level", "SEVERE")));
  }

  @Test
  void reportsTheThrownExceptionAsTheCauseOfTheLogLine() {
    LogRecord record = new LogRecord(Level.SEVERE, "reconcile failed");
    record.setLoggerName("com.acme");
    record.setThrown(new IllegalStateException("boom"));

    handler.publish(record);

    assertThat(reported).singleElement().satisfies(e -> {
      assertThat(e.message()).isEqualTo("reconcile failed");
      assertThat(e.cause().errorClass()).isEqualTo("java.lang.IllegalStateException");
      assertThat(e.cause().stack()).isNotEmpty();
    });
  }

  @Test
  void ignoresTheSdksOwnLoggers() {
    LogRecord record = new LogRecord(Level.SEVERE, "send failed");
    record.setLoggerName("dev.pulse.client.send");

    handler.publish(record);

    assertThat(reported).isEmpty();
  }

  @Test
  void ignoresRecordsLoggedOnTheSdksThreads() throws Exception {
    Thread t = new Thread(() -> handler.publish(new LogRecord(Level.SEVERE, "x")), SdkThreads.PREFIX + "-x");
    t.start();
    t.join();

    assertThat(reported).isEmpty();
  }

  @Test
  void uncaughtExceptionsAreReportedAndStillReachThePreviousHandler() throws Exception {
    List<Throwable> previous = new CopyOnWriteArrayList<>();
    Thread.UncaughtExceptionHandler before = Thread.getDefaultUncaughtExceptionHandler();
    Thread.setDefaultUncaughtExceptionHandler((th, ex) -> previous.add(ex));
    UncaughtExceptionReporter reporter =
        UncaughtExceptionReporter.install(new ErrorMapper(MessagePolicy.SCRUB, Set.of()), reported::add);
    try {
      Thread t = new Thread(() -> {
        throw new IllegalArgumentException("bad input");
      }, "host-worker");
      t.start();
      t.join();
    } finally {
      reporter.uninstall();
      Thread.setDefaultUncaughtExceptionHandler(before);
    }

    assertThat(reported).singleElement()
        .satisfies(e -> assertThat(e.errorClass()).isEqualTo("java.lang.IllegalArgumentException"));
    assertThat(previous).hasSize(1);
  }

  @Test
  void aStackOverflowWhileReportingNeverReachesTheHostsLoggingCall() {
    ReportingLogHandler overflowing = new ReportingLogHandler(new ErrorMapper(MessagePolicy.SCRUB, Set.of()),
        e -> {
          throw new StackOverflowError("reporting ran out of stack");
        }, Level.SEVERE);
    Logger logger = Logger.getLogger("com.acme.operator.overflow");
    logger.setUseParentHandlers(false);
    logger.addHandler(overflowing);
    List<Exception> handlerErrors = new CopyOnWriteArrayList<>();
    overflowing.setErrorManager(new java.util.logging.ErrorManager() {
      @Override
      public synchronized void error(String msg, Exception ex, int code) {
        handlerErrors.add(new IllegalStateException(msg));
      }
    });
    try {
      logger.severe("reconcile failed");
    } finally {
      logger.removeHandler(overflowing);
    }

    assertThat(handlerErrors).singleElement().satisfies(e -> assertThat(e).hasMessageContaining("stack"));
  }

  @Test
  void aStackOverflowWhileReportingAnUncaughtExceptionStillReachesThePreviousHandler() throws Exception {
    List<Throwable> previous = new CopyOnWriteArrayList<>();
    Thread.UncaughtExceptionHandler before = Thread.getDefaultUncaughtExceptionHandler();
    Thread.setDefaultUncaughtExceptionHandler((th, ex) -> previous.add(ex));
    UncaughtExceptionReporter reporter = UncaughtExceptionReporter.install(
        new ErrorMapper(MessagePolicy.SCRUB, Set.of()), e -> {
          throw new StackOverflowError("reporting ran out of stack");
        });
    try {
      Thread t = new Thread(() -> {
        throw new IllegalArgumentException("bad input");
      }, "host-worker");
      t.start();
      t.join();
    } finally {
      reporter.uninstall();
      Thread.setDefaultUncaughtExceptionHandler(before);
    }

    assertThat(previous).singleElement().isInstanceOf(IllegalArgumentException.class);
  }
}
