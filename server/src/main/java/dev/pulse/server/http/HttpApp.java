package dev.pulse.server.http;

import dev.pulse.schema.WireOperations;
import dev.pulse.server.ingest.Ingestor;
import dev.pulse.server.store.DiskBelowReserveException;
import dev.pulse.server.store.DiskFullException;
import dev.pulse.server.store.EventStore;
import dev.pulse.server.store.StoreException;
import dev.pulse.server.store.StoreUnavailableException;
import dev.pulse.server.store.UnstorableContentException;
import dev.pulse.server.web.BasePath;
import dev.pulse.server.web.ErrorMessages;
import dev.pulse.server.web.HttpProblem;
import dev.pulse.server.web.RequestBodies;
import dev.pulse.server.web.Routes;
import dev.pulse.server.web.StaticFiles;
import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpResponseException;
import io.javalin.http.MethodNotAllowedResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jetty.http.BadMessageException;
import org.eclipse.jetty.server.handler.StatisticsHandler;
import org.eclipse.jetty.util.component.LifeCycle;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.util.thread.ScheduledExecutorScheduler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Javalin app of the server: the telemetry endpoint, health, readiness and metrics, and the
 * mapping of every failure to a JSON answer (never a stack trace). Other routes (export, analytics,
 * dashboard) are added to the returned app before it starts.
 */
public final class HttpApp {

  /** The error code of answers given when the store cannot commit. */
  public static final String STORE_UNAVAILABLE = "STORE_UNAVAILABLE";

  /** The error code of answers given when the store refuses a request's content. */
  public static final String UNSTORABLE_CONTENT = "UNSTORABLE_CONTENT";

  private static final Logger LOG = LoggerFactory.getLogger(HttpApp.class);

  /**
   * Request threads block while their records are committed (group commit), so the pool is sized for
   * many concurrent requests rather than for the core count.
   */
  static final int MAX_THREADS = 200;

  static final int MIN_THREADS = 8;

  /**
   * The largest body a route may read whole through Javalin: none of Pulse's does (the sign-in form
   * is read as telemetry bodies are, {@code RequestBodies}; imports are streamed), so this bounds
   * only a route added later that would.
   */
  static final long MAX_FORM_BYTES = 64 << 10;

  private HttpApp() {}

  /**
   * A configured, not yet started app.
   *
   * @param drainTimeout how long a stop waits for requests in flight
   */
  public static Javalin create(
      Ingestor ingestor, EventStore store, ServerMetrics metrics, Duration drainTimeout) {
    return create(ingestor, store, metrics, drainTimeout, ClientLimits.defaults(), BasePath.ROOT, Optional.empty());
  }

  /**
   * A configured, not yet started app, granting each client what {@code clientLimits} says,
   * answering under {@code basePath} as well as at the root, over TLS when {@code tls} is given.
   *
   * @param drainTimeout how long a stop waits for requests in flight
   * @throws IllegalArgumentException if the TLS files cannot be served (the message says why)
   */
  public static Javalin create(
      Ingestor ingestor,
      EventStore store,
      ServerMetrics metrics,
      Duration drainTimeout,
      ClientLimits clientLimits,
      BasePath basePath,
      Optional<TlsFiles> tls) {
    // Body deadlines are timers, not threads; the server starts and stops the scheduler.
    ScheduledExecutorScheduler deadlines = new ScheduledExecutorScheduler("pulse-body-deadline", true);
    AsyncBodyReader bodies = new AsyncBodyReader(clientLimits, deadlines);
    Javalin app =
        Javalin.create(
            config -> {
              config.appData(RequestBodies.KEY, bodies);
              config.showJavalinBanner = false;
              config.startupWatcherEnabled = false;
              config.http.prefer405over404 = true;
              config.http.maxRequestSize = MAX_FORM_BYTES;
              QueuedThreadPool pool = new QueuedThreadPool(MAX_THREADS, MIN_THREADS, 60_000);
              pool.setName("pulse-http");
              config.jetty.threadPool = pool;
              // Jetty would hold a request with a body until its first body bytes arrive, so a
              // Content-Length over a limit was refused only once the body came or the idle timeout
              // ended the wait; dispatched at its headers, it is refused at once, and the body
              // deadline counts from the headers, as documented.
              config.jetty.modifyHttpConfiguration(http -> http.setDelayDispatchUntilContent(false));
              config.jetty.modifyServer(
                  server -> {
                    // The StatisticsHandler lets a stop wait for requests in flight (graceful stop).
                    StatisticsHandler statistics = new StatisticsHandler();
                    HeadAsGet head = new HeadAsGet();
                    WholeAnswers whole = new WholeAnswers();
                    whole.setHandler(statistics);
                    head.setHandler(whole);
                    if (basePath.isRoot()) {
                      server.setHandler(head);
                    } else {
                      BasePathHandler underBase = new BasePathHandler(basePath);
                      underBase.setHandler(head);
                      server.setHandler(underBase);
                    }
                    // Only once started: a start that fails to bind stops the server at once, and a
                    // graceful stop of connectors never started fails ("STOPPED"), which Javalin
                    // throws in place of the bind's failure.
                    server.addEventListener(new LifeCycle.Listener() {
                      @Override
                      public void lifeCycleStarted(LifeCycle started) {
                        server.setStopTimeout(drainTimeout.toMillis());
                      }
                    });
                    server.setErrorHandler(new ProtocolErrors());
                    ConnectionGuards.install(server, clientLimits, deadlines);
                    tls.ifPresent(files -> TlsListener.install(server, files, metrics));
                  });
            });
    SafeHeaders.addTo(app);
    if (tls.isPresent()) {
      HttpsOnly.register(app);
    }
    // The telemetry endpoint and health are routes like every feature's; they need no services.
    metrics.watchBufferedBodyBytes(bodies::bufferedBytes);
    Routes telemetry = (routes, services) -> routes.post(
        WireOperations.PATH, new IngestEndpoint(ingestor, metrics, bodies));
    telemetry.register(app, null);
    new HealthRoutes(store, metrics).register(app, null);
    mapErrors(app, store, metrics);
    return app;
  }

  /**
   * Gives an app made without {@link #create} what its routes need to read a body ({@link
   * RequestBodies}, under the default client limits), its timers started and stopped with the app.
   */
  public static void readBodiesWithoutThreads(JavalinConfig config) {
    ScheduledExecutorScheduler deadlines = new ScheduledExecutorScheduler("pulse-body-deadline", true);
    config.appData(RequestBodies.KEY, new AsyncBodyReader(ClientLimits.defaults(), deadlines));
    config.jetty.modifyServer(server -> ConnectionGuards.runWith(server, deadlines));
  }

  private static void mapErrors(Javalin app, EventStore store, ServerMetrics metrics) {
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
          if (e.getStatus() == 405) {
            // RFC 9110 asks a 405 to say what the resource takes; Javalin lists it in the details.
            String allow = WireOperations.PATH.equals(ctx.path()) ? "POST"
                : withHead(e.getDetails().values().stream().findFirst().orElse(""));
            ctx.header("Allow", allow);
            request += allow.isEmpty() ? "" : " (it takes " + allow + ")";
          }
          if (WireOperations.PATH.equals(ctx.path())) { // refused before the endpoint: counted as it counts
            metrics.rejected(codeFor(e.getStatus()));
          }
          ErrorBodies.answer(ctx, e.getStatus(), codeFor(e.getStatus()), messageFor(e, request));
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
          if (!(e instanceof StoreUnavailableException)) {
            // An outage is logged once, by the store's breaker; other refusals at most every 10 s.
            refusals.refused(e.getMessage());
          }
          ctx.header("Retry-After", "5");
          boolean ingest = WireOperations.PATH.equals(ctx.path());
          ErrorBodies.answer(
              ctx,
              503,
              STORE_UNAVAILABLE,
              ingest
                  ? storeFailureMessage(e)
                  : e instanceof DiskBelowReserveException low // an import: a retry alone does not help
                      ? low.forClients()
                      : e instanceof DiskFullException full ? full.forClients()
                      : store.whyReadsMayFail() + "; retry later");
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
   * The method and path of a request for a message, the path as sent: a method Javalin does not know
   * is the client's own text, so it is quoted, to be cut as every echoed value is ({@link ErrorBodies}).
   */
  private static String requestAsSent(Context ctx) {
    String method = HeadAsGet.methodAsSent(ctx.req());
    return (ctx.method() == HandlerType.INVALID ? ErrorMessages.quoted(method) : method) + " "
        + BasePath.pathAsSent(ctx);
  }

  /** The methods a resource takes, HEAD with GET ({@link HeadAsGet}). */
  private static String withHead(String allow) {
    return allow.matches("(.*, )?GET(, .*)?") && !allow.contains("HEAD") ? allow + ", HEAD" : allow;
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

  private static String messageFor(HttpResponseException e, String request) {
    switch (e.getStatus()) {
      case 404:
        return "no such resource: " + request;
      case 405:
        return "method not allowed: " + request;
      case 413:
        return "the request body is larger than the " + MAX_FORM_BYTES + " bytes " + request + " takes";
      default:
        return e.getMessage();
    }
  }
}
