package dev.pulse.server.web;

import io.javalin.config.Key;
import io.javalin.http.Context;
import java.util.concurrent.CompletableFuture;

/**
 * Reads a request's whole body without holding a request thread while it arrives, under the limits
 * every body has (the minimum data rate, the body deadline, the server's buffered-bytes budget), so
 * that slow clients cost a connection and a buffer, never a thread. The server's app holds one
 * under {@link #KEY}. Thread-safe.
 */
public interface RequestBodies {

  /** Where the server's app keeps its instance. */
  Key<RequestBodies> KEY = new Key<>("pulse-request-bodies");

  /**
   * The whole body of {@code ctx}'s request, at most {@code maxBytes} long ({@code limitName} names
   * the limit in the refusal). The future fails with an {@link HttpProblem} saying why the body did
   * not arrive: 413 too large, 408 too slow or too late, 503 when the server holds all the body
   * bytes it may, 400 cut short. Call it from a handler that returns the future through {@code
   * ctx.future}.
   */
  CompletableFuture<byte[]> read(Context ctx, long maxBytes, String limitName);

  /** The instance of the app serving {@code ctx}. */
  static RequestBodies of(Context ctx) {
    return ctx.appData(KEY);
  }
}
