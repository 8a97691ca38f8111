package dev.pulse.server.http;

import dev.pulse.server.web.BodyTooLargeException;
import dev.pulse.server.web.HttpProblem;
import dev.pulse.server.web.RequestBodies;
import io.javalin.http.Context;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jetty.util.thread.Scheduler;

/**
 * Reads a request body without a thread: a servlet {@link ReadListener} takes the bytes as they
 * arrive, and the returned future completes once the whole body is in. So a client that sends one
 * byte every few seconds costs a connection and a buffer, never a request thread.
 *
 * <p>The body is refused as it arrives when it grows past {@code maxBytes} ({@link
 * BodyTooLargeException}), arrives slower than {@link ClientLimits#minRequestDataRate()} or is not
 * complete within {@link ClientLimits#bodyTimeout()} (an {@link HttpProblem} 408), or when the
 * bodies in flight would hold more than {@link ClientLimits#maxBufferedBodyBytes()} with its next
 * bytes (503). The request must be in async mode (Javalin's {@code ctx.future} starts it).
 * Thread-safe.
 */
final class AsyncBodyReader implements RequestBodies {

  /**
   * The rate is judged from the first body byte, and only after this much time, against the time
   * past it: a slow start or a pause between packets is no offence. (Jetty's own minimum data rate
   * has no such grace and refused small bodies, so it is not used.)
   */
  private static final long GRACE_NANOS = TimeUnit.SECONDS.toNanos(1);

  /** How often the bodies that wait for bytes are judged against the rate by the clock. */
  private static final long RATE_WATCH_MILLIS = 1000;

  private final ClientLimits limits;
  private final Scheduler scheduler;
  private final BodyBudget budget;
  /**
   * The bodies that have waited for bytes and are not done, which one timer judges every second: a
   * timer per body woke the scheduler's thread twice a request (its task was the earliest).
   */
  private final Set<Listener> waiting = ConcurrentHashMap.newKeySet();
  private final AtomicBoolean watching = new AtomicBoolean();

  /** What is done with a body that arrived whole, or with why it did not. */
  interface BodyHandler<T> {
    /**
     * Handles {@code body}, or {@code failure} when it did not arrive; {@code hold} is the request's
     * part of the budget, for what the handler derives from the body (its inflation).
     */
    T handle(byte[] body, Throwable failure, BodyBudget.Hold hold);
  }

  AsyncBodyReader(ClientLimits limits, Scheduler scheduler) {
    this.limits = limits;
    this.scheduler = scheduler;
    this.budget = new BodyBudget(limits.maxBufferedBodyBytes());
  }

  /**
   * Reads the whole body of {@code request}, at most {@code maxBytes} long, as it arrives, then hands
   * it (or why it did not arrive) to {@code then}. Its memory counts against {@link
   * ClientLimits#maxBufferedBodyBytes} until {@code then} returned.
   */
  <T> CompletableFuture<T> read(HttpServletRequest request, long maxBytes, String limitName, BodyHandler<T> then)
      throws IOException {
    BodyBudget.Hold hold = budget.hold();
    Listener listener =
        new Listener(request, maxBytes, limitName, new HeldBytes(hold, request.getContentLengthLong()));
    Scheduler.Task deadline =
        scheduler.schedule(listener::expire, limits.bodyTimeout().toMillis(), TimeUnit.MILLISECONDS);
    listener.done.whenComplete((body, failure) -> deadline.cancel());
    listener.in.setReadListener(listener);
    return listener.done.handle((body, failure) -> then.handle(body, failure, hold))
        .whenComplete((answer, failure) -> hold.release());
  }

  @Override
  public CompletableFuture<byte[]> read(Context ctx, long maxBytes, String limitName) {
    if (ctx.req().getContentLengthLong() > maxBytes) {
      ctx.header("Connection", "close"); // the body it announced is not worth waiting for
      return CompletableFuture.failedFuture(BodyArrival.tooLarge(new BodyTooLargeException(limitName, maxBytes)));
    }
    try {
      return read(ctx.req(), maxBytes, limitName, (body, failure, hold) -> {
        if (failure != null) {
          throw BodyArrival.refusal(ctx, failure);
        }
        return body;
      });
    } catch (IOException e) {
      return CompletableFuture.failedFuture(BodyArrival.readFailure(e));
    }
  }

  /** Adds a body that waits for bytes to those the rate timer judges, starting the timer once. */
  private void watch(Listener body) {
    waiting.add(body);
    if (body.done.isDone()) {
      waiting.remove(body); // it ended meanwhile: its removal may have come first
    }
    if (watching.compareAndSet(false, true)) {
      scheduler.schedule(this::judgeWaiting, RATE_WATCH_MILLIS, TimeUnit.MILLISECONDS);
    }
  }

  private void judgeWaiting() {
    try {
      long now = System.nanoTime();
      for (Listener body : waiting) {
        body.judgeRate(now);
      }
    } finally {
      try {
        scheduler.schedule(this::judgeWaiting, RATE_WATCH_MILLIS, TimeUnit.MILLISECONDS);
      } catch (RuntimeException stopped) {
        watching.set(false); // the server stopped its timers
      }
    }
  }

  /** The bytes the requests in flight hold now. */
  long bufferedBytes() {
    return budget.held();
  }

  private HttpProblem timedOut() {
    return new HttpProblem(
        408,
        "REQUEST_TIMEOUT",
        "the request body did not arrive within "
            + limits.bodyTimeout().toSeconds()
            + " s (the server's PULSE_BODY_TIMEOUT_SECONDS); send it faster, or a smaller body");
  }

  private HttpProblem tooSlow() {
    return new HttpProblem(
        408,
        "REQUEST_TIMEOUT",
        "the request body arrived slower than "
            + limits.minRequestDataRate()
            + " bytes/s (the server's PULSE_MIN_REQUEST_DATA_RATE); send it faster, or a smaller body");
  }

  /**
   * Every refusal is made while Jetty waits for no bytes: in {@link #onDataAvailable} before {@code
   * isReady()} (a false one starts a wait), and at the deadline by ending Jetty's wait ({@link
   * PendingRead}), so that the answer never finds a read pending.
   */
  private final class Listener implements ReadListener {

    /** How soon a cut body is failed again when Jetty was reading its bytes at the cut. */
    private static final long CUT_RETRY_MILLIS = 50;

    private final HttpServletRequest request;
    private final ServletInputStream in;
    private final long maxBytes;
    private final String limitName;
    private final HeldBytes body;
    private final byte[] buffer = new byte[8192];
    // Written by the container's calls only; read by the rate watch too.
    private volatile long firstByte;
    private volatile long received;
    private final CompletableFuture<byte[]> done = new CompletableFuture<>();
    /** Why a timer cut the body off (its deadline, the rate watch); null while none has. */
    private volatile HttpProblem cut;
    private boolean watched;

    Listener(HttpServletRequest request, long maxBytes, String limitName, HeldBytes body) throws IOException {
      this.request = request;
      this.in = request.getInputStream();
      this.maxBytes = maxBytes;
      this.limitName = limitName;
      this.body = body;
      done.whenComplete((whole, failure) -> waiting.remove(this));
    }

    /** Called by the container, one call at a time, whenever bytes can be read without blocking. */
    @Override
    public void onDataAvailable() throws IOException {
      while (!done.isDone() && !cutNow() && in.isReady()) {
        int n = in.read(buffer);
        if (n < 0) {
          return; // onAllDataRead follows
        }
        if (received == 0 && n > 0) {
          firstByte = System.nanoTime();
        }
        received += n;
        if (received > maxBytes) {
          fail(new BodyTooLargeException(limitName, maxBytes));
          return;
        }
        if (!body.write(buffer, 0, n)) {
          fail(budget.full());
          return;
        }
        if (in.available() == 0 && tooSlowNow()) {
          return; // judged on all the bytes that have come, as a drained stream
        }
      }
      if (!watched && received > 0 && !done.isDone() && limits.minRequestDataRate() > 0) {
        // Waiting for more: a body that stops coming is judged by the clock too, not only when bytes come.
        watched = true;
        watch(this);
      }
    }

    /** Fails the body a timer cut off; whether one did. */
    private boolean cutNow() {
      HttpProblem why = cut;
      if (why != null) {
        fail(why);
      }
      return why != null;
    }

    /** Fails the body arriving slower than the minimum rate; whether it did. */
    private boolean tooSlowNow() {
      if (tooSlowAt(System.nanoTime())) {
        fail(tooSlow());
        return true;
      }
      return false;
    }

    /** Whether the bytes that have come by {@code now} are fewer than the minimum rate asks. */
    private boolean tooSlowAt(long now) {
      long got = received;
      long judged = now - firstByte - GRACE_NANOS;
      return got > 0
          && limits.minRequestDataRate() > 0
          && judged > 0
          && got < limits.minRequestDataRate() * judged / TimeUnit.SECONDS.toNanos(1);
    }

    /** Cuts the body off when, by the clock, it is behind the minimum rate. */
    void judgeRate(long now) {
      if (!done.isDone() && tooSlowAt(now)) {
        cutOff(tooSlow());
      }
    }

    /** The body deadline passed. */
    void expire() {
      cutOff(timedOut());
    }

    /** Ends Jetty's wait for bytes with {@code why}, so that onError answers with it. */
    private void cutOff(HttpProblem why) {
      if (cut == null) {
        cut = why;
      }
      HttpProblem problem = cut;
      if (!done.isDone() && !PendingRead.fail(request, problem)) {
        // Jetty was handing bytes over: onDataAvailable sees the cut. Had it checked just before,
        // the wait it then started is ended a moment later, or the body failed outright.
        scheduler.schedule(() -> {
          if (!done.isDone() && !PendingRead.fail(request, problem)) {
            fail(problem);
          }
        }, CUT_RETRY_MILLIS, TimeUnit.MILLISECONDS);
      }
    }

    @Override
    public void onAllDataRead() {
      byte[] whole = body.toByteArray();
      if (cut != null) {
        fail(cut);
      } else if (whole == null) {
        fail(budget.full());
      } else {
        done.complete(whole);
      }
    }

    @Override
    public void onError(Throwable failure) {
      HttpProblem why = cut;
      fail(why != null ? why : failure);
    }

    void fail(Throwable failure) {
      done.completeExceptionally(failure);
    }
  }
}
