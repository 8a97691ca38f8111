package dev.pulse.cli.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.LoggerContextVO;
import ch.qos.logback.classic.spi.StackTraceElementProxy;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.slf4j.Marker;
import org.slf4j.event.KeyValuePair;

/**
 * A log event as it was, but with the IP addresses of its message and of its exceptions' messages
 * masked ({@link AddressMask}). The message is the formatted one, values in, with no arguments left
 * to put an address back.
 */
final class MaskedEvent implements ILoggingEvent {

  private final ILoggingEvent event;
  private final String message;
  private final IThrowableProxy throwable;

  MaskedEvent(ILoggingEvent event) {
    this.event = event;
    this.message = AddressMask.mask(event.getFormattedMessage());
    this.throwable = event.getThrowableProxy() == null ? null : new MaskedThrowable(event.getThrowableProxy());
  }

  @Override
  public String getMessage() {
    return message;
  }

  @Override
  public Object[] getArgumentArray() {
    return null;
  }

  @Override
  public String getFormattedMessage() {
    return message;
  }

  @Override
  public IThrowableProxy getThrowableProxy() {
    return throwable;
  }

  @Override
  public List<KeyValuePair> getKeyValuePairs() {
    return null; // none, rather than values unmasked (Jetty and Javalin log none)
  }

  @Override
  public String getThreadName() {
    return event.getThreadName();
  }

  @Override
  public Level getLevel() {
    return event.getLevel();
  }

  @Override
  public String getLoggerName() {
    return event.getLoggerName();
  }

  @Override
  public LoggerContextVO getLoggerContextVO() {
    return event.getLoggerContextVO();
  }

  @Override
  public StackTraceElement[] getCallerData() {
    return event.getCallerData();
  }

  @Override
  public boolean hasCallerData() {
    return event.hasCallerData();
  }

  @Override
  public List<Marker> getMarkerList() {
    return event.getMarkerList();
  }

  @Override
  public Map<String, String> getMDCPropertyMap() {
    return event.getMDCPropertyMap();
  }

  @Override
  @SuppressWarnings("deprecation")
  public Map<String, String> getMdc() {
    return event.getMdc();
  }

  @Override
  public long getTimeStamp() {
    return event.getTimeStamp();
  }

  @Override
  public int getNanoseconds() {
    return event.getNanoseconds();
  }

  @Override
  public Instant getInstant() {
    return event.getInstant();
  }

  @Override
  public long getSequenceNumber() {
    return event.getSequenceNumber();
  }

  @Override
  public void prepareForDeferredProcessing() {
    event.prepareForDeferredProcessing();
  }

  /** An exception as it was, with its message, its causes' and suppressed ones' masked. */
  private static final class MaskedThrowable implements IThrowableProxy {

    private final IThrowableProxy proxy;

    MaskedThrowable(IThrowableProxy proxy) {
      this.proxy = proxy;
    }

    @Override
    public String getMessage() {
      return AddressMask.mask(proxy.getMessage());
    }

    @Override
    public String getOverridingMessage() {
      return AddressMask.mask(proxy.getOverridingMessage());
    }

    @Override
    public String getClassName() {
      return proxy.getClassName();
    }

    @Override
    public StackTraceElementProxy[] getStackTraceElementProxyArray() {
      return proxy.getStackTraceElementProxyArray();
    }

    @Override
    public int getCommonFrames() {
      return proxy.getCommonFrames();
    }

    @Override
    public IThrowableProxy getCause() {
      // Finite: logback ends a cyclic chain with a proxy of no cause.
      return proxy.getCause() == null ? null : new MaskedThrowable(proxy.getCause());
    }

    @Override
    public IThrowableProxy[] getSuppressed() {
      IThrowableProxy[] suppressed = proxy.getSuppressed();
      return suppressed == null ? null
          : Arrays.stream(suppressed).map(MaskedThrowable::new).toArray(IThrowableProxy[]::new);
    }

    @Override
    public boolean isCyclic() {
      return proxy.isCyclic();
    }
  }
}
