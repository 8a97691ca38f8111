package dev.pulse.server.http;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.http.HttpParser;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.server.HttpConnection;
import org.eclipse.jetty.util.thread.Scheduler;

/**
 * Closes a connection whose request line and headers have begun to arrive but are not complete
 * within {@link ClientLimits#headerTimeout()}. Jetty's idle timeout starts again with every byte, so a
 * client dripping its headers a byte every few seconds would otherwise hold its connection for as
 * long as it likes, and enough of them every connection the server accepts. A keep-alive connection
 * waiting for its next request, with nothing of it sent, is left to the idle timeout; a body, to the
 * body deadline ({@link AsyncBodyReader}).
 *
 * <p>A sweep once a second reads each open HTTP/1.1 connection's parser; a connection is closed
 * between the deadline and a second after it, without an answer (it has no request to answer yet).
 */
final class HeaderDeadline implements Connection.Listener {

  private static final long SWEEP_MILLIS = 1_000;

  private final long deadlineNanos;
  private final Map<HttpConnection, Watch> open = new ConcurrentHashMap<>();

  HeaderDeadline(Duration deadline) {
    this.deadlineNanos = deadline.toNanos();
  }

  @Override
  public void onOpened(Connection connection) {
    if (connection instanceof HttpConnection http) {
      open.put(http, new Watch());
    }
  }

  @Override
  public void onClosed(Connection connection) {
    open.remove(connection);
  }

  /** Sweeps every second on {@code scheduler} until it stops. */
  void sweepOn(Scheduler scheduler) {
    scheduler.schedule(() -> {
      sweep(System.nanoTime());
      if (scheduler.isRunning()) {
        sweepOn(scheduler);
      }
    }, SWEEP_MILLIS, TimeUnit.MILLISECONDS);
  }

  /** Closes the connections whose request head began more than the deadline before {@code now}. */
  void sweep(long now) {
    open.forEach((connection, watch) -> {
      HttpParser parser = connection.getParser();
      if (watch.overdue(connection.getMessagesIn(), connection.getBytesIn(), parser.inHeaderState(),
          parser.isStart(), now, deadlineNanos)) {
        connection.getEndPoint().close();
      }
    });
  }

  /** What the sweeps saw of one connection; read and written by the sweeping thread alone. */
  static final class Watch {
    private long messages = -1;
    private long idleBytes = -1;
    private long headSince = -1;

    /**
     * Whether the head of the connection's next request began more than {@code deadline} before
     * {@code now}: the parser is past its start, or bytes came while it stayed at its start (blank
     * lines before a request line).
     */
    boolean overdue(long messagesIn, long bytesIn, boolean inHead, boolean atStart, long now, long deadline) {
      if (!inHead) { // a body or an answer: other bounds hold those
        idleBytes = -1;
        headSince = -1;
        return false;
      }
      if (messagesIn != messages) {
        messages = messagesIn;
        idleBytes = -1;
        headSince = -1;
      }
      if (atStart) {
        if (idleBytes < 0) {
          idleBytes = bytesIn;
        }
        if (bytesIn == idleBytes) {
          headSince = -1; // waiting for a request: the idle timeout's
          return false;
        }
      }
      if (headSince < 0) {
        headSince = now;
      }
      return now - headSince >= deadline;
    }
  }
}
