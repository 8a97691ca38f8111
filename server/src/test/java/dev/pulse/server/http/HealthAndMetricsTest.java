package dev.pulse.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pulse.server.TestServer;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HealthAndMetricsTest {

  @TempDir Path dataDir;

  @Test
  void healthAndReadinessAnswer200WhileTheStoreIsWritable() {
    try (TestServer server = TestServer.start(dataDir)) {
      assertThat(server.get("/healthz", null).statusCode()).isEqualTo(200);
      HttpResponse<String> ready = server.get("/readyz", null);
      assertThat(ready.statusCode()).isEqualTo(200);
      assertThat(ready.body()).contains("ready");
    }
  }

  @Test
  void readinessAnswers503OnceTheStoreIsClosed() {
    try (TestServer server = TestServer.start(dataDir)) {
      server.server().store().close();
      // /readyz answers from a check made every second in the background.
      HttpResponse<String> ready = awaitStatus(server, "/readyz", 503);
      assertThat(ready.body()).contains("NOT_READY");
      assertThat(server.get("/healthz", null).statusCode()).isEqualTo(200);
    }
  }

  private static HttpResponse<String> awaitStatus(TestServer server, String path, int status) {
    long deadline = System.nanoTime() + java.time.Duration.ofSeconds(10).toNanos();
    HttpResponse<String> response = server.get(path, null);
    while (response.statusCode() != status && System.nanoTime() < deadline) {
      Thread.onSpinWait();
      response = server.get(path, null);
    }
    return response;
  }

  @Test
  void aStoreThatCannotCommitAnswers503WithARetryableMessage() throws Exception {
    try (TestServer server = TestServer.start(dataDir)) {
      server.server().store().close();
      HttpResponse<String> response = server.postTelemetry(Bodies.telemetries(1));
      ErrorAnswers.assertError(response, 503, "STORE_UNAVAILABLE", "retry");
      assertThat(response.headers().firstValue("Retry-After")).isPresent();
    }
  }

  @Test
  void aStoreThatCannotBeReadAnswers503WithoutClaimingARequestWasNotStored() throws Exception {
    try (TestServer server = TestServer.start(dataDir)) {
      server.server().store().close();
      HttpResponse<String> response = server.get("/api/v1/export/events", TestServer.ADMIN_TOKEN);
      ErrorAnswers.assertError(response, 503, "STORE_UNAVAILABLE", "cannot answer now");
      assertThat(response.body()).doesNotContain("could not be stored");
    }
  }

  @Test
  void metricsCountAcceptedAndRejectedRequestsAndCommits() throws Exception {
    try (TestServer server = TestServer.start(dataDir)) {
      assertThat(server.postTelemetry(Bodies.telemetries(3)).statusCode()).isEqualTo(200);
      server.postTelemetry("{not json");
      server.postTelemetry(
          Bodies.sendTelemetries("[" + Bodies.event("v1", "STARTED", -1, "") + "]"));

      HttpResponse<String> metrics = server.get("/metrics", null);
      assertThat(metrics.statusCode()).isEqualTo(200);
      assertThat(metrics.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain");
      assertThat(metrics.body())
          .contains("pulse_ingest_requests_total{outcome=\"accepted\",reason=\"ok\"} 1.0")
          .contains("pulse_ingest_requests_total{outcome=\"rejected\",reason=\"MALFORMED_JSON\"} 1.0")
          .contains("pulse_ingest_requests_total{outcome=\"rejected\",reason=\"NEGATIVE_COUNT\"} 1.0")
          .contains("pulse_ingest_records_total{kind=\"events\"} 3.0")
          .contains("pulse_ingest_request_duration_seconds_bucket")
          .contains("pulse_ingest_request_duration_seconds_count 3")
          .contains("pulse_store_commit_duration_seconds_count 1")
          .contains("pulse_store_queue_depth")
          .contains("pulse_store_apply_backlog_records");
    }
  }

  @Test
  void aWrongMethodOnTheEndpointIsAnswered405AndCountedApartFromRejectedComponentRequests() throws Exception {
    try (TestServer server = TestServer.start(dataDir)) {
      for (String method : List.of("GET", "OPTIONS", "HEAD", "PUT")) {
        HttpResponse<String> answer = server.send(HttpRequest.newBuilder(server.uri("/telemetry/query"))
            .method(method, HttpRequest.BodyPublishers.noBody()).build());
        assertThat(answer.statusCode()).as(method).isEqualTo(405);
        assertThat(answer.headers().firstValue("Allow")).as(method).contains("POST");
      }

      String metrics = server.get("/metrics", null).body();
      assertThat(metrics).doesNotContain("outcome=\"rejected\"")
          .contains("pulse_ingest_wrong_method_total 4.0");
    }
  }

  @Test
  void unknownPathsAnswer404AsJson() throws Exception {
    try (TestServer server = TestServer.start(dataDir)) {
      ErrorAnswers.assertError(server.get("/nope", null), 404, "NOT_FOUND", "/nope");
    }
  }
}
