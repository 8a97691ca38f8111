package dev.pulse.client;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.logging.Handler;
import dev.pulse.client.cli.CommandPath;
import dev.pulse.client.config.TelemetrySettings;
import dev.pulse.client.errors.ErrorIntake;
import dev.pulse.client.errors.ErrorMapper;
import dev.pulse.client.errors.ErrorSink;
import dev.pulse.client.errors.UncaughtExceptionReporter;
import dev.pulse.client.send.BatchSender;
import dev.pulse.client.send.TelemetryStats;
import dev.pulse.schema.Anonymizer;
import dev.pulse.schema.EventType;
import dev.pulse.schema.ReportedError;

/** The working instance: delegates to a {@link BatchSender}, guarding every call. */
final class ActiveTelemetry implements PulseTelemetry {

  private static final System.Logger LOG = System.getLogger(ActiveTelemetry.class.getName());

  private final BatchSender sender;
  private final TelemetrySettings settings;
  private final Anonymizer anonymizer;
  private final ErrorMapper errorMapper;
  /** The buffer as the error paths see it: room is asked before an error is mapped. */
  private final ErrorSink errorSink;
  private final ErrorIntake errors;
  private final Duration closeDeadline;
  /** The host's command names, or null when it declared none (then no modifier is reported). */
  private final Set<String> commandWords;
  private volatile UncaughtExceptionReporter uncaughtReporter;
  private volatile Thread shutdownHook;

  ActiveTelemetry(BatchSender sender, TelemetrySettings settings, Anonymizer anonymizer,
      ErrorMapper errorMapper, Duration closeDeadline, Set<String> commandWords) {
    this.commandWords = commandWords;
    this.sender = sender;
    this.settings = settings;
    this.anonymizer = anonymizer;
    this.errorMapper = errorMapper;
    this.errorSink = new ErrorSink() {
      @Override
      public void accept(ReportedError error) {
        sender.reportError(error);
      }

      @Override
      public boolean takes() {
        return sender.takesError();
      }

      @Override
      public void unreportable() {
        sender.unreportable();
      }
    };
    this.errors = new ErrorIntake(errorMapper, errorSink);
    this.closeDeadline = closeDeadline;
  }

  void installUncaughtReporter() {
    uncaughtReporter = UncaughtExceptionReporter.install(errorMapper, errorSink);
  }

  void installShutdownHook() {
    Thread hook = new Thread(() -> close(closeDeadline), "pulse-telemetry-shutdown");
    try {
      Runtime.getRuntime().addShutdownHook(hook);
      shutdownHook = hook;
    } catch (IllegalStateException | SecurityException e) {
      LOG.log(Level.DEBUG, "no shutdown hook for telemetry: " + e);
    }
  }

  @Override
  public void send(EventType type, long count) {
    sender.send(type, count);
  }

  @Override
  public void incrementUnique(EventType type, String key) {
    sender.incrementUnique(type, key);
  }

  @Override
  public void reportError(Throwable error) {
    reportError(error, Map.of());
  }

  @Override
  public void reportError(Throwable error, Map<String, String> metadata) {
    if (error == null) {
      sender.reportError(null); // counted as nothing to report
      return;
    }
    errors.report(error, metadata == null ? Map.of() : metadata);
  }

  @Override
  public void reportCommand(String commandPath) {
    // A path the Go rule does not report is not a drop: there is nothing to send.
    CommandPath.parse(commandPath, commandWords).ifPresent(sender::reportCommand);
  }

  @Override
  public void reportCommand(List<String> commandPath) {
    if (commandPath == null) {
      return;
    }
    try {
      CommandPath.parse(commandPath, commandWords).ifPresent(sender::reportCommand);
    } catch (Throwable unreadable) {
      // The host's list threw while it was read (an Error too): not reported, never into the host.
      LOG.log(Level.DEBUG, "a command path could not be read: " + unreadable.getClass().getName());
    }
  }

  @Override
  public String anonymize(String value) {
    return value == null ? "" : anonymizer.anonymize(value);
  }

  @Override
  public Handler logHandler() {
    return LogHandlers.reporting(errorMapper, errorSink);
  }

  @Override
  public void flush() {
    sender.flush();
  }

  @Override
  public TelemetryStats stats() {
    return sender.stats();
  }

  @Override
  public TelemetrySettings settings() {
    return settings;
  }

  @Override
  public boolean isActive() {
    return true;
  }

  @Override
  public boolean close(Duration deadline) {
    try {
      UncaughtExceptionReporter reporter = uncaughtReporter;
      if (reporter != null) {
        reporter.uninstall();
      }
      removeShutdownHook();
      return sender.close(deadline == null ? closeDeadline : deadline);
    } catch (RuntimeException e) {
      LOG.log(Level.DEBUG, "telemetry close failed: " + e);
      return false;
    }
  }

  @Override
  public void close() {
    close(closeDeadline);
  }

  private void removeShutdownHook() {
    Thread hook = shutdownHook;
    if (hook == null || Thread.currentThread() == hook) {
      return;
    }
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException e) {
      // The JVM is already shutting down; the hook runs close() itself.
    }
  }
}
