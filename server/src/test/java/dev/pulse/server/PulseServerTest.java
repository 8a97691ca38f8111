package dev.pulse.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pulse.server.store.StoreLocation;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PulseServerTest {

  @TempDir Path dataDir;

  @Test
  void everyAcknowledgedRequestIsStoredWhenTheServerClosesUnderLoad() throws Exception {
    String body = TestServer.resource("/conformance/02-mapper-full-batch.json");
    int acknowledged = 0;
    try (TestServer running = TestServer.start(dataDir)) {
      HttpClient client = HttpClient.newHttpClient();
      URI uri = running.uri("/telemetry/query");
      List<CompletableFuture<HttpResponse<String>>> inFlight = new ArrayList<>();
      for (int i = 0; i < 40; i++) {
        inFlight.add(
            client.sendAsync(
                HttpRequest.newBuilder(uri)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body))
                    .build(),
                HttpResponse.BodyHandlers.ofString()));
      }
      // Wait for the first answer so that the close below meets requests in flight.
      CompletableFuture.anyOf(inFlight.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
      running.close();
      for (CompletableFuture<HttpResponse<String>> request : inFlight) {
        try {
          HttpResponse<String> response = request.get(30, TimeUnit.SECONDS);
          if (response.statusCode() == 200) {
            acknowledged++;
          }
        } catch (java.util.concurrent.ExecutionException refused) {
          // Not accepted before the connector closed: not acknowledged, may or may not be stored.
        }
      }
    }
    assertThat(acknowledged).isPositive();
    try (TestServer reopened = TestServer.start(dataDir)) {
      assertThat(reopened.events().size()).isGreaterThanOrEqualTo(acknowledged * 100);
    }
  }

  @Test
  void closeIsIdempotent() {
    TestServer server = TestServer.start(dataDir);
    server.close();
    server.close();
  }

  @Test
  void configRefusesInvalidValuesNamingTheField() {
    assertThatThrownBy(() -> ServerConfig.builder().port(70000)).hasMessageContaining("port");
    assertThatThrownBy(() -> ServerConfig.builder().adminToken("short")).hasMessageContaining("admin-token");
    assertThatThrownBy(() -> ServerConfig.builder().drainTimeout(Duration.ofSeconds(-1)))
        .hasMessageContaining("drainTimeout");
    assertThatThrownBy(() -> ServerConfig.builder().host(" ")).hasMessageContaining("host");
  }

  @Test
  void configDefaultsMatchTheDocumentation() {
    ServerConfig config = ServerConfig.builder().build();
    assertThat(config.host()).isEqualTo("0.0.0.0");
    assertThat(config.port()).isEqualTo(8080);
    assertThat(config.dataDir()).isEqualTo(Path.of("pulse-data"));
    assertThat(config.adminToken()).isNull();
    assertThat(config.contextKey()).isNull();
    assertThat(config.store()).isEqualTo(new StoreLocation.DuckDb(Path.of("pulse-data")));
    assertThat(config.toString()).doesNotContain("secret");
  }

  @Test
  void configResolvesTheStoreUrlOnceAtBuildAgainstTheFinalDataDir() {
    Path chosenLater = Path.of("/srv/pulse");
    String url = "postgresql://u:secret@db.internal/pulse";

    assertThat(ServerConfig.builder().store("duckdb:").dataDir(chosenLater).build().store())
        .isEqualTo(new StoreLocation.DuckDb(chosenLater));
    assertThat(ServerConfig.builder().dataDir(chosenLater).build().store())
        .isEqualTo(new StoreLocation.DuckDb(chosenLater));
    ServerConfig postgres = ServerConfig.builder().store(url).build();
    assertThat(postgres.store()).isEqualTo(StoreLocation.parse(url, chosenLater));
    assertThat(postgres.toString()).contains("PostgreSQL at").doesNotContain("secret");
    assertThat(postgres.toBuilder().dataDir(chosenLater).build().store()).isEqualTo(postgres.store());
    assertThat(ServerConfig.builder().build().toBuilder().dataDir(chosenLater).build().store())
        .as("the default store follows the data dir of a derived config")
        .isEqualTo(new StoreLocation.DuckDb(chosenLater));
    assertThatThrownBy(() -> ServerConfig.builder().store("mysql://db/pulse")).hasMessageContaining("store must be");
  }

  @Test
  void configuredRoutesAreServedAndApiRoutesNeedTheToken() {
    try (TestServer server =
        TestServer.start(
            dataDir,
            b ->
                b.routes((app, services) -> app.get("/api/v1/hello", ctx -> ctx.result("hi")))
                    .routes((app, services) -> app.get("/hello", ctx -> ctx.result("public")))) ) {
      assertThat(server.get("/hello", null).body()).isEqualTo("public");
      assertThat(server.get("/api/v1/hello", null).statusCode()).isEqualTo(401);
      assertThat(server.get("/api/v1/hello", TestServer.ADMIN_TOKEN).body()).isEqualTo("hi");
    }
  }
}
