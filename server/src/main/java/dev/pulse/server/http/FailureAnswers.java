package dev.pulse.server.http;

import dev.pulse.schema.WireOperations;
import dev.pulse.server.store.DiskBelowReserveException;
import dev.pulse.server.store.DiskFullException;
import dev.pulse.server.store.EventStore;
import dev.pulse.server.store.StoreException;
import dev.pulse.server.store.StoreUnavailableException;
import dev.pulse.server.store.UnstorableContentException;
import dev.pulse.server.web.BasePath;
import dev.pulse.server.web.ErrorMessages;
import dev.pulse.server.web.HttpProblem;
import dev.pulse.server.web.StaticFiles;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpResponseException;
import io.javalin.http.MethodNotAllowedResponse;
import java.util.Map;
import org.eclipse.jetty.http.BadMessageException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How the app answers every failure of its handlers: a JSON body in our words with the status that
 * says whose the mistake is (never a stack trace); a refusal the store gives is logged at most every
 * 10 s.
 */
final class FailureAnswers {

  /** The error code of answers given when the store cannot commit. */
  static final String STORE_UNAVAILABLE = "STORE_UNAVAILABLE";

  /** The error code of answers given when the store refuses a request's content. */
  static final String UNSTORABLE_CONTENT = "UNSTORABLE_CONTENT";

  private static final Logger LOG = LoggerFactory.getLogger(FailureAnswers.class);

  private FailureAnswers() {}

  /**
   * Maps every failure of {@code app}'s handlers to its answer; a path no route answers is told with
   * the route's path it probably meant, of those {@code routes} has seen added; a form over {@code
   * maxFormBytes} is told that limit.
   */
  static void install(Javalin app, EventStore store, ServerMetrics metrics, KnownRoutes routes, long maxFormBytes) {
    RefusalLog refusals = new RefusalLog(LOG, RefusalLog.DEFAULT_INTERVAL);
    app.exception(
        HttpProblem.class,
        (problem, ctx) -> {
          if (problem.status() == 503) {
            ctx.header("Retry-After", "5"); // a busy server: the same request later will do
          }
          ErrorBodies.answer(ctx, problem);
        });
    app.exception(
        HttpResponseException.class,
        (refused, ctx) -> {
          // A static file is read only: another method on it is refused as a route refuses it.
          HttpResponseException e = refused.getStatus() == 404 && ctx.method() != HandlerType.GET
              && StaticFiles.isFile(ctx.path()) ? new MethodNotAllowedResponse("", Map.of("methods", "GET")) : refused;
          String request = requestAsSent(ctx);
          if (e.getStatus() == 404) {
            request += meant(ctx, routes);
          }
          if (e.getStatus() == 405) {
            // RFC 9110 asks a 405 to say what the resource takes; Javalin lists it in the details.
            String allow = WireOperations.PATH.equals(ctx.path()) ? "POST"
                : withHead(e.getDetails().values().stream().findFirst().orElse(""));
            ctx.header("Allow", allow);
            request += allow.isEmpty() ? "" : " (it takes " + allow + ")";
          }
          if (WireOperations.PATH.equals(ctx.path()) && e.getStatus() == 405) {
            metrics.wrongMethod(); // a scanner's GET, never a component's request: not a rejection
          } else if (WireOperations.PATH.equals(ctx.path())) {
            metrics.rejected(codeFor(e.getStatus())); // refused before the endpoint: counted as it counts
          }
          ErrorBodies.answer(ctx, e.getStatus(), codeFor(e.getStatus()), messageFor(e, request, maxFormBytes));
        });
    app.exception(
        UnstorableContentException.class,
        (e, ctx) -> {
          LOG.warn("store refused a request's content: {}", e.getMessage());
          ErrorBodies.answer(ctx, 422, UNSTORABLE_CONTENT,
              "the store cannot hold the content of this request; nothing of it was kept and sending"
                  + " it again will not help: change the content");
        });
    app.exception(
        StoreException.class,
        (e, ctx) -> {
          boolean ingest = WireOperations.PATH.equals(ctx.path());
          if (!(ingest && e instanceof StoreUnavailableException)) {
            // An outage writes meet is logged once, by the store's breaker; reads pass no breaker, and
            // they and other refusals are logged at most every 10 s.
            refusals.refused(e.getMessage());
          }
          ctx.header("Retry-After", "5");
          ErrorBodies.answer(
              ctx,
              503,
              STORE_UNAVAILABLE,
              ingest ? storeFailureMessage(e) : forOthers(e, store));
        });
    app.exception(
        BadMessageException.class,
        (e, ctx) -> {
          // Jetty's guards, e.g. a body slower than the minimum data rate on a form or an import.
          ctx.header("Connection", "close");
          ErrorBodies.answer(
              ctx, e.getCode(), codeFor(e.getCode()), "the request could not be read (HTTP " + e.getCode() + ")");
        });
    app.exception(
        Exception.class,
        (e, ctx) -> {
          LOG.error("unexpected failure on {} {}", ctx.method(), ctx.path(), e);
          ErrorBodies.answer(ctx, 500, "INTERNAL", "internal server error");
        });
  }

  /**
   * The method and path of a request for a message, the path as sent and {@linkplain ErrorMessages#cut
   * cut} as every echoed value is: a method Javalin does not know is the client's own text, so it is
   * quoted, and cut too. A HEAD is named GET: its headers are GET's, {@code Content-Length} included.
   */
  private static String requestAsSent(Context ctx) {
    String method = ctx.req().getMethod(); // GET for a HEAD (HeadAsGet), whose headers are GET's
    return (ctx.method() == HandlerType.INVALID ? ErrorMessages.quoted(method) : method) + " "
        + ErrorMessages.cut(BasePath.pathAsSent(ctx));
  }

  /**
   * " (did you mean P?)" for the path P of a route that the request's path probably meant, as the
   * client would send it (under the base path it used), or "".
   */
  private static String meant(Context ctx, KnownRoutes routes) {
    String path = ctx.path();
    String sent = BasePath.pathAsSent(ctx);
    String base = sent.endsWith(path) ? sent.substring(0, sent.length() - path.length()) : "";
    return routes.meant(ctx.method(), path).map(p -> " (did you mean " + base + p + "?)").orElse("");
  }

  /** The methods a resource takes, HEAD with GET ({@link HeadAsGet}). */
  private static String withHead(String allow) {
    return allow.matches("(.*, )?GET(, .*)?") && !allow.contains("HEAD") ? allow + ", HEAD" : allow;
  }

  /** What a request other than a component's report (a read, an import) is told of the store's refusal. */
  private static String forOthers(StoreException e, EventStore store) {
    if (e instanceof DiskBelowReserveException low) {
      return low.forClients(); // an import: a retry alone does not help
    }
    if (e instanceof DiskFullException full) {
      return full.forClients();
    }
    if (e instanceof StoreUnavailableException down && down.forClients().isPresent()) {
      return "the store cannot answer now: " + down.forClients().get();
    }
    return store.whyReadsMayFail() + "; retry later";
  }

  private static String storeFailureMessage(StoreException e) {
    if (!(e instanceof StoreUnavailableException down)) {
      return "the records could not be stored; nothing of this request was kept, retry later";
    }
    if (down.maybeKept()) {
      return "the store stopped answering while committing this request: it may have been kept, so a"
          + " retry may store it twice; retry later";
    }
    return "the store is unreachable; nothing of this request was kept, retry later";
  }

  private static String codeFor(int status) {
    switch (status) {
      case 404:
        return "NOT_FOUND";
      case 405:
        return "METHOD_NOT_ALLOWED";
      case 408:
        return "REQUEST_TIMEOUT";
      case 413:
        return "BODY_TOO_LARGE";
      default:
        return "HTTP_" + status;
    }
  }

  private static String messageFor(HttpResponseException e, String request, long maxFormBytes) {
    switch (e.getStatus()) {
      case 404:
        return "no such resource: " + request;
      case 405:
        return "method not allowed: " + request;
      case 413:
        return "the request body is larger than the " + maxFormBytes + " bytes " + request + " takes";
      default:
        return e.getMessage();
    }
  }
}
