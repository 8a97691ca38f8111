package dev.pulse.server.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pulse.schema.WireOperations;
import dev.pulse.server.TestServer;
import dev.pulse.server.http.Bodies;
import dev.pulse.server.http.HttpApp;
import dev.pulse.server.http.ServerMetrics;
import dev.pulse.server.ingest.IngestLimits;
import dev.pulse.server.ingest.Ingestor;
import dev.pulse.server.privacy.ContextKeyFile;
import dev.pulse.server.store.EventStore;
import dev.pulse.server.store.RecordSource;
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
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An export whose store read fails mid-stream ends abnormally, so that a client sees an error and
 * never takes the truncated file for a complete one; one that fails before its first bytes gets an
 * error answer.
 */
class ExportFailureTest {

  private static final int EVENTS = 3000;

  @TempDir Path dataDir;
  private final HttpClient client = HttpClient.newHttpClient();
  private EventStore realStore;
  private Javalin app;

  @BeforeEach
  void storeEvents() throws Exception {
    realStore = DuckDbEventStore.open(dataDir);
  }

  @AfterEach
  void stop() {
    if (app != null) {
      app.stop();
    }
    realStore.close();
  }

  @Test
  void anExportFailingMidStreamIsAbortedNotEndedAsComplete() throws Exception {
    start(new StoreFailingMidRead(realStore, EVENTS / 2));
    HttpRequest export = HttpRequest.newBuilder(uri("/api/v1/export/events")).GET().build();
    assertThatThrownBy(() -> client.send(export, HttpResponse.BodyHandlers.ofString()))
        .isInstanceOf(IOException.class);
  }

  @Test
  void anExportFailingBeforeItsFirstBytesIsAnswered503() throws Exception {
    start(new StoreFailingMidRead(realStore, 0));
    HttpResponse<String> response =
        client.send(
            HttpRequest.newBuilder(uri("/api/v1/export/events")).GET().build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(503);
    assertThat(response.body()).contains("STORE_UNAVAILABLE");
  }

  @Test
  void anExportThatDoesNotFailIsComplete() throws Exception {
    start(realStore);
    HttpResponse<String> response =
        client.send(
            HttpRequest.newBuilder(uri("/api/v1/export/events")).GET().build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body().split("\n")).hasSize(EVENTS);
  }

  /**
   * A real server over the real store, with {@value #EVENTS} events in it, whose export route reads
   * through {@code exported}.
   */
  private void start(RecordSource exported) throws Exception {
    ServerMetrics metrics = new ServerMetrics();
    Ingestor ingestor =
        new Ingestor(
            IngestLimits.defaults(),
            realStore,
            ContextKeyFile.load(TestServer.CONTEXT_KEY, dataDir),
            Clock.systemUTC(),
            metrics);
    app = HttpApp.create(ingestor, realStore, metrics, Duration.ofSeconds(2));
    new ExportEndpoint(exported).register(app, new ServerServices(realStore, null, metrics.registry(), dataDir));
    app.start("127.0.0.1", 0);
    for (int sent = 0; sent < EVENTS; sent += 500) {
      HttpResponse<String> response =
          client.send(
              HttpRequest.newBuilder(uri(WireOperations.PATH))
                  .header("Content-Type", "application/json")
                  .POST(HttpRequest.BodyPublishers.ofString(Bodies.telemetries(500)))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }
  }

  private URI uri(String path) {
    return URI.create("http://127.0.0.1:" + app.port() + path);
  }
}
