package dev.pulse.client;

import dev.pulse.client.errors.ErrorMapper;
import dev.pulse.client.errors.ErrorSink;
import dev.pulse.client.errors.ReportingLogHandler;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;

/**
 * The {@code java.util.logging} handlers {@link PulseTelemetry#logHandler()} returns, made here so that
 * the classes that hand them out link without {@code java.logging}: a runtime made without that module
 * (jlink) runs the SDK, and only a host that asks for a handler, and so uses the module itself, loads it.
 */
final class LogHandlers {

  private LogHandlers() {}

  /** A handler that reports nothing (telemetry off). */
  static Handler silent() {
    return new Handler() {
      @Override
      public void publish(LogRecord record) {}

      @Override
      public void flush() {}

      @Override
      public void close() {}
    };
  }

  /** A handler reporting SEVERE records through {@code sink}. */
  static Handler reporting(ErrorMapper mapper, ErrorSink sink) {
    return new ReportingLogHandler(mapper, sink, Level.SEVERE);
  }
}
