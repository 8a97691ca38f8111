package dev.pulse.server.http;

import dev.pulse.server.store.EventStore;
import dev.pulse.server.web.Routes;
import dev.pulse.server.web.ServerServices;
import io.javalin.Javalin;

/**
 * {@code /healthz} (liveness, never touches the store), {@code /readyz} (answered from a check made in
 * the background, {@link Readiness}; 503 from the moment a stop begins) and {@code /metrics} (Prometheus text).
 */
final class HealthRoutes implements Routes {

  private final EventStore store;
  private final ServerMetrics metrics;

  HealthRoutes(EventStore store, ServerMetrics metrics) {
    this.store = store;
    this.metrics = metrics;
  }

  @Override
  public void register(Javalin app, ServerServices services) {
    app.get("/healthz", ctx -> ctx.contentType(ErrorBodies.JSON).result("{\"status\":\"up\"}"));
    Readiness readiness = Readiness.start(store::isWritable);
    app.events(events -> {
      // Before Jetty's graceful stop begins: not ready while the requests in flight finish.
      events.serverStopping(readiness::stopping);
      events.serverStopped(readiness::close);
    });
    app.get("/readyz", readiness::answer);
    app.get(
        "/metrics",
        ctx -> ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(metrics.scrape()));
  }
}
