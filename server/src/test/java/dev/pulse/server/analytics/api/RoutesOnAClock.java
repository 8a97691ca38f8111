package dev.pulse.server.analytics.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pulse.server.http.ClientLimits;
import dev.pulse.server.analytics.Analytics;
import dev.pulse.server.imports.ImportRoutes;
import dev.pulse.server.store.RecordBatch;
import dev.pulse.server.store.duckdb.DuckDbAnalyticsSource;
import dev.pulse.server.store.duckdb.DuckDbEventStore;
import dev.pulse.server.web.ServerServices;
import io.javalin.Javalin;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;

/**
 * The analytics routes (and the import route) on a real loopback port, over a DuckDB store holding
 * {@code records}, with "today" taken from {@code today}: what the routes' tests ask over HTTP.
 */
final class RoutesOnAClock implements AutoCloseable {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final DuckDbEventStore store;
  private final Javalin app;
  private final HttpClient http = HttpClient.newHttpClient();

  private RoutesOnAClock(DuckDbEventStore store, Javalin app) {
    this.store = store;
    this.app = app;
  }

  static RoutesOnAClock start(Path dataDir, Clock today, RecordBatch records) {
    DuckDbEventStore store = DuckDbEventStore.open(dataDir);
    store.append(records);
    Javalin app = Javalin.create();
    ServerServices services = new ServerServices(store, null, null, dataDir);
    new AnalyticsRoutes(Analytics.create(DuckDbAnalyticsSource.rollups(store)), today).register(app, services);
    new ImportRoutes(ClientLimits.defaults().idleTimeout()).register(app, services);
    app.start("127.0.0.1", 0);
    return new RoutesOnAClock(store, app);
  }

  /** GET {@code /api/v1/} + {@code path}. */
  HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return http.send(HttpRequest.newBuilder(uri(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
  }

  /** POST {@code body} to {@code /api/v1/} + {@code path}. */
  HttpResponse<String> post(String path, String body) throws IOException, InterruptedException {
    return http.send(HttpRequest.newBuilder(uri(path)).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** The answer's body as JSON, once its status is {@code status}. */
  static JsonNode json(HttpResponse<String> response, int status) throws IOException {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    return JSON.readTree(response.body());
  }

  private URI uri(String path) {
    return URI.create("http://127.0.0.1:" + app.port() + "/api/v1/" + path);
  }

  @Override
  public void close() {
    app.stop();
    store.close();
  }
}
