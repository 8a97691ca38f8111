package dev.pulse.server.http;

import dev.pulse.server.web.BodyTooLargeException;
import dev.pulse.server.web.Causes;
import dev.pulse.server.web.HttpProblem;
import io.javalin.http.Context;
import java.io.IOException;
import java.util.concurrent.CompletionException;
import org.eclipse.jetty.http.BadMessageException;
import org.eclipse.jetty.io.EofException;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Server;

/** Why a request body did not arrive whole, as the answer to give: in our words, never Jetty's. */
final class BodyArrival {

  private BodyArrival() {}

  /**
   * {@link #problem}, with the connection closed after the answer when the rest of the body is not
   * worth waiting for (408, 503).
   */
  static HttpProblem refusal(Context ctx, Throwable failure) {
    HttpProblem problem = problem(ctx, failure);
    if (problem.status() == 408 || problem.status() == 503) {
      ctx.header("Connection", "close");
    }
    return problem;
  }

  /** The answer for a body that failed with {@code failure} ({@link AsyncBodyReader}'s failures, or an I/O one). */
  static HttpProblem problem(Context ctx, Throwable failure) {
    Throwable cause = failure instanceof CompletionException ? failure.getCause() : failure;
    if (stopping(ctx)) {
      return new HttpProblem(503, "SERVER_STOPPING", "the server is stopping and did not get this request's"
          + " whole body; nothing of it was kept, retry later");
    }
    if (cause instanceof HttpProblem problem) {
      return problem;
    }
    if (cause instanceof BadMessageException bad) {
      // Jetty's own guards (e.g. its minimum data rate) answer with their status, in our words.
      return new HttpProblem(bad.getCode(), bad.getCode() == 408 ? "REQUEST_TIMEOUT" : "BAD_REQUEST",
          "the request body could not be read (HTTP " + bad.getCode() + ")");
    }
    if (cause instanceof IOException io) {
      return readFailure(io);
    }
    return new HttpProblem(400, "BODY_READ_FAILED", "the request body could not be read");
  }

  /** The answer for a body whose reading threw {@code e}. */
  static HttpProblem readFailure(IOException e) {
    BodyTooLargeException tooLarge = Causes.find(e, BodyTooLargeException.class);
    if (tooLarge != null) {
      return tooLarge(tooLarge);
    }
    if (Causes.find(e, EofException.class) != null) {
      return new HttpProblem(400, "BODY_READ_FAILED", "the request body ended before all of it came (the"
          + " connection closed before its Content-Length, or its chunked encoding broke off); send it whole");
    }
    return new HttpProblem(400, "BODY_READ_FAILED", "the request body could not be read: " + e.getMessage());
  }

  static HttpProblem tooLarge(BodyTooLargeException e) {
    return new HttpProblem(413, "BODY_TOO_LARGE", e.getMessage());
  }

  /** Whether the server is stopping: a body it stops reading then was cut by the stop, not by the client. */
  private static boolean stopping(Context ctx) {
    Request request = Request.getBaseRequest(ctx.req());
    Server server = request == null || request.getHttpChannel() == null ? null : request.getHttpChannel().getServer();
    return server != null && (server.isStopping() || server.isStopped());
  }
}
