package dev.pulse.bench.ingest;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

/**
 * Waits until servers have applied every acknowledged record to their database, read from their
 * {@code pulse_store_apply_backlog_records} gauge (a DuckDB store acknowledges from its journal and
 * applies behind; PostgreSQL has no backlog). A benchmark that stopped at the last acknowledgement
 * would count records the database has not taken yet.
 */
final class ApplyBacklog {

  private static final String GAUGE = "pulse_store_apply_backlog_records";

  private ApplyBacklog() {}

  /** Polls every 50 ms until every server's backlog is 0; returns how long that took. */
  static Duration awaitEmpty(List<URI> bases) throws IOException, InterruptedException {
    long start = System.nanoTime();
    HttpClient client = HttpClient.newHttpClient(); // not closeable on Java 17
    for (URI base : bases) {
      HttpRequest request = HttpRequest.newBuilder(base.resolve("/metrics")).GET().build();
      while (backlog(client.send(request, HttpResponse.BodyHandlers.ofString()).body()) > 0) {
        Thread.sleep(50);
      }
    }
    return Duration.ofNanos(System.nanoTime() - start);
  }

  private static double backlog(String metrics) {
    for (String line : metrics.split("\n")) {
      if (line.startsWith(GAUGE + " ")) {
        return Double.parseDouble(line.substring(GAUGE.length() + 1).trim());
      }
    }
    return 0;
  }
}
