package dev.pulse.server.http;

import dev.pulse.schema.WireOperations;
import dev.pulse.server.ingest.Ingestor;
import dev.pulse.server.store.EventStore;
import dev.pulse.server.web.BasePath;
import dev.pulse.server.web.QueryParameters;
import dev.pulse.server.web.RequestBodies;
import dev.pulse.server.web.Routes;
import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import java.time.Duration;
import java.util.Optional;
import org.eclipse.jetty.server.handler.StatisticsHandler;
import org.eclipse.jetty.util.component.LifeCycle;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.util.thread.ScheduledExecutorScheduler;

/**
 * The Javalin app of the server: the telemetry endpoint, health, readiness and metrics, and the
 * mapping of every failure to a JSON answer, never a stack trace ({@link FailureAnswers}). Other routes
 * (export, analytics, dashboard) are added to the returned app before it starts.
 */
public final class HttpApp {

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
    KnownRoutes known = new KnownRoutes();
    Javalin app =
        Javalin.create(
            config -> {
              config.appData(RequestBodies.KEY, bodies);
              config.events(events -> events.handlerAdded(known::added));
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
                    NoWebSocket noWebSocket = new NoWebSocket();
                    noWebSocket.setHandler(head);
                    DotSegments plainHttp = new DotSegments();
                    plainHttp.setHandler(noWebSocket);
                    if (basePath.isRoot()) {
                      server.setHandler(plainHttp);
                    } else {
                      BasePathHandler underBase = new BasePathHandler(basePath);
                      underBase.setHandler(plainHttp);
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
    // Where routes read a path's parts (an install, a kind, a fingerprint); not on the ingest path.
    app.beforeMatched("/api/*", QueryParameters::requirePathUtf8);
    if (tls.isPresent()) {
      HttpsOnly.register(app);
    }
    // The telemetry endpoint and health are routes like every feature's; they need no services.
    metrics.watchBufferedBodyBytes(bodies::bufferedBytes);
    Routes telemetry = (routes, services) -> routes.post(
        WireOperations.PATH, new IngestEndpoint(ingestor, metrics, bodies));
    telemetry.register(app, null);
    new HealthRoutes(store, metrics).register(app, null);
    FailureAnswers.install(app, store, metrics, known, MAX_FORM_BYTES);
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
}
