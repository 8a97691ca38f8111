package dev.pulse.client.testing;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/** Captures what the SDK logs (its loggers are under {@code dev.pulse.client}) while open. */
public final class LogCapture implements AutoCloseable {

  private final Logger logger = Logger.getLogger("dev.pulse.client");
  private final List<LogRecord> records = new CopyOnWriteArrayList<>();
  private final Handler handler = new Handler() {
    @Override
    public void publish(LogRecord record) {
      records.add(record);
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}
  };

  private LogCapture() {
    logger.addHandler(handler);
  }

  /** Starts capturing. */
  public static LogCapture start() {
    return new LogCapture();
  }

  /** Every message so far. */
  public List<String> messages() {
    return records.stream().map(LogRecord::getMessage).toList();
  }

  /** How many messages so far contain {@code text}. */
  public long count(String text) {
    return records.stream().filter(r -> r.getMessage() != null && r.getMessage().contains(text)).count();
  }

  /** How many WARNING messages so far contain {@code text} (whatever finer levels a test let through). */
  public long warnings(String text) {
    return at(java.util.logging.Level.WARNING, text);
  }

  /** How many messages at exactly {@code level} so far contain {@code text}. */
  public long at(java.util.logging.Level level, String text) {
    return records.stream().filter(r -> r.getLevel() == level)
        .filter(r -> r.getMessage() != null && r.getMessage().contains(text)).count();
  }

  @Override
  public void close() {
    logger.removeHandler(handler);
  }
}
