package dev.pulse.client.errors;

import java.util.List;
import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import dev.pulse.schema.MetadataEntry;
import dev.pulse.schema.ReportedError;
import dev.pulse.client.threads.SdkThreads;

/**
 * A {@code java.util.logging} handler that reports records at {@link Level#SEVERE} (configurable) as
 * errors. The record's message pattern is used, never its formatted form, so log arguments are not
 * sent; the pattern is scrubbed like any message. Records from the SDK's own loggers ({@code
 * dev.pulse.client}) and from its worker thread are ignored, so a failure to send cannot feed itself.
 * Metadata candidates are {@code logger} and {@code level}, subject to the allow-list. A record is
 * reported through an {@link ErrorIntake}: one that meets a full buffer is counted before anything of
 * it (its message, its exception) is read. Nothing the record or its exception throws (an Error too)
 * leaves {@link #publish}, so a host's logging call never fails for telemetry.
 */
public final class ReportingLogHandler extends Handler {

  /** The error class of a record that carries no exception. */
  public static final String LOG_RECORD_CLASS = "java.util.logging.LogRecord";

  private final ErrorIntake intake;

  /** Reports records at or above {@code threshold} to {@code sink}. */
  public ReportingLogHandler(ErrorMapper mapper, ErrorSink sink, Level threshold) {
    this.intake = new ErrorIntake(mapper, sink);
    setLevel(threshold);
  }

  @Override
  public void publish(LogRecord record) {
    try {
      if (record == null || !isLoggable(record) || fromSdk(record)) {
        return;
      }
      intake.report(record.getThrown(), mapper -> toError(mapper, record));
    } catch (StackOverflowError e) {
      // Ours (a record handled with little stack left): never into the host's logging call.
      reportError("telemetry handler ran out of stack", null, java.util.logging.ErrorManager.GENERIC_FAILURE);
    } catch (Throwable e) {
      // Whatever the host's record throws from its own methods, an Error too: never into its logging call.
      // Words alone: printing the host's exception would call its methods again.
      reportError("Pulse telemetry could not report a logged record (reading it failed); the record itself is"
          + " logged as usual", null, java.util.logging.ErrorManager.GENERIC_FAILURE);
    }
  }

  private static ReportedError toError(ErrorMapper mapper, LogRecord record) {
    // A record with no logger name (published to the handler directly) carries no logger entry.
    String logger = record.getLoggerName();
    Map<String, String> metadata = logger == null ? Map.of("level", record.getLevel().getName())
        : Map.of("logger", logger, "level", record.getLevel().getName());
    String pattern = mapper.scrub(record.getMessage());
    Throwable thrown = record.getThrown();
    if (thrown == null) {
      return new ReportedError(pattern, LOG_RECORD_CLASS, null, List.of(), mapper.allowed(metadata));
    }
    ReportedError mapped = mapper.map(thrown, metadata);
    if (pattern.isEmpty()) {
      return mapped;
    }
    // The log line says what the host was doing; the exception is its cause.
    List<MetadataEntry> entries = mapped.metadata();
    ReportedError cause = new ReportedError(
        mapped.message(), mapped.errorClass(), mapped.cause(), mapped.stack(), List.of());
    return new ReportedError(pattern, LOG_RECORD_CLASS, cause, List.of(), entries);
  }

  private static boolean fromSdk(LogRecord record) {
    String logger = record.getLoggerName();
    return (logger != null && logger.startsWith("dev.pulse.client"))
        || Thread.currentThread().getName().startsWith(SdkThreads.PREFIX);
  }

  @Override
  public void flush() {}

  @Override
  public void close() {}
}
