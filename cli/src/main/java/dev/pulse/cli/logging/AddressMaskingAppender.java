package dev.pulse.cli.logging;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.UnsynchronizedAppenderBase;
import ch.qos.logback.core.spi.AppenderAttachable;
import ch.qos.logback.core.spi.AppenderAttachableImpl;
import java.util.Iterator;
import java.util.List;

/**
 * The guard between every logger and the console ({@link LogbackSetup}): a line of Jetty's or
 * Javalin's (loggers {@code org.eclipse.jetty...}, {@code io.javalin...}) goes on with every IP address
 * in its message and its exceptions' messages masked ({@link AddressMask}), whatever the format (text
 * or JSON); other lines go on as they are. Jetty may put a client's address and port in a warning
 * ("Pending read in onCompleted ... r=/10.1.2.3:54321"), and the server promises to store none, its
 * log included. Pulse's own lines name no client address.
 */
public final class AddressMaskingAppender extends UnsynchronizedAppenderBase<ILoggingEvent>
    implements AppenderAttachable<ILoggingEvent> {

  /** The loggers whose lines are masked: the libraries that see connections. */
  static final List<String> MASKED_LOGGERS = List.of("org.eclipse.jetty", "io.javalin");

  private final AppenderAttachableImpl<ILoggingEvent> appenders = new AppenderAttachableImpl<>();

  /** An appender with no appender attached yet ({@link LogbackSetup} attaches the console). */
  public AddressMaskingAppender() {}

  @Override
  protected void append(ILoggingEvent event) {
    appenders.appendLoopOnAppenders(isMasked(event.getLoggerName()) ? new MaskedEvent(event) : event);
  }

  private static boolean isMasked(String logger) {
    for (String prefix : MASKED_LOGGERS) {
      if (logger.startsWith(prefix) && (logger.length() == prefix.length() || logger.charAt(prefix.length()) == '.')) {
        return true;
      }
    }
    return false;
  }

  @Override
  public void stop() {
    super.stop();
    appenders.detachAndStopAllAppenders();
  }

  @Override
  public void addAppender(Appender<ILoggingEvent> appender) {
    appenders.addAppender(appender);
  }

  @Override
  public Iterator<Appender<ILoggingEvent>> iteratorForAppenders() {
    return appenders.iteratorForAppenders();
  }

  @Override
  public Appender<ILoggingEvent> getAppender(String name) {
    return appenders.getAppender(name);
  }

  @Override
  public boolean isAttached(Appender<ILoggingEvent> appender) {
    return appenders.isAttached(appender);
  }

  @Override
  public void detachAndStopAllAppenders() {
    appenders.detachAndStopAllAppenders();
  }

  @Override
  public boolean detachAppender(Appender<ILoggingEvent> appender) {
    return appenders.detachAppender(appender);
  }

  @Override
  public boolean detachAppender(String name) {
    return appenders.detachAppender(name);
  }
}
